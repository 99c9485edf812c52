// Shared with the web app (type-only there; re-exported by server/contracts.ts).
// The access log (/api/audit), append-only and hash-chained.
import type { Role } from '../contracts.ts';

/**
 * What was done: a closed list, the hub refuses to log anything else. A value (the web app imports it for the
 * access log's filter, in this order), and the union below is made from it.
 */
export const AUDIT_ACTIONS = [
  'live-view-start', 'live-view-end', 'playback', 'snapshot', 'export', 'clip-download',
  'consent-change', 'footage-request', 'request-approved', 'request-declined', 'login', 'logout',
  'camera-approved', 'camera-declined', 'invitation-created', 'invitation-revoked',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** One entry of the access log. */
export interface AuditEntryDto {
  id: number;
  /** UTC, ISO 8601, and the same instant in milliseconds */
  at: string;
  atMs: number;
  userId: number | null;
  username: string;
  displayName: string;
  role: Role;
  action: AuditAction;
  cameraId: string | null;
  /** the camera's name when the entry was written */
  cameraName: string | null;
  incidentId: number | null;
  /** e.g. the stream watched, the span played back */
  detail: string | null;
  /** the client address as the hub saw it; not shown to residents */
  ip: string | null;
  /** SHA-256 (hex) of the previous entry; 64 zeros for the first */
  prevHash: string;
  hash: string;
}

/** GET /api/audit: newest first, keyset paging. */
export interface AuditPageDto {
  entries: AuditEntryDto[];
  /** pass as `cursor` for the next (older) page; null on the last page */
  nextCursor: string | null;
}

/** Why the chain is broken at `firstBrokenId`. */
export type AuditBreakReason =
  /** the entry's content no longer gives its hash: a field was changed (or the row was renumbered) */
  | 'hash-mismatch'
  /** the entry does not point at the entry before it: rows inserted, removed with their ids rewritten, or reordered */
  | 'chain-mismatch'
  /** ids are not consecutive: the entry with this id was deleted */
  | 'missing-entry';

/** GET /api/audit/verify */
export type AuditVerifyDto =
  | { ok: true; entries: number; /** the newest entry, to note down and compare later (a cut tail) */ head: { id: number; hash: string } | null }
  | { ok: false; entries: number; firstBrokenId: number; reason: AuditBreakReason; message: string };
