// The access log service on a real SQLite file with the hub's migrations: chain, de-duplication, paging, filters,
// owner view, CSV, and the triggers that refuse UPDATE and DELETE.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AuditService, csvCell, type AuditActor } from '../../../server/audit/audit-service.ts';
import { GENESIS_HASH } from '../../../server/audit/audit-chain.ts';
import { AuditRepo } from '../../../server/db/audit-repo.ts';
import { migrate, openDatabase, type Db } from '../../../server/db/database.ts';

const admin: AuditActor = { id: 1, username: 'admin', displayName: 'Quản trị viên', role: 'admin' };
const officer: AuditActor = { id: 2, username: 'nam.ca', displayName: 'Trần Văn Nam', role: 'police' };

let dir: string;
let db: Db;
let clock: number;
let audit: AuditService;

function open() {
  db = openDatabase(path.join(dir, 'hub.sqlite'));
  migrate(db);
  audit = new AuditService(new AuditRepo(db), {
    dedupWindowMs: 600_000, now: () => clock, cameraName: (id) => (id === 'cam-1' ? 'Cổng UBND xã' : undefined),
  });
}

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'audit-unit-'));
  clock = Date.UTC(2026, 10, 25, 1, 0, 0);
  open();
});
afterEach(() => {
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('recording', () => {
  it('chains entries from the genesis value, with the time in ms and ISO and the camera name of the moment', async () => {
    const a = audit.record({ user: officer, action: 'snapshot', cameraId: 'cam-1', ip: '10.0.0.7' });
    clock += 1000;
    const b = audit.record({ user: admin, action: 'login', ip: '127.0.0.1' });
    expect(a).toMatchObject({
      id: 1, atMs: Date.UTC(2026, 10, 25, 1, 0, 0), at: '2026-11-25T01:00:00.000Z', userId: 2, username: 'nam.ca',
      displayName: 'Trần Văn Nam', role: 'police', action: 'snapshot', cameraId: 'cam-1', cameraName: 'Cổng UBND xã',
      incidentId: null, detail: null, ip: '10.0.0.7', prevHash: GENESIS_HASH,
    });
    expect(b).toMatchObject({ id: 2, prevHash: a.hash, cameraId: null, cameraName: null });
    expect(await audit.verify()).toEqual({ ok: true, entries: 2, head: { id: 2, hash: b.hash } });
  });

  it('writes one entry per user, action, camera and key within the window, and a new one after it', async () => {
    const view = { user: officer, action: 'live-view-start' as const, cameraId: 'cam-1', ip: '10.0.0.7' };
    expect(audit.recordOnce(view, 'sub')).toBe(true);
    clock += 599_999;
    expect(audit.recordOnce(view, 'sub')).toBe(false);
    expect(audit.recordOnce(view, 'main')).toBe(true);
    expect(audit.recordOnce({ ...view, user: admin }, 'sub')).toBe(true);
    expect(audit.recordOnce({ ...view, cameraId: 'cam-2' }, 'sub')).toBe(true);
    clock += 1;
    expect(audit.recordOnce(view, 'sub')).toBe(true);
    expect(audit.list({}).entries.map((e) => [e.username, e.cameraId, e.id])).toEqual([
      ['nam.ca', 'cam-1', 5], ['nam.ca', 'cam-2', 4], ['admin', 'cam-1', 3], ['nam.ca', 'cam-1', 2], ['nam.ca', 'cam-1', 1],
    ]);
  });

  it('continues the same chain after the database is closed and opened again', async () => {
    audit.record({ user: admin, action: 'login' });
    const before = audit.record({ user: admin, action: 'logout' });
    db.close();
    open();
    const after = audit.record({ user: admin, action: 'login' });
    expect(after).toMatchObject({ id: 3, prevHash: before.hash });
    expect(await audit.verify()).toMatchObject({ ok: true, entries: 3 });
  });

  it('keeps one chain over thousands of writes; the cost of a write is measured here', async () => {
    const n = 2000;
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < n; i++) audit.record({ user: officer, action: 'playback', cameraId: 'cam-1', detail: `span ${i}`, ip: '10.0.0.7' });
    const usPerWrite = Number(process.hrtime.bigint() - t0) / 1000 / n;
    console.log(`audit: ${usPerWrite.toFixed(1)} µs per entry (${n} single writes, one transaction each)`);
    expect(await audit.verify()).toMatchObject({ ok: true, entries: n });
  });
});

describe('append-only', () => {
  it('refuses UPDATE and DELETE with the trigger message', async () => {
    audit.record({ user: admin, action: 'login' });
    expect(() => db.prepare("UPDATE audit_log SET username = 'x' WHERE id = 1").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit_log WHERE id = 1').run()).toThrow(/append-only/);
  });

  it('a tail cut behind its back leaves a gap the next entry shows (ids are never reused)', async () => {
    for (let i = 0; i < 5; i++) audit.record({ user: admin, action: 'login' });
    db.exec('DROP TRIGGER audit_log_no_delete');
    db.prepare('DELETE FROM audit_log WHERE id >= 4').run();
    expect(await audit.verify()).toMatchObject({ ok: true, entries: 3 }); // a cut tail alone is invisible without the noted head
    audit.record({ user: admin, action: 'logout' });
    expect(await audit.verify()).toMatchObject({ ok: false, firstBrokenId: 4, reason: 'missing-entry' });
  });
});

describe('verify in chunks', () => {
  it('names a row deleted or changed at a chunk boundary, and measures the check', async () => {
    for (let i = 0; i < 30; i++) audit.record({ user: admin, action: 'login', ip: `10.0.0.${i}` });
    expect(await audit.verify(10)).toMatchObject({ ok: true, entries: 30, head: { id: 30 } });
    db.exec('DROP TRIGGER audit_log_no_delete; DROP TRIGGER audit_log_no_update');
    db.prepare("UPDATE audit_log SET ip = '10.9.9.9' WHERE id = 21").run();
    expect(await audit.verify(10)).toMatchObject({ ok: false, firstBrokenId: 21, reason: 'hash-mismatch' });
    db.prepare('DELETE FROM audit_log WHERE id >= 20 AND id <= 21').run();
    expect(await audit.verify(10)).toMatchObject({ ok: false, firstBrokenId: 20, reason: 'missing-entry', entries: 20 });

    const fresh = path.join(dir, 'big.sqlite');
    const big = openDatabase(fresh);
    migrate(big);
    const bigAudit = new AuditService(new AuditRepo(big), { dedupWindowMs: 1 });
    for (let i = 0; i < 5000; i++) bigAudit.record({ user: officer, action: 'snapshot', cameraId: 'cam-1', ip: '10.0.0.7' });
    const t0 = process.hrtime.bigint();
    expect(await bigAudit.verify()).toMatchObject({ ok: true, entries: 5000 });
    console.log(`audit: verify ${(Number(process.hrtime.bigint() - t0) / 1000 / 5000).toFixed(1)} µs per entry (5,000 entries, chunks of 2,000)`);
    big.close();
  });
});

describe('reading', () => {
  beforeEach(() => {
    for (let i = 0; i < 25; i++) {
      clock += 60_000;
      audit.record({
        user: i % 2 ? officer : admin, action: i % 3 ? 'playback' : 'snapshot', cameraId: `cam-${i % 4}`, ip: `10.0.0.${i}`,
      });
    }
  });

  it('pages newest first by keyset cursor, with every entry once', async () => {
    const seen: number[] = [];
    let cursor: string | undefined;
    for (let pages = 0; pages < 10; pages++) {
      const page = audit.list({ limit: 10, cursor });
      seen.push(...page.entries.map((e) => e.id));
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    expect(seen).toEqual(Array.from({ length: 25 }, (_, i) => 25 - i));
  });

  it('filters by camera, user, action and time, combined', async () => {
    const all = audit.list({ limit: 500 }).entries;
    const pick = (f: (e: (typeof all)[number]) => boolean) => all.filter(f).map((e) => e.id);
    expect(audit.list({ cameraId: 'cam-1' }).entries.map((e) => e.id)).toEqual(pick((e) => e.cameraId === 'cam-1'));
    expect(audit.list({ userId: 2, action: 'snapshot' }).entries.map((e) => e.id))
      .toEqual(pick((e) => e.userId === 2 && e.action === 'snapshot'));
    const from = all[20]!.atMs;
    const to = all[5]!.atMs;
    expect(audit.list({ fromMs: from, toMs: to }).entries.map((e) => e.id)).toEqual(pick((e) => e.atMs >= from && e.atMs < to));
    expect(audit.list({ fromMs: from, toMs: to }).entries).toHaveLength(15);
  });

  it('shows a camera owner only the entries about their cameras, without the viewer\'s address', async () => {
    const page = audit.forCameraOwner(['cam-1', 'cam-3'], { limit: 500 });
    expect(page.entries.length).toBeGreaterThan(0);
    expect(new Set(page.entries.map((e) => e.cameraId))).toEqual(new Set(['cam-1', 'cam-3']));
    expect(page.entries.every((e) => e.ip === null)).toBe(true);
    expect(audit.forCameraOwner(['cam-1', 'cam-3'], { cameraId: 'cam-2' }).entries).toEqual([]);
    expect(audit.forCameraOwner([], {}).entries).toEqual([]);
  });

  it('exports CSV oldest first in chunks, every entry once', async () => {
    let text = audit.csvHeader();
    let after = 0;
    for (;;) {
      const c = audit.csvChunk({}, after, 7);
      text += c.text;
      if (c.lastId === null) break;
      after = c.lastId;
    }
    const lines = text.trimEnd().split('\r\n');
    expect(lines[0]).toBe('id,at,userId,username,displayName,role,action,cameraId,cameraName,incidentId,detail,ip,prevHash,hash');
    expect(lines.slice(1).map((l) => Number(l.split(',')[0]))).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
  });
});

describe('CSV cells', () => {
  it('quotes per RFC 4180 and defuses spreadsheet formulas', async () => {
    expect(csvCell('Trần "Nam", CA')).toBe('"Trần ""Nam"", CA"');
    expect(csvCell('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell(null)).toBe('');
    expect(csvCell(42)).toBe('42');
  });
});
