// Issue 8.6: bounded hashing leaves libuv's thread pool to file I/O. A burst of 40 hashes is queued, then a file is
// read: with at most 2 hashes in the pool the read finds a free thread at once, so (almost) no hash finishes before
// it; unbounded, the read waits behind the burst. An ordering, not a timing.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PasswordHasher } from '../../../server/auth/password-hash.ts';

describe('PasswordHasher', () => {
  it('runs at most maxConcurrent hashes, and verifies like the plain functions', async () => {
    const h = new PasswordHasher(2);
    let peak = 0;
    const jobs = Array.from({ length: 8 }, (_, i) => h.hash(`pw-${i}-x9`).then((s) => {
      peak = Math.max(peak, h.load.active);
      return s;
    }));
    expect(h.load).toEqual({ active: 2, waiting: 6 });
    const hashes = await Promise.all(jobs);
    expect(peak).toBeLessThanOrEqual(2);
    expect(h.load).toEqual({ active: 0, waiting: 0 });
    expect(await h.verify('pw-3-x9', hashes[3]!)).toBe(true);
    expect(await h.verify('pw-3-x8', hashes[3]!)).toBe(false);
  }, 60_000);

  it('lets a file read through while 40 hashes are queued', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'hasher-')), 'f.bin');
    fs.writeFileSync(file, Buffer.alloc(4096, 7));
    const h = new PasswordHasher(2);
    let hashed = 0;
    const burst = Array.from({ length: 40 }, (_, i) => h.hash(`burst-${i}-pw1`).then(() => void hashed++));
    await fs.promises.readFile(file);
    const before = hashed;
    await Promise.all(burst);
    console.log(`hashes finished before a file read issued after 40 queued hashes: ${before} of 40`);
    expect(before).toBeLessThanOrEqual(4);
  }, 120_000);
});
