// Retention.releaseCamera (a resident withdrew consent) against a real SQLite index and real files: what an
// incident holds stays, the rest of that camera goes only when asked, other cameras and an open file are untouched.
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
let retention: Retention;

function segment(cameraId: string, k: number, complete = true): string {
  const rel = path.join(cameraId, '2026-11-20', `${k}.mp4`);
  fs.mkdirSync(path.join(dir, path.dirname(rel)), { recursive: true });
  fs.writeFileSync(path.join(dir, rel), Buffer.alloc(1000));
  const id = repo.open({ cameraId, stream: 'main', startAt: T0 + k * MIN, initBytes: 100, path: rel });
  repo.progress(id, T0 + (k + 1) * MIN, 1000, complete);
  return rel;
}

function incidentAt(cameraId: string, atMs: number) {
  const users = new UsersRepo(db);
  const uid = users.byUsername('ca')?.id ?? users.insert({ username: 'ca', displayName: 'Công an', role: 'police', passwordHash: 'x' });
  const inc = new IncidentsRepo(db);
  inc.seedCategories([{ id: 'theft', vi: 'Trộm cắp', en: 'Theft' }]);
  inc.insert({ title: 't', categoryId: 'theft', status: 'new', occurredAt: new Date(atMs).toISOString(), preRollSec: 10,
    postRollSec: 20, assigneeId: null, createdBy: uid }, [{ id: cameraId, name: cameraId }]);
}

const left = () => repo.all().map((r) => `${r.cameraId}:${(r.startAt - T0) / MIN}`).sort();

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'release-'));
  db = openDatabase(path.join(dir, 'hub.sqlite'));
  migrate(db);
  repo = new RecordingsRepo(db);
  retention = new Retention(repo, { dir, retentionDays: () => 30, maxTotalBytes: 0, minFreeBytes: 0 }, pino({ level: 'silent' }));
});

describe('Retention.releaseCamera', () => {
  it('counts what an incident holds and deletes nothing unless asked', async () => {
    for (let k = 0; k < 4; k++) segment('cam-r', k);
    incidentAt('cam-r', T0 + 1.5 * MIN); // its window [1:20, 1:50] lies in segment 1
    expect(await retention.releaseCamera('cam-r', false)).toEqual({ held: 1, heldBytes: 1000, deleted: 0, freedBytes: 0 });
    expect(left()).toHaveLength(4);
  });

  it('deletes the rest of that camera (rows and files), never held footage, an open file or another camera', async () => {
    const files = [0, 1, 2, 3].map((k) => segment('cam-r', k));
    const open = segment('cam-r', 4, false);
    segment('cam-p', 0);
    incidentAt('cam-r', T0 + 2.5 * MIN);
    expect(await retention.releaseCamera('cam-r', true)).toEqual({ held: 1, heldBytes: 1000, deleted: 3, freedBytes: 3000 });
    expect(left()).toEqual(['cam-p:0', 'cam-r:2', 'cam-r:4']);
    expect(files.map((f) => fs.existsSync(path.join(dir, f)))).toEqual([false, false, true, false]);
    expect(fs.existsSync(path.join(dir, open))).toBe(true);
    // asking again finds only the held segment
    expect(await retention.releaseCamera('cam-r', true)).toMatchObject({ held: 1, deleted: 0 });
  });
});
