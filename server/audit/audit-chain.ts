// The access log's hash chain, pure: the canonical serialisation of an entry, its hash, and the check of a run of
// entries. The format is defined in README.md; changing anything here breaks every existing log.
import crypto from 'node:crypto';
import type { AuditBreakReason } from '../contracts.ts';

/** prev_hash of the very first entry */
export const GENESIS_HASH = '0'.repeat(64);
/** first element of the serialised array: names the format, so a future format cannot be confused with this one */
export const CHAIN_FORMAT = 'mat-than-audit-1';

/** The hashed fields of an entry, as stored. */
export interface ChainEntry {
  id: number;
  atMs: number;
  at: string;
  userId: number | null;
  username: string;
  displayName: string;
  role: string;
  action: string;
  cameraId: string | null;
  cameraName: string | null;
  incidentId: number | null;
  detail: string | null;
  ip: string | null;
  prevHash: string;
}

export interface StoredChainEntry extends ChainEntry {
  hash: string;
}

/**
 * The canonical serialisation: a JSON array (ECMAScript JSON.stringify: no whitespace, strings with only `"`, `\`
 * and control characters escaped, everything else as is) of the format name then the fields in this fixed order,
 * null for an absent value. Encoded as UTF-8 before hashing.
 */
export function canonicalize(e: ChainEntry): string {
  return JSON.stringify([
    CHAIN_FORMAT, e.id, e.atMs, e.at, e.userId, e.username, e.displayName, e.role, e.action,
    e.cameraId, e.cameraName, e.incidentId, e.detail, e.ip, e.prevHash,
  ]);
}

/** SHA-256 (lower-case hex) of the canonical serialisation. */
export function entryHash(e: ChainEntry): string {
  return crypto.createHash('sha256').update(canonicalize(e), 'utf8').digest('hex');
}

export type ChainBreak = { id: number; reason: AuditBreakReason; message: string };

/**
 * Checks entries one at a time, in id order (feed it straight from a database cursor). The first break is kept;
 * later entries are not looked at once the chain is broken.
 */
export class ChainVerifier {
  private prevId = 0;
  private prevHash = GENESIS_HASH;
  count = 0;
  broken: ChainBreak | null = null;

  /** false once the chain is broken */
  push(e: StoredChainEntry): boolean {
    if (this.broken) return false;
    this.count++;
    if (e.id !== this.prevId + 1) {
      const missing = this.prevId + 1;
      this.broken = e.id > missing
        ? {
          id: missing, reason: 'missing-entry',
          message: e.id === missing + 1 ? `Entry ${missing} is missing (deleted).` : `Entries ${missing}–${e.id - 1} are missing (deleted).`,
        }
        : { id: e.id, reason: 'chain-mismatch', message: `Entry ${e.id} is out of order.` };
      return false;
    }
    if (entryHash(e) !== e.hash) {
      this.broken = { id: e.id, reason: 'hash-mismatch', message: `Entry ${e.id} was changed after it was written.` };
      return false;
    }
    if (e.prevHash !== this.prevHash) {
      this.broken = {
        id: e.id, reason: 'chain-mismatch',
        message: `Entry ${e.id} does not follow entry ${this.prevId}: entries were inserted, replaced or reordered.`,
      };
      return false;
    }
    this.prevId = e.id;
    this.prevHash = e.hash;
    return true;
  }

  get head(): { id: number; hash: string } | null {
    return this.prevId ? { id: this.prevId, hash: this.prevHash } : null;
  }
}

/** Verifies a whole run (tests, small logs). */
export function verifyChain(entries: Iterable<StoredChainEntry>): { ok: true; entries: number; head: { id: number; hash: string } | null } | { ok: false; entries: number; firstBrokenId: number; reason: AuditBreakReason; message: string } {
  const v = new ChainVerifier();
  for (const e of entries) if (!v.push(e)) break;
  if (v.broken) return { ok: false, entries: v.count, firstBrokenId: v.broken.id, reason: v.broken.reason, message: v.broken.message };
  return { ok: true, entries: v.count, head: v.head };
}
