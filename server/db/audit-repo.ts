import type { StoredChainEntry } from '../audit/audit-chain.ts';
import type { Db } from './database.ts';

/** A stored access-log row (the hashed fields and the hash). */
export type AuditRow = StoredChainEntry;

/** Filters of a page: all optional; `beforeId` is the keyset cursor (newest first). */
export interface AuditFilter {
  cameraIds?: readonly string[];
  userId?: number;
  action?: string;
  fromMs?: number;
  toMs?: number;
  beforeId?: number;
}

const COLUMNS = `id, at_ms AS atMs, at, user_id AS userId, username, display_name AS displayName, role, action,
  camera_id AS cameraId, camera_name AS cameraName, incident_id AS incidentId, detail, ip, prev_hash AS prevHash, hash`;

/** The append-only access log (audit_log). The only SQL of server/audit. */
export class AuditRepo {
  private readonly insertStmt;
  private readonly headStmt;
  private readonly appendTx;

  constructor(private readonly db: Db) {
    this.insertStmt = db.prepare(`INSERT INTO audit_log (id, at_ms, at, user_id, username, display_name, role, action,
      camera_id, camera_name, incident_id, detail, ip, prev_hash, hash)
      VALUES (@id, @atMs, @at, @userId, @username, @displayName, @role, @action,
      @cameraId, @cameraName, @incidentId, @detail, @ip, @prevHash, @hash)`);
    // the next id AUTOINCREMENT would give: never reused, even after the newest row was deleted behind our back
    this.headStmt = db.prepare(`SELECT
      (SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1) AS hash,
      MAX(COALESCE((SELECT seq FROM sqlite_sequence WHERE name = 'audit_log'), 0),
          COALESCE((SELECT MAX(id) FROM audit_log), 0)) AS lastId`);
    this.appendTx = db.transaction((build: (id: number, prevHash: string | null) => AuditRow) => {
      const head = this.headStmt.get() as { hash: string | null; lastId: number };
      const row = build(head.lastId + 1, head.hash);
      this.insertStmt.run(row);
      return row;
    });
  }

  /**
   * Appends one entry: `build` gets the next id and the previous entry's hash and returns the full row.
   * Runs in one IMMEDIATE transaction, so the chain stays one chain even with another writer on the file.
   */
  append(build: (id: number, prevHash: string | null) => AuditRow): AuditRow {
    return this.appendTx.immediate(build);
  }

  /** Newest first, at most `limit` rows. */
  page(f: AuditFilter, limit: number): AuditRow[] {
    const { where, params } = whereOf(f);
    return this.db.prepare(`SELECT ${COLUMNS} FROM audit_log ${where} ORDER BY id DESC LIMIT ?`)
      .all(...params, limit) as AuditRow[];
  }

  /** Oldest first, ids above `afterId`, at most `limit` rows (CSV export, in chunks). */
  pageAsc(f: AuditFilter, afterId: number, limit: number): AuditRow[] {
    const { where, params } = whereOf({ ...f, beforeId: undefined });
    const w = where ? `${where} AND id > ?` : 'WHERE id > ?';
    return this.db.prepare(`SELECT ${COLUMNS} FROM audit_log ${w} ORDER BY id LIMIT ?`)
      .all(...params, afterId, limit) as AuditRow[];
  }

  /** The whole log in id order, `limit` rows after `afterId` (chain check, in chunks). */
  chunk(afterId: number, limit: number): AuditRow[] {
    return this.db.prepare(`SELECT ${COLUMNS} FROM audit_log WHERE id > ? ORDER BY id LIMIT ?`).all(afterId, limit) as AuditRow[];
  }

  count(): number {
    return this.db.prepare('SELECT COUNT(*) FROM audit_log').pluck().get() as number;
  }
}

function whereOf(f: AuditFilter): { where: string; params: unknown[] } {
  const clauses: string[] = [];
  const params: unknown[] = [];
  if (f.cameraIds) {
    if (f.cameraIds.length === 0) clauses.push('0');
    else {
      clauses.push(`camera_id IN (${f.cameraIds.map(() => '?').join(', ')})`);
      params.push(...f.cameraIds);
    }
  }
  if (f.userId !== undefined) {
    clauses.push('user_id = ?');
    params.push(f.userId);
  }
  if (f.action !== undefined) {
    clauses.push('action = ?');
    params.push(f.action);
  }
  if (f.fromMs !== undefined) {
    clauses.push('at_ms >= ?');
    params.push(f.fromMs);
  }
  if (f.toMs !== undefined) {
    clauses.push('at_ms < ?');
    params.push(f.toMs);
  }
  if (f.beforeId !== undefined) {
    clauses.push('id < ?');
    params.push(f.beforeId);
  }
  return { where: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '', params };
}
