// The incident service against a real SQLite file (migrations applied), nothing faked.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { IncidentDto, SessionUserDto } from '../../../server/contracts.ts';
import { CamerasRepo } from '../../../server/db/cameras-repo.ts';
import { migrate, openDatabase, type Db } from '../../../server/db/database.ts';
import { IncidentLogRepo } from '../../../server/db/incident-log-repo.ts';
import { IncidentsRepo } from '../../../server/db/incidents-repo.ts';
import { UsersRepo } from '../../../server/db/users-repo.ts';
import { AppError } from '../../../server/errors.ts';
import { IncidentService, searchWords } from '../../../server/incidents/incident-service.ts';
import { listIncidentsQuery } from '../../../server/incidents/incident-schemas.ts';

let db: Db;
let svc: IncidentService;
let officer: SessionUserDto;
const events: string[] = [];

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    return (e as AppError).code;
  }
  return 'no error';
}

beforeEach(() => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'incidents-'));
  db = openDatabase(path.join(dir, 'hub.sqlite'));
  migrate(db);
  const users = new UsersRepo(db);
  const id = users.insert({ username: 'canbo', displayName: 'Cán bộ Lan', role: 'police', passwordHash: 'x' });
  officer = { id, username: 'canbo', displayName: 'Cán bộ Lan', role: 'police', areaId: null, areaScope: null };
  const cams = new CamerasRepo(db);
  for (const [cid, name] of [['cam-a', 'Cổng chợ'], ['cam-b', 'Ngõ 5']] as const) {
    cams.insert({ id: cid, name, sourceKind: 'rtsp', mainUrl: 'rtsp://h/a', mainPasswordEnc: null, subUrl: null,
      subPasswordEnc: null, demoPattern: null, isDemo: false });
  }
  // small search tuning, so that a few thousand rows exercise every text-search path
  const repo = new IncidentsRepo(db, { walkRows: 500, rareHits: 100 });
  repo.seedCategories([
    { id: 'theft', vi: 'Trộm cắp', en: 'Theft' },
    { id: 'fire', vi: 'Cháy nổ', en: 'Fire' },
    { id: 'other', vi: 'Khác', en: 'Other' },
  ]);
  svc = new IncidentService(repo, new IncidentLogRepo(db), users, cams, { preRollSec: 10, postRollSec: 20 });
  events.length = 0;
  svc.on('created', (i) => events.push(`created:${i.id}`));
  svc.on('updated', (i) => events.push(`updated:${i.id}`));
});

describe('IncidentService', () => {
  it('creates an incident now with default rolls, a title, pending clips, a custody entry and an event', () => {
    const before = Date.now();
    const i = svc.create({ cameraIds: ['cam-a', 'cam-b', 'cam-a'], category: 'theft' }, { user: officer, ip: '127.0.0.1' });
    expect(i).toMatchObject({
      status: 'new', preRollSec: 10, postRollSec: 20, title: 'Trộm cắp — Cổng chợ, Ngõ 5',
      category: { id: 'theft', vi: 'Trộm cắp' }, createdBy: { username: 'canbo' }, assignee: null,
    });
    expect(Date.parse(i.occurredAt)).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000);
    expect(i.clips.map((c) => [c.cameraId, c.status])).toEqual([['cam-a', 'pending'], ['cam-b', 'pending']]);
    expect(events).toEqual([`created:${i.id}`]);
    const detail = svc.detail(i.id, { user: officer });
    expect(detail.notes).toEqual([]);
    const custody = db.prepare('SELECT action FROM custody_log WHERE incident_id = ? ORDER BY id').pluck().all(i.id);
    expect(custody).toEqual(['create', 'view']);
  });

  it('refuses unknown categories and cameras, and a time in the future', () => {
    expect(codeOf(() => svc.create({ cameraIds: ['cam-a'], category: 'nope' }, { user: officer }))).toBe('unknown-category');
    expect(codeOf(() => svc.create({ cameraIds: ['cam-x'], category: 'theft' }, { user: officer }))).toBe('camera-not-found');
    const future = new Date(Date.now() + 3600_000).toISOString();
    expect(codeOf(() => svc.create({ cameraIds: ['cam-a'], category: 'theft', occurredAt: future }, { user: officer })))
      .toBe('occurred-in-future');
  });

  it('follows the status workflow and records every change in the history', () => {
    const i = svc.create({ cameraIds: ['cam-a'], category: 'theft' }, { user: officer });
    expect(codeOf(() => svc.update(i.id, { status: 'resolved' }, { user: officer }))).toBe('invalid-status-transition');
    svc.update(i.id, { status: 'in_progress', assigneeId: officer.id }, { user: officer });
    svc.update(i.id, { status: 'resolved', category: 'fire', title: 'Cháy xe máy' }, { user: officer });
    expect(codeOf(() => svc.update(i.id, { assigneeId: 999 }, { user: officer }))).toBe('assignee-not-found');
    const dan = new UsersRepo(db).insert({ username: 'dan', displayName: 'Dân', role: 'resident', passwordHash: 'x' });
    expect(codeOf(() => svc.update(i.id, { assigneeId: dan }, { user: officer }))).toBe('assignee-not-staff');
    const d = svc.detail(i.id, { user: officer });
    expect(d).toMatchObject({ status: 'resolved', title: 'Cháy xe máy', category: { id: 'fire' }, assignee: { id: officer.id } });
    expect(d.history.map((h) => h.changes.map((c) => `${c.field}:${c.from}->${c.to}`))).toEqual([
      ['status:new->in_progress', `assigneeId:null->${officer.id}`],
      ['title:Trộm cắp — Cổng chợ->Cháy xe máy', 'categoryId:theft->fire', 'status:in_progress->resolved'],
    ]);
    svc.update(i.id, { status: 'closed' }, { user: officer });
    expect(codeOf(() => svc.update(i.id, { status: 'in_progress' }, { user: officer }))).toBe('invalid-status-transition');
  });

  it('filters by time, camera, category, status and text (diacritics folded), and pages by cursor', () => {
    const base = Date.parse('2026-11-01T00:00:00Z');
    const made: IncidentDto[] = [];
    for (let k = 0; k < 7; k++) {
      made.push(svc.create({
        cameraIds: [k % 2 ? 'cam-b' : 'cam-a'], category: k % 3 ? 'theft' : 'fire',
        occurredAt: new Date(base + k * 3600_000).toISOString(), title: k === 4 ? 'Mất trộm xe đạp ở cổng chợ' : undefined,
      }, { user: officer }));
    }
    svc.addNote(made[2]!.id, 'Nghi phạm mặc áo khoác xanh', { user: officer });
    const list = (q: Record<string, unknown>) => svc.list(listIncidentsQuery.parse(q), officer).incidents.map((i) => i.id);
    const ids = (ks: number[]) => ks.map((k) => made[k]!.id);

    expect(list({})).toEqual(ids([6, 5, 4, 3, 2, 1, 0]));
    expect(list({ cameraId: 'cam-b' })).toEqual(ids([5, 3, 1]));
    expect(list({ category: 'fire' })).toEqual(ids([6, 3, 0]));
    expect(list({ from: new Date(base + 2 * 3600_000).toISOString(), to: new Date(base + 4 * 3600_000).toISOString() }))
      .toEqual(ids([3, 2]));
    expect(list({ q: 'xe dap' })).toEqual(ids([4]));
    expect(list({ q: 'TRỘM  xe' })).toEqual(ids([4]));
    expect(list({ q: 'ao khoac' })).toEqual(ids([2]));
    expect(list({ q: '"); DROP TABLE incidents; --' })).toEqual([]);
    svc.update(made[1]!.id, { status: 'in_progress' }, { user: officer });
    expect(list({ status: 'in_progress' })).toEqual(ids([1]));

    const p1 = svc.list(listIncidentsQuery.parse({ limit: 3 }), officer);
    const p2 = svc.list(listIncidentsQuery.parse({ limit: 3, cursor: p1.nextCursor }), officer);
    const p3 = svc.list(listIncidentsQuery.parse({ limit: 3, cursor: p2.nextCursor }), officer);
    expect([...p1.incidents, ...p2.incidents, ...p3.incidents].map((i) => i.id)).toEqual(ids([6, 5, 4, 3, 2, 1, 0]));
    expect(p3.nextCursor).toBeNull();
    expect(codeOf(() => svc.list(listIncidentsQuery.parse({ cursor: 'garbage' }), officer))).toBe('bad-cursor');
  });

  it('keeps the custody log append-only', () => {
    const i = svc.create({ cameraIds: ['cam-a'], category: 'other' }, { user: officer });
    expect(() => db.prepare("UPDATE custody_log SET username = 'x' WHERE incident_id = ?").run(i.id)).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM custody_log WHERE incident_id = ?').run(i.id)).toThrow(/append-only/);
  });

  it('reads search text as plain words', () => {
    expect(searchWords('trộm "cắp" OR x*')).toEqual(['trộm', 'cắp', 'OR', 'x']);
    expect(searchWords('  -- ')).toBeUndefined();
  });

  it('finds words by walking time, through FTS, or along the whole range, with the same answers', () => {
    const base = Date.parse('2026-06-01T00:00:00Z');
    const ids: number[] = [];
    // "xe" is everywhere (the walk fills the page), "Đạp" in 5 old rows (FTS, under rareHits), "buýt" in
    // 150 old rows (over rareHits: tested along the range)
    for (let k = 0; k < 2100; k++) {
      const title = k % 500 === 7 ? `Mất xe Đạp ${k}` : k < 1500 && k % 10 === 3 ? `Xe buýt ${k}` : `Mất xe máy ${k}`;
      ids.push(svc.create({ cameraIds: ['cam-a'], category: 'theft', occurredAt: new Date(base + k * 60_000).toISOString(),
        title }, { user: officer }).id);
    }
    const list = (q: string) => svc.list(listIncidentsQuery.parse({ q, limit: 100 }), officer).incidents.map((i) => i.title);
    expect(list('dap')).toEqual(['Mất xe Đạp 2007', 'Mất xe Đạp 1507', 'Mất xe Đạp 1007', 'Mất xe Đạp 507', 'Mất xe Đạp 7']);
    expect(list('XE ĐẠP')).toEqual(list('dap'));
    const buyt = list('buyt');
    expect(buyt).toHaveLength(100);
    expect(buyt[0]).toBe('Xe buýt 1493');
    expect(buyt.at(-1)).toBe('Xe buýt 503');
    const common = list('mat xe');
    expect(common).toHaveLength(100);
    expect(common[0]).toBe('Mất xe máy 2099');
    const p1 = svc.list(listIncidentsQuery.parse({ q: 'xe', limit: 3 }), officer);
    const p2 = svc.list(listIncidentsQuery.parse({ q: 'xe', limit: 3, cursor: p1.nextCursor }), officer);
    expect([...p1.incidents, ...p2.incidents].map((i) => i.title)).toEqual(
      ['Mất xe máy 2099', 'Mất xe máy 2098', 'Mất xe máy 2097', 'Mất xe máy 2096', 'Mất xe máy 2095', 'Mất xe máy 2094']);
  });
});
