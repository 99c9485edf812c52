// Retention against a real SQLite index and real files in a temp directory.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { beforeEach, describe, expect, it } from 'vitest';
import { migrate, openDatabase, type Db } from '../../../server/db/database.ts';
import { IncidentsRepo } from '../../../server/db/incidents-repo.ts';
import { RecordingsRepo } from '../../../server/db/recordings-repo.ts';
import { UsersRepo } from '../../../server/db/users-repo.ts';
import { Retention } from '../../../server/recording/retention.ts';

const MIN = 60_000;
const T0 = Date.parse('2026-11-20T00:00:00Z');
let db: Db;
let dir: string;
let repo: RecordingsRepo;

function segment(cameraId: string, k: number, bytes = 1000): number {
  const rel = path.join(cameraId, '2026-11-20', `${k}.mp4`);
  fs.mkdirSync(path.join(dir, path.dirname(rel)), { recursive: true });
  fs.writeFileSync(path.join(dir, rel), Buffer.alloc(bytes));
  const id = repo.open({ cameraId, stream: 'sub', startAt: T0 + k * MIN, initBytes: 100, path: rel });
  repo.progress(id, T0 + (k + 1) * MIN, bytes, true);
  return id;
}

function holdAt(cameraId: string, atMs: number) {
  const users = new UsersRepo(db);
  const uid = users.byUsername('op')?.id ?? users.insert({ username: 'op', displayName: 'Op', role: 'operator', passwordHash: 'x' });
  const inc = new IncidentsRepo(db);
  inc.seedCategories([{ id: 'theft', vi: 'Trộm cắp', en: 'Theft' }]);
  inc.insert({ title: 't', categoryId: 'theft', status: 'new', occurredAt: new Date(atMs).toISOString(), preRollSec: 10,
    postRollSec: 20, assigneeId: null, createdBy: uid }, [{ id: cameraId, name: cameraId }]);
}

const quiet = pino({ level: 'silent' });
const remaining = () => repo.all().map((r) => `${r.cameraId}:${(r.startAt - T0) / MIN}`).sort();

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'retention-'));
  db = openDatabase(path.join(dir, 'hub.sqlite'));
  migrate(db);
  repo = new RecordingsRepo(db);
});

describe('Retention', () => {
  it('deletes the oldest unheld footage first until under the quota, never held footage', () => {
    for (let k = 0; k < 6; k++) segment('cam-a', k);
    for (let k = 0; k < 3; k++) segment('cam-b', k);
    holdAt('cam-a', T0 + 0.5 * MIN); // inside segment 0 of cam-a
    const r = new Retention(repo, { dir, retentionDays: () => 30, maxTotalBytes: 5000, minFreeBytes: 0 }, quiet);
    const res = r.run(T0 + 10 * MIN);
    expect(res).toMatchObject({ deleted: 4, freedBytes: 4000, stillShort: false });
    // oldest first by start time across cameras: a0 is held; then b0, a1, b1, a2 go
    expect(remaining()).toEqual(['cam-a:0', 'cam-a:3', 'cam-a:4', 'cam-a:5', 'cam-b:2']);
    expect(fs.existsSync(path.join(dir, 'cam-a/2026-11-20/0.mp4'))).toBe(true);
    expect(fs.existsSync(path.join(dir, 'cam-b/2026-11-20/0.mp4'))).toBe(false);
    expect(repo.totalBytes()).toBe(5000);
  });

  it('holds the whole range a camera\'s owner handed over on request, however long, and nothing else of it', () => {
    for (let k = 0; k < 40; k++) segment('cam-a', k);
    // an incident at minute 2 (window 10 s before, 20 s after) with the owner's approved range 10:00–35:30 attached
    holdAt('cam-a', T0 + 2 * MIN + 30_000);
    const incidentId = db.prepare('SELECT id FROM incidents').pluck().get() as number;
    db.prepare(`INSERT INTO incident_cameras (incident_id, camera_id, camera_name, occurred_at, range_from_ms, range_to_ms)
      VALUES (?, 'cam-b', 'cam-b', ?, ?, ?)`).run(incidentId, new Date(T0 + 2 * MIN).toISOString(), T0 + 10 * MIN, T0 + 35.5 * MIN);
    for (let k = 0; k < 40; k++) segment('cam-b', k);
    const r = new Retention(repo, { dir, retentionDays: () => 30, maxTotalBytes: 1, minFreeBytes: 0 }, quiet);
    r.run(T0 + 60 * MIN);
    const left = (cam: string) => remaining().filter((x) => x.startsWith(`${cam}:`)).map((x) => Number(x.split(':')[1])).sort((a, b) => a - b);
    expect(left('cam-a')).toEqual([2]);
    expect(left('cam-b')).toEqual(Array.from({ length: 26 }, (_, i) => 10 + i)); // minutes 10 … 35
  });

  it('says when even deleting every unheld segment is not enough', () => {
    segment('cam-a', 0);
    segment('cam-a', 1);
    holdAt('cam-a', T0 + 0.5 * MIN);
    holdAt('cam-a', T0 + 1.5 * MIN);
    const r = new Retention(repo, { dir, retentionDays: () => 30, maxTotalBytes: 500, minFreeBytes: 0 }, quiet);
    expect(r.run(T0)).toMatchObject({ deleted: 0, stillShort: true });
    expect(remaining()).toEqual(['cam-a:0', 'cam-a:1']);
  });

  it('applies per-camera retention days, and a free-space floor', () => {
    for (let k = 0; k < 3; k++) segment('cam-a', k * 1440); // one segment a day: days 0, 1, 2
    for (let k = 0; k < 3; k++) segment('cam-b', k * 1440);
    const days = (id: string) => (id === 'cam-a' ? 1 : 30);
    const now = T0 + 3 * 1440 * MIN;
    new Retention(repo, { dir, retentionDays: days, maxTotalBytes: 0, minFreeBytes: 0 }, quiet).run(now);
    expect(remaining()).toEqual(['cam-a:2880', 'cam-b:0', 'cam-b:1440', 'cam-b:2880']);

    let free = 500; // pretend the disk has 500 bytes free; the floor wants 2000
    const r = new Retention(repo, { dir, retentionDays: days, maxTotalBytes: 0, minFreeBytes: 2000, freeBytes: () => free }, quiet);
    const res = r.run(now);
    expect(res.deleted).toBe(2);
    expect(remaining()).toEqual(['cam-a:2880', 'cam-b:2880']);
    free = 10_000;
    expect(r.purgeForSpace().deleted).toBe(1); // after ENOSPC at least one more goes, even if numbers look fine
  });

  it('leaves a file that is still being written', () => {
    const id = repo.open({ cameraId: 'cam-a', stream: 'sub', startAt: T0, initBytes: 100, path: 'cam-a/x.mp4' });
    const r = new Retention(repo, { dir, retentionDays: () => 1, maxTotalBytes: 1, minFreeBytes: 0 }, quiet);
    expect(r.run(T0 + 100 * 86_400_000).deleted).toBe(0);
    expect(repo.get(id)).toBeDefined();
  });
});
