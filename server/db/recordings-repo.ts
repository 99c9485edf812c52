import type { Db } from './database.ts';

export interface RecordingRow {
  id: number;
  cameraId: string;
  stream: string;
  startAt: number;
  endAt: number;
  bytes: number;
  initBytes: number;
  path: string;
  complete: boolean;
}

/**
 * The `stream` of a camera's audio files (AAC, beside the video files of the recorded stream, cut when they are):
 * retention, the incident hold and crash repair treat them as any segment; the timeline, VOD video and clips'
 * video read only the others.
 */
export const AUDIO_STREAM = 'audio';

const COLUMNS = `id, camera_id AS cameraId, stream, start_at AS startAt, end_at AS endAt, bytes,
  init_bytes AS initBytes, path, complete`;

function fix(row: unknown): RecordingRow {
  const r = row as Omit<RecordingRow, 'complete'> & { complete: number };
  return { ...r, complete: r.complete === 1 };
}

/** The segment index: every SQL statement about recorded footage. */
export class RecordingsRepo {
  constructor(private readonly db: Db) {}

  open(r: { cameraId: string; stream: string; startAt: number; initBytes: number; path: string }): number {
    return Number(this.db.prepare(`INSERT INTO recordings (camera_id, stream, start_at, end_at, init_bytes, bytes, path)
      VALUES (?, ?, ?, ?, ?, ?, ?)`).run(r.cameraId, r.stream, r.startAt, r.startAt, r.initBytes, r.initBytes, r.path)
      .lastInsertRowid);
  }

  /** Progress of an open file (called per segment rotation and periodically, not per fragment). */
  progress(id: number, endAt: number, bytes: number, complete = false): void {
    this.db.prepare('UPDATE recordings SET end_at = ?, bytes = ?, complete = ? WHERE id = ?')
      .run(endAt, bytes, complete ? 1 : 0, id);
  }

  incomplete(): RecordingRow[] {
    return this.db.prepare(`SELECT ${COLUMNS} FROM recordings WHERE complete = 0`).all().map(fix);
  }

  byPath(rel: string): RecordingRow | undefined {
    const row = this.db.prepare(`SELECT ${COLUMNS} FROM recordings WHERE path = ?`).get(rel);
    return row ? fix(row) : undefined;
  }

  get(id: number): RecordingRow | undefined {
    const row = this.db.prepare(`SELECT ${COLUMNS} FROM recordings WHERE id = ?`).get(id);
    return row ? fix(row) : undefined;
  }

  all(): RecordingRow[] {
    return this.db.prepare(`SELECT ${COLUMNS} FROM recordings`).all().map(fix);
  }

  /** Video segments of one camera overlapping [from, to), oldest first; `audio`: its audio files instead. */
  overlapping(cameraId: string, from: number, to: number, kind: 'video' | 'audio' = 'video'): RecordingRow[] {
    // start_at < to uses the index; the lower bound allows for a segment that started before `from`
    return this.db.prepare(`SELECT ${COLUMNS} FROM recordings WHERE camera_id = ? AND start_at < ?
      AND start_at >= ? - 3600000 AND end_at > ? AND (stream = '${AUDIO_STREAM}') = ? ORDER BY start_at`)
      .all(cameraId, to, from, from, kind === 'audio' ? 1 : 0).map(fix);
  }

  /** Start and end of a camera's segments overlapping [from, to), oldest first: one walk of the covering index. */
  spans(cameraId: string, from: number, to: number): { startAt: number; endAt: number }[] {
    return this.db.prepare(`SELECT start_at AS startAt, end_at AS endAt FROM recordings WHERE camera_id = ?
      AND start_at < ? AND start_at >= ? - 3600000 AND end_at > ? AND stream <> '${AUDIO_STREAM}' ORDER BY start_at`)
      .all(cameraId, to, from, from) as { startAt: number; endAt: number }[];
  }

  /** Closed segments, oldest first, strictly after the given one (keyset), for retention. */
  oldest(limit: number, after = { startAt: -1, id: 0 }): RecordingRow[] {
    return this.db.prepare(`SELECT ${COLUMNS} FROM recordings WHERE complete = 1 AND (start_at, id) > (?, ?)
      ORDER BY start_at, id LIMIT ?`).all(after.startAt, after.id, limit).map(fix);
  }

  /** Closed segments of one camera that ended before `beforeMs`. */
  endedBefore(cameraId: string, beforeMs: number, limit: number): RecordingRow[] {
    return this.db.prepare(`SELECT ${COLUMNS} FROM recordings WHERE camera_id = ? AND complete = 1
      AND start_at < ? AND end_at < ? ORDER BY start_at LIMIT ?`).all(cameraId, beforeMs, beforeMs, limit).map(fix);
  }

  cameraIds(): string[] {
    return this.db.prepare('SELECT DISTINCT camera_id FROM recordings').pluck().all() as string[];
  }

  totalBytes(): number {
    return this.db.prepare('SELECT COALESCE(SUM(bytes), 0) FROM recordings').pluck().get() as number;
  }

  delete(id: number): void {
    this.db.prepare('DELETE FROM recordings WHERE id = ?').run(id);
  }

  /**
   * Whether footage of a camera in [fromMs, toMs) is under an incident hold: an incident on that camera whose
   * window [occurred - pre-roll, occurred + post-roll] overlaps it (rolls are at most 300 s: schema bound), or a
   * range its owner handed over on request (at most 24 h: config bound; migrations 013, 014).
   */
  isHeld(cameraId: string, fromMs: number, toMs: number): boolean {
    const iso = (ms: number) => new Date(ms).toISOString();
    return this.db.prepare(`SELECT 1 FROM incident_cameras c JOIN incidents i ON i.id = c.incident_id
      WHERE c.camera_id = ? AND c.range_from_ms IS NULL AND i.occurred_at > ? AND i.occurred_at < ?
      AND (unixepoch(i.occurred_at) - i.pre_roll_sec) * 1000 < ? AND (unixepoch(i.occurred_at) + i.post_roll_sec) * 1000 > ?
      UNION ALL
      SELECT 1 FROM incident_cameras c WHERE c.camera_id = ? AND c.range_from_ms IS NOT NULL
      AND c.range_from_ms > ? AND c.range_from_ms < ? AND c.range_to_ms > ?
      LIMIT 1`).get(cameraId, iso(fromMs - 301_000), iso(toMs + 301_000), toMs, fromMs,
      cameraId, fromMs - 86_400_000, toMs, fromMs) !== undefined;
  }
}
