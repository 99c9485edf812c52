// The per-day and per-month report counts (migrations 010, 011) against the incidents themselves, in a real SQLite file: filled from
// existing incidents when the migration runs, then kept by the triggers through inserts and edits.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { migrate, openDatabase, type Db } from '../../../server/db/database.ts';
import { IncidentsRepo } from '../../../server/db/incidents-repo.ts';
import { ReportsRepo } from '../../../server/db/reports-repo.ts';
import { formatDay, localDayOf } from '../../../server/reports/period.ts';

const MIGRATIONS = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../../server/db/migrations');
const KINDS = ['theft', 'fire', 'other'];
const STATUSES = ['new', 'in_progress', 'resolved', 'closed'] as const;

function rng(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

/** what the report must say, computed from the rows in JS with our own local-day rule */
function truth(db: Db, from: string, to: string) {
  const kinds = new Map<string, number>();
  const cams = new Map<string, number>();
  for (const r of db.prepare('SELECT category_id AS c, status AS s, occurred_at AS at FROM incidents').all() as { c: string; s: string; at: string }[]) {
    const day = formatDay(localDayOf(Date.parse(r.at)));
    if (day >= from && day < to) kinds.set(`${r.c}/${r.s}`, (kinds.get(`${r.c}/${r.s}`) ?? 0) + 1);
  }
  for (const r of db.prepare('SELECT camera_id AS c, occurred_at AS at FROM incident_cameras').all() as { c: string; at: string }[]) {
    const day = formatDay(localDayOf(Date.parse(r.at)));
    if (day >= from && day < to) cams.set(r.c, (cams.get(r.c) ?? 0) + 1);
  }
  return { kinds, cams };
}

function check(db: Db, reports: ReportsRepo) {
  // whole months (monthly counts), part-months at either end (daily counts), within one month, one day
  for (const [from, to] of [['2025-01-01', '2026-01-01'], ['2025-03-01', '2025-03-02'], ['2024-12-31', '2025-02-01'],
    ['2025-01-15', '2025-07-20'], ['2025-02-03', '2025-02-25'], ['2025-04-01', '2025-04-30']] as const) {
    const want = truth(db, from, to);
    const got = new Map(reports.countsByKindStatus({ from, to }).map((r) => [`${r.categoryId}/${r.status}`, r.n]));
    expect(got).toEqual(want.kinds);
    expect(reports.countsByCamera({ from, to })).toEqual(want.cams);
    const total = [...want.kinds.values()].reduce((a, b) => a + b, 0);
    expect([...reports.countsByDay({ from, to }).values()].reduce((a, b) => a + b, 0)).toBe(total);
    expect(reports.countTotal({ from, to })).toBe(total);
  }
}

it('fills the counts from existing incidents when migrating, then follows inserts, status and kind changes', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'report-counts-'));
  const before = path.join(dir, 'migrations-before');
  fs.mkdirSync(before);
  for (const f of fs.readdirSync(MIGRATIONS).filter((f) => f < '010')) fs.copyFileSync(path.join(MIGRATIONS, f), path.join(before, f));
  const db = openDatabase(path.join(dir, 'hub.sqlite'));
  migrate(db, before);
  // the schema as it was before migration 010: a user written the way that schema knew (UsersRepo follows the newest)
  const uid = Number(db.prepare(`INSERT INTO users (username, display_name, role, password_hash, created_at, updated_at)
    VALUES ('u', 'U', 'police', 'x', ?, ?)`).run(new Date().toISOString(), new Date().toISOString()).lastInsertRowid);
  const incidents = new IncidentsRepo(db);
  incidents.seedCategories(KINDS.map((id) => ({ id, vi: id, en: id })));
  const r = rng(3);
  // times around local midnights on purpose: every 17:00Z boundary of 2025 is near
  const add = () => {
    const day = Date.UTC(2024, 11, 20) + Math.floor(r() * 400) * 86_400_000;
    const at = new Date(day + 17 * 3600_000 + Math.floor((r() - 0.5) * 7200_000)).toISOString();
    const cams = r() < 0.3 ? [{ id: 'a', name: 'A' }, { id: 'b', name: 'B' }] : [{ id: r() < 0.5 ? 'a' : 'c', name: 'X' }];
    return incidents.insert({ title: 't', categoryId: KINDS[Math.floor(r() * 3)]!, status: 'new', occurredAt: at, preRollSec: 0,
      postRollSec: 0, assigneeId: null, createdBy: uid }, cams);
  };
  const ids = Array.from({ length: 600 }, add);
  expect(migrate(db)).toEqual(expect.arrayContaining([10, 11]));
  const reports = new ReportsRepo(db);
  check(db, reports);

  ids.push(...Array.from({ length: 300 }, add));
  for (const id of ids.filter(() => r() < 0.4)) {
    incidents.update(id, { status: STATUSES[1 + Math.floor(r() * 3)]!, ...(r() < 0.5 ? { categoryId: KINDS[Math.floor(r() * 3)]! } : {}) });
  }
  incidents.update(ids[0]!, { title: 'only the title' });
  check(db, reports);
  db.close();
});
