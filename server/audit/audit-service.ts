// The access log: one hash chain in SQLite, written synchronously (a prepared INSERT in one transaction, tens of
// microseconds) from the places where people see or take footage. Never called per media fragment: live and VOD
// are logged on their playlist request, once per (user, camera, stream) per window (see `recordOnce`).
import type { AuditAction, AuditEntryDto, AuditPageDto, AuditVerifyDto, Role } from '../contracts.ts';
import type { AuditFilter, AuditRepo, AuditRow } from '../db/audit-repo.ts';
import { ChainVerifier, entryHash, GENESIS_HASH } from './audit-chain.ts';

export { AUDIT_ACTIONS } from '../contracts/audit.ts';

/** Who did it: the signed-in user (AuthedSession.user). */
export interface AuditActor {
  id: number;
  username: string;
  displayName: string;
  role: Role;
}

export interface AuditEvent {
  user: AuditActor;
  action: AuditAction;
  cameraId?: string | null;
  incidentId?: number | null;
  detail?: string | null;
  /** the client address as the hub sees it (req.ip, which honours server.trustProxy) */
  ip?: string | null;
}

export interface AuditOptions {
  /** repeated views of the same thing within this window are one entry (10 minutes) */
  dedupWindowMs: number;
  /** the camera's current name, written into the entry */
  cameraName?(cameraId: string): string | undefined;
  now?(): number;
}

export interface AuditQuery {
  cameraId?: string;
  userId?: number;
  action?: AuditAction;
  fromMs?: number;
  toMs?: number;
  /** the `nextCursor` of the previous page */
  cursor?: string;
  limit?: number;
}

const DEFAULT_LIMIT = 100;
/** remembered de-duplication keys before old ones are swept */
const DEDUP_SWEEP_AT = 10_000;

export class AuditService {
  /** last time each de-duplication key was written (ms) */
  private readonly recent = new Map<string, number>();
  private readonly now: () => number;

  constructor(
    private readonly repo: AuditRepo,
    private readonly o: AuditOptions,
  ) {
    this.now = o.now ?? Date.now;
  }

  /** Appends one entry to the chain and returns it. */
  record(e: AuditEvent): AuditEntryDto {
    const atMs = this.now();
    const cameraId = e.cameraId ?? null;
    const cameraName = cameraId ? this.o.cameraName?.(cameraId) ?? null : null;
    const row = this.repo.append((id, prevHash) => {
      const fields = {
        id, atMs, at: new Date(atMs).toISOString(),
        userId: e.user.id, username: e.user.username, displayName: e.user.displayName, role: e.user.role,
        action: e.action, cameraId, cameraName, incidentId: e.incidentId ?? null,
        detail: e.detail ?? null, ip: e.ip ?? null, prevHash: prevHash ?? GENESIS_HASH,
      };
      return { ...fields, hash: entryHash(fields) };
    });
    return toDto(row);
  }

  /**
   * Records the event unless the same user did the same thing (same action, camera, `key`) within the
   * de-duplication window; returns whether it was written. A refreshing player is one entry, not hundreds.
   */
  recordOnce(e: AuditEvent, key = ''): boolean {
    const now = this.now();
    const k = `${e.user.id}\u0000${e.action}\u0000${e.cameraId ?? ''}\u0000${e.incidentId ?? ''}\u0000${key}`;
    const last = this.recent.get(k);
    if (last !== undefined && now - last < this.o.dedupWindowMs) return false;
    if (this.recent.size >= DEDUP_SWEEP_AT) this.sweep(now);
    this.recent.set(k, now);
    this.record(e);
    return true;
  }

  /** Admins: the whole log, newest first. */
  list(q: AuditQuery): AuditPageDto {
    return this.page({ ...filterOf(q), cameraIds: q.cameraId ? [q.cameraId] : undefined }, q.limit, true);
  }

  /**
   * A resident: the entries about their own cameras (who watched them, when), newest first, without the client
   * address of the person who watched. The caller passes the cameras the permission module says they own.
   * Not exposed over HTTP yet (issue 9 brings camera ownership).
   */
  forCameraOwner(ownedCameraIds: readonly string[], q: AuditQuery): AuditPageDto {
    const ids = q.cameraId ? ownedCameraIds.filter((c) => c === q.cameraId) : ownedCameraIds;
    return this.page({ ...filterOf(q), cameraIds: ids }, q.limit, false);
  }

  /**
   * Recomputes the whole chain, oldest first, and names the first broken entry. Reads and hashes `chunk` entries
   * at a time and lets the event loop run in between, so checking a log of millions of entries never stalls the
   * hub's live video (about 15 µs per entry measured: 2,000 entries is ~30 ms).
   */
  async verify(chunk = 2000): Promise<AuditVerifyDto> {
    const v = new ChainVerifier();
    let after = 0;
    for (;;) {
      const rows = this.repo.chunk(after, chunk);
      for (const row of rows) if (!v.push(row)) break;
      if (v.broken || rows.length < chunk) break;
      after = rows[rows.length - 1]!.id;
      await new Promise((resolve) => setImmediate(resolve));
    }
    if (v.broken) {
      return { ok: false, entries: v.count, firstBrokenId: v.broken.id, reason: v.broken.reason, message: v.broken.message };
    }
    return { ok: true, entries: v.count, head: v.head };
  }

  /** The CSV header line (CRLF line ends, RFC 4180 quoting). */
  csvHeader(): string {
    return `${CSV_COLUMNS.join(',')}\r\n`;
  }

  /**
   * The matching entries oldest first, as CSV lines, in chunks: pass back `lastId` until it is null. Chunks let the
   * export wait for the socket between them (a database cursor cannot stay open across an await).
   */
  csvChunk(q: AuditQuery, afterId: number, size = 1000): { text: string; lastId: number | null } {
    const f = { ...filterOf(q), cameraIds: q.cameraId ? [q.cameraId] : undefined };
    const rows = this.repo.pageAsc(f, afterId, size);
    const text = rows.map((r) => `${CSV_COLUMNS.map((c) => csvCell(r[c])).join(',')}\r\n`).join('');
    return { text, lastId: rows.length === size ? rows[rows.length - 1]!.id : null };
  }

  private page(f: AuditFilter, limit = DEFAULT_LIMIT, withIp: boolean): AuditPageDto {
    const rows = this.repo.page(f, limit + 1);
    const more = rows.length > limit;
    const entries = rows.slice(0, limit).map((r) => (withIp ? toDto(r) : { ...toDto(r), ip: null }));
    return { entries, nextCursor: more ? String(entries[entries.length - 1]!.id) : null };
  }

  private sweep(now: number): void {
    for (const [k, t] of this.recent) if (now - t >= this.o.dedupWindowMs) this.recent.delete(k);
  }
}

const CSV_COLUMNS = [
  'id', 'at', 'userId', 'username', 'displayName', 'role', 'action', 'cameraId', 'cameraName', 'incidentId',
  'detail', 'ip', 'prevHash', 'hash',
] as const satisfies readonly (keyof AuditRow)[];

/** RFC 4180, and a leading = + - @ is prefixed with ' so a spreadsheet never runs a cell as a formula. */
export function csvCell(v: unknown): string {
  if (v === null || v === undefined) return '';
  let s = String(v);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function filterOf(q: AuditQuery): AuditFilter {
  const before = q.cursor !== undefined ? Number(q.cursor) : undefined;
  return {
    userId: q.userId, action: q.action, fromMs: q.fromMs, toMs: q.toMs,
    beforeId: before !== undefined && Number.isSafeInteger(before) && before > 0 ? before : undefined,
  };
}

function toDto(r: AuditRow): AuditEntryDto {
  return { ...r, role: r.role as Role, action: r.action as AuditAction };
}
