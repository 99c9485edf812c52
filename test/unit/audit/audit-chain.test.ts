// The access log's hash chain, pure: canonical serialisation, hashes, and each kind of tampering found.
import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  canonicalize, entryHash, GENESIS_HASH, verifyChain, type ChainEntry, type StoredChainEntry,
} from '../../../server/audit/audit-chain.ts';

function build(n: number): StoredChainEntry[] {
  const out: StoredChainEntry[] = [];
  let prev = GENESIS_HASH;
  for (let id = 1; id <= n; id++) {
    const atMs = Date.UTC(2026, 0, 1, 7, 0, id);
    const e: ChainEntry = {
      id, atMs, at: new Date(atMs).toISOString(), userId: 1 + (id % 3), username: `user${id % 3}`,
      displayName: id % 2 ? 'Trần Văn Nam' : 'Nguyễn Thị "Hoa"', role: id % 2 ? 'police' : 'admin',
      action: id % 2 ? 'live-view-start' : 'playback', cameraId: id % 4 ? `cam-${id % 4}` : null,
      cameraName: id % 4 ? `Cổng trường ${id % 4}` : null, incidentId: id === 3 ? 42 : null,
      detail: id % 2 ? 'hls sub' : null, ip: '127.0.0.1', prevHash: prev,
    };
    const stored = { ...e, hash: entryHash(e) };
    out.push(stored);
    prev = stored.hash;
  }
  return out;
}

/** re-hashes entry i and every later one, as a forger who knows the format would */
function rechainFrom(entries: StoredChainEntry[], i: number): void {
  for (let k = i; k < entries.length; k++) {
    const { hash: _h, ...fields } = entries[k]!;
    fields.prevHash = k === 0 ? GENESIS_HASH : entries[k - 1]!.hash;
    entries[k] = { ...fields, hash: entryHash(fields) };
  }
}

describe('canonical serialisation', () => {
  it('is a JSON array of the format name and the fields in a fixed order, nulls kept, UTF-8 as is', () => {
    const e = build(1)[0]!;
    expect(canonicalize(e)).toBe(
      `["mat-than-audit-1",1,${e.atMs},"2026-01-01T07:00:01.000Z",2,"user1","Trần Văn Nam","police","live-view-start",`
      + `"cam-1","Cổng trường 1",null,"hls sub","127.0.0.1","${GENESIS_HASH}"]`,
    );
    // the hash is SHA-256 over those UTF-8 bytes, lower-case hex
    expect(e.hash).toBe(crypto.createHash('sha256').update(Buffer.from(canonicalize(e), 'utf8')).digest('hex'));
    expect(e.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('does not depend on the order the object was built in, and escapes quotes', () => {
    const e = build(2)[1]!;
    const { hash: _h, ...fields } = e;
    const shuffled = Object.fromEntries(Object.entries(fields).reverse()) as unknown as ChainEntry;
    expect(canonicalize(shuffled)).toBe(canonicalize(fields));
    expect(canonicalize(fields)).toContain('"Nguyễn Thị \\"Hoa\\""');
  });

  it('tells null from an empty string and a number from its text', () => {
    const { hash: _h, ...a } = build(1)[0]!;
    expect(entryHash({ ...a, detail: '' })).not.toBe(entryHash({ ...a, detail: null }));
    expect(entryHash({ ...a, cameraId: '1' })).not.toBe(entryHash({ ...a, cameraId: null, incidentId: 1 }));
  });
});

describe('chain verification', () => {
  it('accepts an untouched chain and an empty one, and reports the head', () => {
    const chain = build(10);
    expect(verifyChain(chain)).toEqual({ ok: true, entries: 10, head: { id: 10, hash: chain[9]!.hash } });
    expect(verifyChain([])).toEqual({ ok: true, entries: 0, head: null });
    expect(chain[0]!.prevHash).toBe(GENESIS_HASH);
    expect(chain[5]!.prevHash).toBe(chain[4]!.hash);
  });

  it('names an entry whose field was changed', () => {
    for (const field of ['username', 'ip', 'action', 'atMs', 'cameraId', 'detail'] as const) {
      const chain = build(10);
      const value = chain[6]![field];
      chain[6] = { ...chain[6]!, [field]: typeof value === 'number' ? value + 1 : `${value ?? ''}x` };
      expect(verifyChain(chain), field).toMatchObject({ ok: false, firstBrokenId: 7, reason: 'hash-mismatch' });
    }
  });

  it('names an entry changed and re-hashed: the next one no longer points at it', () => {
    const chain = build(10);
    const { hash: _h, ...fields } = chain[3]!;
    fields.username = 'someone-else';
    chain[3] = { ...fields, hash: entryHash(fields) };
    expect(verifyChain(chain)).toMatchObject({ ok: false, firstBrokenId: 5, reason: 'chain-mismatch' });
  });

  it('names a deleted entry, and a deleted run', () => {
    const one = build(10);
    one.splice(4, 1);
    expect(verifyChain(one)).toMatchObject({ ok: false, firstBrokenId: 5, reason: 'missing-entry', message: 'Entry 5 is missing (deleted).' });
    const run = build(10);
    run.splice(2, 3);
    expect(verifyChain(run)).toMatchObject({ ok: false, firstBrokenId: 3, reason: 'missing-entry', message: 'Entries 3–5 are missing (deleted).' });
  });

  it('names a deleted entry even when later ids were renumbered to close the gap', () => {
    const chain = build(10);
    chain.splice(4, 1);
    for (let k = 4; k < chain.length; k++) chain[k] = { ...chain[k]!, id: k + 1 };
    expect(verifyChain(chain)).toMatchObject({ ok: false, firstBrokenId: 5, reason: 'hash-mismatch' });
  });

  it('names two rows swapped, whether their ids went with them or not', () => {
    const contents = build(10);
    const a = contents[2]!;
    const b = contents[3]!;
    contents[2] = { ...b, id: 3 };
    contents[3] = { ...a, id: 4 };
    expect(verifyChain(contents)).toMatchObject({ ok: false, firstBrokenId: 3, reason: 'hash-mismatch' });

    const rows = build(10);
    [rows[2], rows[3]] = [rows[3]!, rows[2]!];
    expect(verifyChain(rows)).toMatchObject({ ok: false, firstBrokenId: 3, reason: 'missing-entry' });
  });

  it('names a row inserted with a forged hash, and one inserted with a well-made hash', () => {
    const chain = build(10);
    const forged = { ...chain[9]!, id: 11, prevHash: chain[9]!.hash, hash: 'f'.repeat(64) };
    expect(verifyChain([...chain, forged])).toMatchObject({ ok: false, firstBrokenId: 11, reason: 'hash-mismatch' });

    // in the middle: the forger hashes the new row properly and renumbers the rest, or leaves them as they were
    const mid = build(10);
    const { hash: _h, ...fields } = mid[4]!;
    const inserted = { ...fields, id: 6, username: 'ghost', prevHash: mid[4]!.hash };
    const renumbered = [...mid.slice(0, 5), { ...inserted, hash: entryHash(inserted) }, ...mid.slice(5).map((e) => ({ ...e, id: e.id + 1 }))];
    expect(verifyChain(renumbered)).toMatchObject({ ok: false, firstBrokenId: 7, reason: 'hash-mismatch' });

    const sameIds = build(10);
    sameIds.splice(5, 0, { ...inserted, hash: entryHash(inserted) });
    expect(verifyChain(sameIds)).toMatchObject({ ok: false, firstBrokenId: 6, reason: 'chain-mismatch' });
  });

  it('cannot see a forger who re-hashes everything from the change on (why the head is worth noting down)', () => {
    const chain = build(10);
    const headBefore = chain[9]!.hash;
    chain[6] = { ...chain[6]!, username: 'rewritten' };
    rechainFrom(chain, 6);
    expect(verifyChain(chain)).toMatchObject({ ok: true, entries: 10 });
    expect((verifyChain(chain) as { head: { hash: string } }).head.hash).not.toBe(headBefore);
  });
});
