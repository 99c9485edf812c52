// Camera status history and alerts: all of their SQL (migration 009-camera-health.sql).
import type { AlertDto, AlertKind, AlertSeverity, StreamStatus, UserRefDto } from '../contracts.ts';
import type { Db } from './database.ts';

export interface StatusRow {
  id: number;
  cameraId: string;
  status: StreamStatus;
  reason: string | null;
  /** ms since the epoch */
  at: number;
}

/** An alert as stored: the DTO's fields, with the acknowledgement as two columns. */
export interface AlertRow extends Omit<AlertDto, 'acknowledged'> {
  ackedAt: string | null;
  ackedBy: UserRefDto | null;
}

export interface NewAlert {
  kind: AlertKind;
  severity: AlertSeverity;
  cameraId: string | null;
  cameraName: string | null;
  incidentId?: number | null;
  message: string;
  detail?: Record<string, unknown> | null;
  relatedId?: number | null;
  at: string;
}

export interface AlertQuery {
  /** only alerts nobody acknowledged */
  open: boolean;
  /** kinds that may be listed (the reader's role decides) */
  kinds: AlertKind[];
  /** ids below this one (keyset paging, newest first) */
  before?: number;
  limit: number;
  /** cameras whose alerts the reader may not see */
  hiddenCameras?: string[];
}

const ALERT_COLUMNS = `a.id, a.kind, a.severity, a.camera_id AS cameraId, a.camera_name AS cameraName,
  a.incident_id AS incidentId, a.message, a.detail, a.related_id AS relatedId, a.created_at AS createdAt,
  a.last_at AS lastAt, a.count, a.resolved_at AS resolvedAt, a.acked_at AS ackedAt, a.acked_by AS ackedById,
  u.username AS ackedByUsername, u.display_name AS ackedByName`;
const ALERT_FROM = 'FROM alerts a LEFT JOIN users u ON u.id = a.acked_by';

type RawAlert = Omit<AlertRow, 'detail' | 'ackedBy'> & {
  detail: string | null; ackedById: number | null; ackedByUsername: string | null; ackedByName: string | null;
};

function fixAlert(r: RawAlert): AlertRow {
  const { ackedById, ackedByUsername, ackedByName, detail, ...rest } = r;
  return {
    ...rest,
    detail: detail ? (JSON.parse(detail) as Record<string, unknown>) : null,
    ackedBy: ackedById !== null ? { id: ackedById, username: ackedByUsername ?? '', displayName: ackedByName ?? '' } : null,
  };
}

export class HealthRepo {
  constructor(private readonly db: Db) {}

  // ── status history ──────────────────────────────────────────────────────────────────────────────────────

  lastStatus(cameraId: string): StatusRow | undefined {
    return this.db.prepare(`SELECT id, camera_id AS cameraId, status, reason, at FROM camera_status_history
      WHERE camera_id = ? ORDER BY at DESC, id DESC LIMIT 1`).get(cameraId) as StatusRow | undefined;
  }

  /** The two newest rows of a camera, newest first (for coalescing a short blip). */
  lastTwo(cameraId: string): StatusRow[] {
    return this.db.prepare(`SELECT id, camera_id AS cameraId, status, reason, at FROM camera_status_history
      WHERE camera_id = ? ORDER BY at DESC, id DESC LIMIT 2`).all(cameraId) as StatusRow[];
  }

  addStatus(cameraId: string, status: StreamStatus, reason: string | null, at: number): void {
    this.db.prepare('INSERT INTO camera_status_history (camera_id, status, reason, at) VALUES (?, ?, ?, ?)')
      .run(cameraId, status, reason, at);
  }

  deleteStatus(id: number): void {
    this.db.prepare('DELETE FROM camera_status_history WHERE id = ?').run(id);
  }

  /** Cameras whose newest row is not idle (the hub stopped while they were wanted). */
  camerasNotIdle(): StatusRow[] {
    return this.db.prepare(`SELECT h.id, h.camera_id AS cameraId, h.status, h.reason, h.at FROM camera_status_history h
      WHERE h.id = (SELECT id FROM camera_status_history WHERE camera_id = h.camera_id ORDER BY at DESC, id DESC LIMIT 1)
        AND h.status <> 'idle'`).all() as StatusRow[];
  }

  /** The rows of a camera from `from` to `to`, preceded by the last row before `from` (the state at `from`). */
  statusSince(cameraId: string, from: number, to: number): StatusRow[] {
    const before = this.db.prepare(`SELECT id, camera_id AS cameraId, status, reason, at FROM camera_status_history
      WHERE camera_id = ? AND at < ? ORDER BY at DESC, id DESC LIMIT 1`).get(cameraId, from) as StatusRow | undefined;
    const rows = this.db.prepare(`SELECT id, camera_id AS cameraId, status, reason, at FROM camera_status_history
      WHERE camera_id = ? AND at >= ? AND at <= ? ORDER BY at, id`).all(cameraId, from, to) as StatusRow[];
    return before ? [before, ...rows] : rows;
  }

  /** The newest offline row that carries a reason. */
  lastOffline(cameraId: string): StatusRow | undefined {
    return this.db.prepare(`SELECT id, camera_id AS cameraId, status, reason, at FROM camera_status_history
      WHERE camera_id = ? AND status = 'offline' AND reason IS NOT NULL ORDER BY at DESC, id DESC LIMIT 1`).get(cameraId) as StatusRow | undefined;
  }

  /** Deletes rows older than `before`, keeping each camera's newest such row (the state at the cut). */
  purgeStatus(before: number): number {
    return this.db.prepare(`DELETE FROM camera_status_history WHERE at < ? AND id NOT IN (
      SELECT (SELECT id FROM camera_status_history i WHERE i.camera_id = o.camera_id AND i.at < ? ORDER BY at DESC, id DESC LIMIT 1)
      FROM (SELECT DISTINCT camera_id FROM camera_status_history WHERE at < ?) o)`).run(before, before, before).changes;
  }

  // ── alerts ────────────────────────────────────────────────────────────────────────────────────────────────

  addAlert(a: NewAlert): AlertRow {
    const id = this.db.prepare(`INSERT INTO alerts (kind, severity, camera_id, camera_name, incident_id, message, detail,
      related_id, created_at, last_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(
      a.kind, a.severity, a.cameraId, a.cameraName, a.incidentId ?? null, a.message, a.detail ? JSON.stringify(a.detail) : null,
      a.relatedId ?? null, a.at, a.at,
    ).lastInsertRowid;
    return this.alert(Number(id))!;
  }

  alert(id: number): AlertRow | undefined {
    const r = this.db.prepare(`SELECT ${ALERT_COLUMNS} ${ALERT_FROM} WHERE a.id = ?`).get(id) as RawAlert | undefined;
    return r && fixAlert(r);
  }

  listAlerts(q: AlertQuery): AlertRow[] {
    if (q.kinds.length === 0) return [];
    const kinds = q.kinds.map(() => '?').join(', ');
    const rows = this.db.prepare(`SELECT ${ALERT_COLUMNS} ${ALERT_FROM}
      WHERE a.kind IN (${kinds}) ${q.open ? 'AND a.acked_at IS NULL' : ''} ${q.before !== undefined ? 'AND a.id < ?' : ''}
        AND (a.camera_id IS NULL OR a.camera_id NOT IN (SELECT value FROM json_each(?)))
      ORDER BY a.id DESC LIMIT ?`).all(...q.kinds, ...(q.before !== undefined ? [q.before] : []),
      JSON.stringify(q.hiddenCameras ?? []), q.limit) as RawAlert[];
    return rows.map(fixAlert);
  }

  countOpen(cameraId: string, kinds: AlertKind[]): number {
    if (kinds.length === 0) return 0;
    return this.db.prepare(`SELECT COUNT(*) FROM alerts WHERE camera_id = ? AND acked_at IS NULL
      AND kind IN (${kinds.map(() => '?').join(', ')})`).pluck().get(cameraId, ...kinds) as number;
  }

  /** The camera's offline alert whose outage has not ended yet. */
  unresolvedOffline(cameraId: string): AlertRow | undefined {
    const r = this.db.prepare(`SELECT ${ALERT_COLUMNS} ${ALERT_FROM} WHERE a.camera_id = ? AND a.kind = 'camera-offline'
      AND a.resolved_at IS NULL ORDER BY a.id DESC LIMIT 1`).get(cameraId) as RawAlert | undefined;
    return r && fixAlert(r);
  }

  /** An alert of that kind and camera nobody acknowledged yet (storage repeats are folded into it). */
  openOf(kind: AlertKind, cameraId: string | null): AlertRow | undefined {
    const r = this.db.prepare(`SELECT ${ALERT_COLUMNS} ${ALERT_FROM} WHERE a.kind = ? AND a.camera_id IS ? AND a.acked_at IS NULL
      ORDER BY a.id DESC LIMIT 1`).get(kind, cameraId) as RawAlert | undefined;
    return r && fixAlert(r);
  }

  /** Alerts that point at this one (the back-online alert of an offline alert). */
  relatedTo(id: number): AlertRow[] {
    return (this.db.prepare(`SELECT ${ALERT_COLUMNS} ${ALERT_FROM} WHERE a.related_id = ?`).all(id) as RawAlert[]).map(fixAlert);
  }

  repeatAlert(id: number, message: string, detail: Record<string, unknown> | null, at: string): void {
    this.db.prepare('UPDATE alerts SET count = count + 1, last_at = ?, message = ?, detail = ? WHERE id = ?')
      .run(at, message, detail ? JSON.stringify(detail) : null, id);
  }

  resolve(id: number, at: string): void {
    this.db.prepare('UPDATE alerts SET resolved_at = ? WHERE id = ? AND resolved_at IS NULL').run(at, id);
  }

  /** Marks the alerts acknowledged by `userId` (those already acknowledged keep who and when). Returns the changed ids. */
  ack(ids: number[], userId: number, at: string): number[] {
    const stmt = this.db.prepare('UPDATE alerts SET acked_at = ?, acked_by = ? WHERE id = ? AND acked_at IS NULL');
    return this.db.transaction(() => ids.filter((id) => stmt.run(at, userId, id).changes > 0))();
  }

  /** Deletes acknowledged alerts created before `before` (ISO). */
  purgeAlerts(before: string): number {
    return this.db.prepare('DELETE FROM alerts WHERE acked_at IS NOT NULL AND created_at < ?').run(before).changes;
  }
}
