import fs from 'node:fs';
import path from 'node:path';
import type { Logger } from 'pino';
import type { RecordingRow, RecordingsRepo } from '../db/recordings-repo.ts';

export interface RetentionOptions {
  /** recordings directory (paths in the index are relative to it) */
  dir: string;
  /** days to keep a camera's footage (its own setting or the default) */
  retentionDays(cameraId: string): number;
  /** 0 = no quota */
  maxTotalBytes: number;
  /** keep at least this much free on the recordings disk */
  minFreeBytes: number;
  /** free bytes on the recordings disk (fs.statfs by default; injectable so tests can simulate a full disk) */
  freeBytes?: () => number;
}

export interface RetentionResult {
  deleted: number;
  freedBytes: number;
  /** still short of space after deleting every unheld segment */
  stillShort: boolean;
}

const BATCH = 500;

export function diskFreeBytes(dir: string): number {
  const s = fs.statfsSync(dir);
  return s.bavail * s.bsize;
}

/**
 * Deletes footage, oldest first: past each camera's retention days, then while over the quota or under the
 * free-space floor. Footage under an incident hold is never deleted here, nor is a file still being written.
 */
export class Retention {
  private readonly freeBytes: () => number;

  constructor(private readonly repo: RecordingsRepo, private readonly o: RetentionOptions, private readonly logger: Logger) {
    this.freeBytes = o.freeBytes ?? (() => diskFreeBytes(o.dir));
  }

  run(now = Date.now()): RetentionResult {
    const result: RetentionResult = { deleted: 0, freedBytes: 0, stillShort: false };
    for (const cameraId of this.repo.cameraIds()) {
      const before = now - this.o.retentionDays(cameraId) * 86_400_000;
      for (;;) {
        const batch = this.repo.endedBefore(cameraId, before, BATCH).filter((r) => !this.held(r));
        batch.forEach((r) => this.remove(r, result));
        if (batch.length < BATCH) break;
      }
    }
    result.stillShort = this.makeRoom(result);
    return result;
  }

  /** Frees space now (after ENOSPC): same rules, quota and floor only. */
  purgeForSpace(): RetentionResult {
    const result: RetentionResult = { deleted: 0, freedBytes: 0, stillShort: false };
    result.stillShort = this.makeRoom(result, true);
    return result;
  }

  /**
   * A camera whose owner withdrew consent: counts the closed segments an incident's window holds (they stay, the
   * police's legal hold) and, with `remove`, deletes every other closed segment of it now (files and rows). The same
   * hold as retention; a file still being written is left alone. Yields to the event loop between batches.
   */
  async releaseCamera(cameraId: string, remove: boolean): Promise<{ held: number; heldBytes: number; deleted: number; freedBytes: number }> {
    const result: RetentionResult = { deleted: 0, freedBytes: 0, stillShort: false };
    let held = 0;
    let heldBytes = 0;
    // every closed segment of the camera, oldest first (LIMIT -1: no limit)
    const rows = this.repo.endedBefore(cameraId, Number.MAX_SAFE_INTEGER, -1);
    for (let i = 0; i < rows.length; i++) {
      const r = rows[i]!;
      if (this.held(r)) {
        held++;
        heldBytes += r.bytes;
      } else if (remove) this.remove(r, result);
      if (i % BATCH === BATCH - 1) await new Promise((resolve) => setImmediate(resolve));
    }
    if (result.deleted > 0) this.logger.info({ cameraId, deleted: result.deleted, held }, 'recordings deleted at the owner\'s request');
    return { held, heldBytes, deleted: result.deleted, freedBytes: result.freedBytes };
  }

  private makeRoom(result: RetentionResult, force = false): boolean {
    let total = this.repo.totalBytes();
    let free = this.freeBytes();
    const short = () => (this.o.maxTotalBytes > 0 && total > this.o.maxTotalBytes) || free < this.o.minFreeBytes;
    // after ENOSPC the floor was evidently not enough: free at least one batch even if the numbers look fine
    let mustFree = force;
    let after = { startAt: -1, id: 0 };
    while (short() || mustFree) {
      const batch = this.repo.oldest(BATCH, after);
      if (batch.length === 0) return short() || mustFree;
      for (const r of batch) {
        after = { startAt: r.startAt, id: r.id };
        if (this.held(r)) continue;
        this.remove(r, result);
        total -= r.bytes;
        free += r.bytes;
        mustFree = false;
        if (!short() && !mustFree) break;
      }
    }
    return false;
  }

  private held(r: RecordingRow): boolean {
    return this.repo.isHeld(r.cameraId, r.startAt, r.endAt);
  }

  private remove(r: RecordingRow, result: RetentionResult) {
    const file = path.join(this.o.dir, r.path);
    try {
      fs.unlinkSync(file);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') {
        this.logger.warn({ err, path: r.path }, 'could not delete a recording');
        return;
      }
    }
    this.repo.delete(r.id);
    result.deleted++;
    result.freedBytes += r.bytes;
    const day = path.dirname(file);
    try {
      fs.rmdirSync(day); // only succeeds once the day folder is empty
    } catch { /* not empty */ }
  }
}
