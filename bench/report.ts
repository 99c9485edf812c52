// The review report (GET /api/reports/summary) over 1,000,000 incidents (BENCH_INCIDENTS), generated as
// bench/evidence-db.ts does: 5 years, 120 cameras, 7 kinds. Ours reads the per-day and per-month counts that triggers
// keep (migrations 010, 011); the peer computes the same numbers the obvious way, GROUP BY over the incidents and
// incident_cameras tables with their indexes, in the same run. Both are checked to agree. Figures printed, never asserted.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { migrate, openDatabase, type Db } from '../server/db/database.ts';
import { IncidentsRepo } from '../server/db/incidents-repo.ts';
import { ReportsRepo } from '../server/db/reports-repo.ts';
import { dayStartUtc, formatDay, lastYearOf, localDayOf, type Period, parseDay } from '../server/reports/period.ts';
import { ReportService } from '../server/reports/report-service.ts';
import { CAMERAS, fillIncidents, rng, T_END, timeIt } from './evidence-db.ts';
import type { BenchContext } from './lib/context.ts';
import { fixed, percentile, table } from './lib/stats.ts';

const INCIDENTS = Number(process.env.BENCH_INCIDENTS ?? 1_000_000);
const RUNS = Number(process.env.BENCH_REPORT_RUNS ?? 200);
const PEER_RUNS = Math.max(10, Math.round(RUNS / 10));
const MIGRATIONS = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'server', 'db', 'migrations');

/** the same numbers as ReportService's, from the incidents themselves */
function naivePeer(db: Db) {
  const kinds = db.prepare(`SELECT category_id, status, COUNT(*) AS n FROM incidents WHERE occurred_at >= ? AND occurred_at < ?
    GROUP BY category_id, status`);
  const days = db.prepare(`SELECT date(occurred_at, '+7 hours') AS day, COUNT(*) AS n FROM incidents
    WHERE occurred_at >= ? AND occurred_at < ? GROUP BY day`);
  const cams = db.prepare(`SELECT camera_id, COUNT(*) AS n FROM incident_cameras WHERE occurred_at >= ? AND occurred_at < ?
    GROUP BY camera_id`);
  return (p: Period) => {
    let total = 0;
    for (const q of [p, lastYearOf(p)]) {
      const [from, to] = [dayStartUtc(q.from).toISOString(), dayStartUtc(q.to).toISOString()];
      for (const r of kinds.all(from, to) as { n: number }[]) total += r.n;
      days.all(from, to);
      cams.all(from, to);
    }
    return total;
  };
}

export async function runReport(ctx: BenchContext): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-report-'));
  try {
    // the incidents go in before the report's migrations, as on a hub upgraded with years of incidents: the
    // migrations fill the counts from them (timed), and the bulk insert does not pay for the triggers
    const before = path.join(dir, 'migrations-before-reports');
    fs.mkdirSync(before);
    for (const f of fs.readdirSync(MIGRATIONS).filter((f) => f.endsWith('.sql') && f < '010')) fs.copyFileSync(path.join(MIGRATIONS, f), path.join(before, f));
    const db = openDatabase(path.join(dir, 'hub.sqlite'));
    migrate(db, before);
    ctx.log(`data: ${INCIDENTS.toLocaleString('en')} incidents over 5 years, ${CAMERAS} cameras (BENCH_INCIDENTS to change); ${RUNS} reports per size, ${PEER_RUNS} for the peer`);
    fillIncidents(db, INCIDENTS, ctx.log, { fts: false }); // the report does not search text
    const t = Date.now();
    const applied = migrate(db);
    ctx.log(`  migrations ${applied.join(', ')} (report counts, filled from the incidents) applied in ${fixed((Date.now() - t) / 1000, 1)} s`);
    db.exec('ANALYZE');
    const rowsOf = (t: string) => (db.prepare(`SELECT COUNT(*) FROM ${t}`).pluck().get() as number).toLocaleString('en');
    ctx.log(`  counts: ${rowsOf('report_daily_incidents')} (day, kind, status) and ${rowsOf('report_daily_cameras')}`
      + ` (day, camera) rows; ${rowsOf('report_monthly_incidents')} (month, kind, status) and ${rowsOf('report_monthly_cameras')} (month, camera) rows`);

    const incidents = new IncidentsRepo(db);
    const cameras = Array.from({ length: CAMERAS }, (_, c) => ({ id: `cam-${c}`, name: `Camera ${c}`, groupName: null, recording: c % 2 === 0, areaId: null }));
    const reports = new ReportService({
      repo: new ReportsRepo(db), categories: () => incidents.categories(), cameras: () => cameras,
      commune: { kind: 'xã', name: 'Bench', policePost: '' },
    });
    const peer = naivePeer(db);

    // periods whose last year is inside the data: months, quarters and years ending by T_END
    const lastFull = localDayOf(T_END) - 1;
    const endYear = Number(formatDay(lastFull).slice(0, 4));
    const r = rng(11);
    const pick = <T>(xs: T[]) => xs[Math.floor(r() * xs.length)]!;
    const d = (y: number, m: number) => parseDay(`${y + Math.floor((m - 1) / 12)}-${String(((m - 1) % 12) + 1).padStart(2, '0')}-01`)!;
    const years = [endYear - 3, endYear - 2, endYear - 1];
    const sizes: { name: string; period: () => Period }[] = [
      { name: 'month', period: () => { const y = pick(years); const m = 1 + Math.floor(r() * 12); return { from: d(y, m), to: d(y, m + 1) }; } },
      { name: 'quarter', period: () => { const y = pick(years); const q = Math.floor(r() * 4); return { from: d(y, q * 3 + 1), to: d(y, q * 3 + 4) }; } },
      { name: 'year', period: () => { const y = pick(years); return { from: d(y, 1), to: d(y + 1, 1) }; } },
    ];

    const rows: string[][] = [['report (this period + last year)', 'incidents counted', 'ours p50 ms', 'ours p99 ms',
      'peer p50 ms', 'peer p99 ms', 'peer/ours (p99)']];
    for (const s of sizes) {
      const periods = Array.from({ length: RUNS }, s.period);
      let counted = 0;
      // agreement first: the same totals both ways
      for (const p of periods.slice(0, 5)) {
        const ours = reports.summary(p);
        const theirs = peer(p);
        if (ours.total.count + ours.total.lastYear !== theirs) throw new Error(`report disagrees with GROUP BY for ${formatDay(p.from)}: ${ours.total.count + ours.total.lastYear} vs ${theirs}`);
        counted = Math.max(counted, theirs);
      }
      const ours = timeIt(RUNS, (i) => reports.summary(periods[i]!));
      const theirs = timeIt(PEER_RUNS, (i) => peer(periods[i]!));
      rows.push([s.name, `~${counted.toLocaleString('en')}`, fixed(percentile(ours, 50)), fixed(percentile(ours, 99)),
        fixed(percentile(theirs, 50)), fixed(percentile(theirs, 99)), fixed(percentile(theirs, 99) / percentile(ours, 99), 0)]);
    }
    ctx.log(table(rows));

    // what the triggers cost when flagging: inserts with them, then the same without (dropped on this copy only)
    const uid = db.prepare('SELECT id FROM users LIMIT 1').pluck().get() as number;
    const flag = (n: number) => timeIt(n, (i) => incidents.insert({ title: `bench ${i}`, categoryId: 'theft', status: 'new',
      occurredAt: new Date(T_END - i * 60_000).toISOString(), preRollSec: 10, postRollSec: 20, assigneeId: null, createdBy: uid },
    [{ id: 'cam-1', name: 'Camera 1' }]));
    const withTriggers = flag(2000);
    for (const t of ['report_incident_insert', 'report_camera_insert']) db.exec(`DROP TRIGGER ${t}`); // the monthly ones follow these
    const without = flag(2000);
    ctx.log(`flagging one incident (IncidentsRepo.insert: row, camera, FTS): p50 ${fixed(percentile(withTriggers, 50), 3)} ms with the report triggers,`
      + ` ${fixed(percentile(without, 50), 3)} ms without`);
    db.close();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
