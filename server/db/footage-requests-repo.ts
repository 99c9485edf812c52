import type { FootageRequestStatus, Role } from '../contracts.ts';
import type { Db } from './database.ts';

/** A footage request with what the people answering it need to see (camera, incident, requester, clip). */
export interface FootageRequestRow {
  id: number;
  cameraId: string;
  cameraName: string;
  cameraPlace: string | null;
  /** the camera's owner (null once a camera became the post's own: nobody may answer then) */
  ownerId: number | null;
  areaId: number | null;
  incidentId: number | null;
  incidentTitle: string | null;
  requestedBy: number;
  requesterUsername: string;
  requesterName: string;
  requesterRole: Role;
  category: string | null;
  reason: string;
  fromMs: number;
  toMs: number;
  status: FootageRequestStatus;
  answeredBy: number | null;
  answererName: string | null;
  answeredAt: string | null;
  answerNote: string | null;
  createdAt: string;
  /** the clip of this camera in the incident (approved requests) */
  clipStatus: 'pending' | 'ready' | 'failed' | null;
  clipError: string | null;
}

export type NewFootageRequest = Pick<FootageRequestRow, 'cameraId' | 'incidentId' | 'requestedBy' | 'category' | 'reason' | 'fromMs' | 'toMs'>;

/** Who is looking: a camera owner sees the requests on their cameras, an officer those in their areas and their own. */
export type FootageRequestScope =
  | { kind: 'owner'; userId: number }
  | { kind: 'officer'; userId: number; areaScope: readonly number[] | null };

const SELECT = `SELECT r.id, r.camera_id AS cameraId, k.name AS cameraName, k.place AS cameraPlace, k.owner_id AS ownerId,
  k.area_id AS areaId, r.incident_id AS incidentId, i.title AS incidentTitle, r.requested_by AS requestedBy,
  u.username AS requesterUsername, u.display_name AS requesterName, u.role AS requesterRole, r.category, r.reason, r.from_ms AS fromMs, r.to_ms AS toMs,
  r.status, r.answered_by AS answeredBy, a.display_name AS answererName, r.answered_at AS answeredAt,
  r.answer_note AS answerNote, r.created_at AS createdAt,
  CASE WHEN r.status = 'approved' THEN c.clip_status END AS clipStatus,
  CASE WHEN r.status = 'approved' THEN c.clip_error END AS clipError
  FROM footage_requests r
  JOIN cameras k ON k.id = r.camera_id
  JOIN users u ON u.id = r.requested_by
  LEFT JOIN users a ON a.id = r.answered_by
  LEFT JOIN incidents i ON i.id = r.incident_id
  LEFT JOIN incident_cameras c ON c.incident_id = r.incident_id AND c.camera_id = r.camera_id`;

export class FootageRequestsRepo {
  constructor(private readonly db: Db) {}

  /** Runs `fn` in one transaction (an answer and the clip it hands over land together or not at all). */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  insert(r: NewFootageRequest, createdAt: string): number {
    return Number(this.db.prepare(`INSERT INTO footage_requests (camera_id, incident_id, requested_by, category, reason,
      from_ms, to_ms, status, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'pending', ?)`)
      .run(r.cameraId, r.incidentId, r.requestedBy, r.category, r.reason, r.fromMs, r.toMs, createdAt).lastInsertRowid);
  }

  get(id: number): FootageRequestRow | undefined {
    return this.db.prepare(`${SELECT} WHERE r.id = ?`).get(id) as FootageRequestRow | undefined;
  }

  /** Newest first, at most `limit`. */
  list(scope: FootageRequestScope, status: FootageRequestStatus | undefined, limit: number): FootageRequestRow[] {
    const where: string[] = [];
    const p: Record<string, unknown> = { limit, userId: scope.userId };
    if (scope.kind === 'owner') where.push('k.owner_id = @userId');
    else if (scope.areaScope !== null) {
      where.push('(r.requested_by = @userId OR k.area_id IN (SELECT value FROM json_each(@scope)))');
      p.scope = JSON.stringify(scope.areaScope);
    }
    if (status) {
      where.push('r.status = @status');
      p.status = status;
    }
    return this.db.prepare(`${SELECT} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY r.id DESC LIMIT @limit`)
      .all(p) as FootageRequestRow[];
  }

  /** Pending requests made before `beforeIso` become expired; returns their ids. */
  expire(beforeIso: string): number[] {
    return this.db.prepare(`UPDATE footage_requests SET status = 'expired' WHERE status = 'pending' AND created_at < ?
      RETURNING id`).pluck().all(beforeIso) as number[];
  }

  /** Closes a pending request (answer or withdrawal); false when it was no longer pending. */
  close(id: number, status: Exclude<FootageRequestStatus, 'pending'>, by: number | null, note: string | null, at: string): boolean {
    return this.db.prepare(`UPDATE footage_requests SET status = ?, answered_by = ?, answer_note = ?, answered_at = ?
      WHERE id = ? AND status = 'pending'`).run(status, by, note, at, id).changes > 0;
  }

  /** Names the incident an approved request opened. */
  setIncident(id: number, incidentId: number): void {
    this.db.prepare('UPDATE footage_requests SET incident_id = ? WHERE id = ?').run(incidentId, id);
  }

  /** Whether the incident already holds a clip of the camera, or an open request would bring one. */
  clipTaken(cameraId: string, incidentId: number): boolean {
    return this.db.prepare(`SELECT EXISTS (SELECT 1 FROM incident_cameras WHERE incident_id = @incidentId AND camera_id = @cameraId)
      OR EXISTS (SELECT 1 FROM footage_requests WHERE incident_id = @incidentId AND camera_id = @cameraId AND status = 'pending')`)
      .pluck().get({ cameraId, incidentId }) === 1;
  }

  /**
   * Adds the camera to the incident with its clip pending, cut from [fromMs, toMs) rather than the incident's
   * pre/post-roll (IncidentsRepo.pendingClips reads the range).
   */
  attachClip(incidentId: number, camera: { id: string; name: string }, occurredAt: string, fromMs: number, toMs: number): void {
    this.db.prepare(`INSERT INTO incident_cameras (incident_id, camera_id, camera_name, occurred_at, range_from_ms, range_to_ms)
      VALUES (?, ?, ?, ?, ?, ?)`).run(incidentId, camera.id, camera.name, occurredAt, fromMs, toMs);
  }

  /** The approved requests whose clip is that of the camera in the incident. */
  approvedFor(incidentId: number, cameraId: string): number[] {
    return this.db.prepare(`SELECT id FROM footage_requests WHERE incident_id = ? AND camera_id = ? AND status = 'approved'`)
      .pluck().all(incidentId, cameraId) as number[];
  }
}
