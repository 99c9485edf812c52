// The report's table by area (thôn / tổ dân phố): incidents counted under the area their camera is in, this period
// against the same period last year, in a real SQLite file with the counts kept by the database's triggers.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { migrate, openDatabase } from '../../../server/db/database.ts';
import { IncidentsRepo } from '../../../server/db/incidents-repo.ts';
import { ReportsRepo } from '../../../server/db/reports-repo.ts';
import { UsersRepo } from '../../../server/db/users-repo.ts';
import { parsePeriod } from '../../../server/reports/period.ts';
import { ReportService, type ReportCamera } from '../../../server/reports/report-service.ts';

it('counts incidents by the area of their camera, with a row for cameras in no area, against last year', () => {
  const db = openDatabase(path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'report-areas-')), 'hub.sqlite'));
  migrate(db);
  const uid = new UsersRepo(db).insert({ username: 'u', displayName: 'U', role: 'police', passwordHash: 'x' });
  const incidents = new IncidentsRepo(db);
  incidents.seedCategories([{ id: 'theft', vi: 'Trộm cắp', en: 'Theft' }]);
  const add = (at: string, cams: string[]) => incidents.insert({
    title: 't', categoryId: 'theft', status: 'new', occurredAt: at, preRollSec: 0, postRollSec: 0, assigneeId: null, createdBy: uid,
  }, cams.map((id) => ({ id, name: id })));
  // November 2026: two on tổ 1's camera, one on tổ 2's, one on the unplaced camera; November 2025: one on tổ 2's
  add('2026-11-03T02:00:00Z', ['t1-gate']);
  add('2026-11-10T02:00:00Z', ['t1-gate']);
  add('2026-11-12T02:00:00Z', ['t2-alley']);
  add('2026-11-20T02:00:00Z', ['market']);
  add('2025-11-15T02:00:00Z', ['t2-alley']);
  const cameras: ReportCamera[] = [
    { id: 't1-gate', name: 'Cổng tổ 1', groupName: null, recording: true, areaId: 11 },
    { id: 't2-alley', name: 'Ngõ tổ 2', groupName: null, recording: true, areaId: 12 },
    { id: 'market', name: 'Chợ', groupName: null, recording: true, areaId: null },
  ];
  const service = (areas?: { id: number; name: string }[]) => new ReportService({
    repo: new ReportsRepo(db), categories: () => incidents.categories(), cameras: () => cameras,
    commune: { kind: 'xã', name: 'Tân Lập', policePost: '' }, ...(areas ? { areas: () => areas } : {}),
    now: () => new Date('2026-11-25T00:00:00Z'),
  });
  const query = parsePeriod('2026-11-01', '2026-11-30');
  const rows = service([{ id: 10, name: 'Xã Tân Lập' }, { id: 11, name: 'Tổ 1' }, { id: 12, name: 'Tổ 2' }]).summary(query).areas;
  expect(rows.available).toBe(true);
  expect(rows.rows.map((r) => [r.labelVi, r.count, r.lastYear])).toEqual([
    ['Tổ 1', 2, 0], ['Tổ 2', 1, 1], ['Chưa gán khu vực', 1, 0],
  ]);
  // a commune that has not set up areas gets no table, as before
  expect(service().summary(query).areas).toEqual({ available: false, rows: [] });
});
