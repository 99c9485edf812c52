// SQLite at the size of a busy commune after years: 1,000,000 incidents and 10,000,000 segment rows.
// Our queries (keyset paging, FTS5 text search, indexed range lookups) against the obvious ones on the same
// data (OFFSET paging, LIKE '%…%'), measured in the same run. Figures printed, never asserted.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CamerasRepo } from '../server/db/cameras-repo.ts';
import { migrate, openDatabase, type Db } from '../server/db/database.ts';
import { IncidentLogRepo } from '../server/db/incident-log-repo.ts';
import { foldForSearch, foldFully, IncidentsRepo } from '../server/db/incidents-repo.ts';
import { RecordingsRepo } from '../server/db/recordings-repo.ts';
import { UsersRepo } from '../server/db/users-repo.ts';
import { IncidentService } from '../server/incidents/incident-service.ts';
import { listIncidentsQuery } from '../server/incidents/incident-schemas.ts';
import { VodService } from '../server/recording/vod.ts';
import type { BenchContext } from './lib/context.ts';
import { fixed, percentile, table } from './lib/stats.ts';

/** an officer of the whole commune (no area limit) */
const COMMUNE = { id: 1, username: 'canbo', displayName: 'Cán bộ', role: 'police' as const, areaId: null, areaScope: null };
const INCIDENTS = Number(process.env.BENCH_INCIDENTS ?? 1_000_000);
const SEGMENTS = Number(process.env.BENCH_SEGMENTS ?? 10_000_000);
export const CAMERAS = 120;
export const CATEGORIES = ['theft', 'public-disorder', 'assault', 'traffic-accident', 'fire', 'drugs', 'other'];
const WORDS = ['xe máy', 'trộm', 'cổng', 'chợ', 'đánh nhau', 'say rượu', 'cháy', 'điện', 'ngõ', 'trường', 'tạp hóa', 'mất'];
export const T_END = Date.parse('2026-11-01T00:00:00Z');
export const SPAN = 5 * 365 * 86_400_000;

/** a small deterministic PRNG so both sides see the same data and the same questions */
export function rng(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

export function timeIt(runs: number, fn: (i: number) => void): number[] {
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint();
    fn(i);
    out.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  return out;
}

/** The incidents of a busy commune after years (also bench/report.ts, without text search): `count` over SPAN up to T_END, on CAMERAS cameras. */
export function fillIncidents(db: Db, count: number, log: (l: string) => void, opts: { fts: boolean } = { fts: true }) {
  const r = rng(42);
  const users = new UsersRepo(db);
  const uid = users.insert({ username: 'bench', displayName: 'Bench', role: 'operator', passwordHash: 'x' });
  const cams = new CamerasRepo(db);
  for (let c = 0; c < CAMERAS; c++) {
    cams.insert({ id: `cam-${c}`, name: `Camera ${c}`, sourceKind: 'rtsp', mainUrl: 'rtsp://h/x', mainPasswordEnc: null,
      subUrl: null, subPasswordEnc: null, demoPattern: null, isDemo: false });
  }
  new IncidentsRepo(db).seedCategories(CATEGORIES.map((id) => ({ id, vi: id, en: id })));
  const t = Date.now();
  const ins = db.prepare(`INSERT INTO incidents (id, title, category_id, status, occurred_at, pre_roll_sec, post_roll_sec,
    created_by, created_at, updated_at, search_text) VALUES (?, ?, ?, ?, ?, 10, 20, ?, ?, ?, ?)`);
  const cam = db.prepare('INSERT INTO incident_cameras (incident_id, camera_id, camera_name, occurred_at) VALUES (?, ?, ?, ?)');
  const fts = db.prepare('INSERT INTO incidents_fts (rowid, title, notes) VALUES (?, ?, ?)');
  const statuses = ['new', 'in_progress', 'resolved', 'closed'];
  db.transaction(() => {
    for (let i = 1; i <= count; i++) {
      const title = `${WORDS[Math.floor(r() * WORDS.length)]} ${WORDS[Math.floor(r() * WORDS.length)]} số ${i}`;
      const at = new Date(T_END - Math.floor(r() * SPAN)).toISOString();
      ins.run(i, title, CATEGORIES[Math.floor(r() * CATEGORIES.length)], statuses[Math.floor(r() * 4)], at, uid, at, at, foldFully(title));
      const c = Math.floor(r() * CAMERAS);
      cam.run(i, `cam-${c}`, `Camera ${c}`, at);
      if (opts.fts) fts.run(i, foldForSearch(title), '');
    }
  })();
  log(`  filled ${count.toLocaleString('en')} incidents in ${fixed((Date.now() - t) / 1000, 1)} s`);
}

function fill(db: Db, log: (l: string) => void) {
  fillIncidents(db, INCIDENTS, log);
  const t = Date.now();
  const seg = db.prepare(`INSERT INTO recordings (camera_id, stream, start_at, end_at, bytes, init_bytes, path, complete)
    VALUES (?, 'main', ?, ?, 4000000, 800, ?, 1)`);
  const perCam = Math.ceil(SEGMENTS / CAMERAS);
  const start = T_END - perCam * 60_000;
  let n = 0;
  const BATCH = 100_000;
  while (n < SEGMENTS) {
    db.transaction(() => {
      for (let k = 0; k < BATCH && n < SEGMENTS; k++, n++) {
        const c = n % CAMERAS;
        const at = start + Math.floor(n / CAMERAS) * 60_000;
        seg.run(`cam-${c}`, at, at + 60_000, `cam-${c}/${n}.mp4`);
      }
    })();
  }
  const secs = (Date.now() - t) / 1000;
  log(`  filled ${SEGMENTS.toLocaleString('en')} segment rows in ${fixed(secs, 1)} s (bulk: ${Math.round(SEGMENTS / secs).toLocaleString('en')} rows/s)`);
}

export async function runEvidenceDb(ctx: BenchContext): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-db-'));
  try {
    const db = openDatabase(path.join(dir, 'hub.sqlite'));
    migrate(db);
    ctx.log(`data: ${INCIDENTS.toLocaleString('en')} incidents, ${SEGMENTS.toLocaleString('en')} segment rows, ${CAMERAS} cameras (BENCH_INCIDENTS / BENCH_SEGMENTS to change)`);
    fill(db, ctx.log);
    db.exec('ANALYZE');
    const incidents = new IncidentsRepo(db);
    const recordings = new RecordingsRepo(db);
    const svc = new IncidentService(incidents, new IncidentLogRepo(db), new UsersRepo(db), new CamerasRepo(db), { preRollSec: 10, postRollSec: 20 });
    const vod = new VodService(recordings, dir);
    const r = rng(7);
    const RUNS = 300;
    const month = () => {
      const to = T_END - Math.floor(r() * SPAN);
      return { from: new Date(to - 30 * 86_400_000).toISOString(), to: new Date(to).toISOString() };
    };
    const cat = () => CATEGORIES[Math.floor(r() * CATEGORIES.length)]!;
    const word = () => WORDS[Math.floor(r() * WORDS.length)]!.split(' ')[0]!;

    // page 100 of an unfiltered list: what the obvious OFFSET design costs against our keyset cursor
    let cursor: string | null = null;
    for (let p = 0; p < 100; p++) cursor = svc.list(listIncidentsQuery.parse({ limit: 50, cursor: cursor ?? undefined }), COMMUNE).nextCursor;
    const deepCursor = cursor!;
    const rows: string[][] = [['query', 'ours p50 ms', 'ours p99 ms', 'peer p50 ms', 'peer p99 ms', 'ours/peer (p99)']];
    const line = (name: string, ours: number[], peer?: number[]) => rows.push([
      name, fixed(percentile(ours, 50)), fixed(percentile(ours, 99)),
      peer ? fixed(percentile(peer, 50)) : '—', peer ? fixed(percentile(peer, 99)) : '—',
      peer ? fixed(percentile(ours, 99) / percentile(peer, 99), 3) : '—',
    ]);

    line('incidents: category + status + 30 days, 50 rows',
      timeIt(RUNS, () => svc.list(listIncidentsQuery.parse({ ...month(), category: cat(), status: 'new', limit: 50 }), COMMUNE)));
    line('incidents: one camera, newest 50',
      timeIt(RUNS, () => svc.list(listIncidentsQuery.parse({ cameraId: `cam-${Math.floor(r() * CAMERAS)}`, limit: 50 }), COMMUNE)));
    // the peers: the obvious SQL on the same data, against our repository's SQL (the API adds DTO building on top)
    const deep = Buffer.from(deepCursor, 'base64url').toString().split('|');
    const offset = db.prepare(`SELECT * FROM incidents ORDER BY occurred_at DESC, id DESC LIMIT 50 OFFSET ?`);
    line('incidents: page 101, SQL (keyset vs OFFSET)',
      timeIt(RUNS, () => incidents.list({ limit: 50, before: { occurredAt: deep[0]!, id: Number(deep[1]) } })),
      timeIt(RUNS, () => offset.all(5000)));
    line('incidents: page 101, whole API call',
      timeIt(RUNS, () => svc.list(listIncidentsQuery.parse({ limit: 50, cursor: deepCursor }), COMMUNE)));
    const like = db.prepare(`SELECT * FROM incidents WHERE occurred_at >= ? AND occurred_at < ? AND title LIKE ?
      ORDER BY occurred_at DESC, id DESC LIMIT 50`);
    const textQ = () => ({ ...month(), w1: word(), w2: word() });
    const qs = Array.from({ length: RUNS }, textQ);
    line('incidents: 2 words + 30 days (FTS5 vs LIKE)',
      timeIt(RUNS, (i) => svc.list(listIncidentsQuery.parse({ from: qs[i]!.from, to: qs[i]!.to, q: `${qs[i]!.w1} ${qs[i]!.w2}`, limit: 50 }), COMMUNE)),
      timeIt(RUNS, (i) => like.all(qs[i]!.from, qs[i]!.to, `%${qs[i]!.w1}%${qs[i]!.w2}%`)));
    line('incidents: 1 word, all time (FTS5 vs LIKE)',
      timeIt(RUNS / 3, (i) => svc.list(listIncidentsQuery.parse({ q: qs[i]!.w1, limit: 50 }), COMMUNE)),
      timeIt(RUNS / 3, (i) => db.prepare(`SELECT * FROM incidents WHERE title LIKE ? ORDER BY occurred_at DESC, id DESC LIMIT 50`).all(`%${qs[i]!.w1}%`)));
    line('recorded ranges: one camera, 24 h',
      timeIt(RUNS, () => {
        const to = T_END - Math.floor(r() * 30 * 86_400_000);
        vod.ranges(`cam-${Math.floor(r() * CAMERAS)}`, to - 86_400_000, to);
      }));
    ctx.log(table(rows));

    // indexing rate as the recorder does it: one row opened and closed per segment file
    const N = 20_000;
    const t = process.hrtime.bigint();
    for (let i = 0; i < N; i++) {
      const id = recordings.open({ cameraId: 'cam-0', stream: 'main', startAt: T_END + i * 60_000, initBytes: 800, path: `rate/${i}.mp4` });
      recordings.progress(id, T_END + (i + 1) * 60_000, 4_000_000, true);
    }
    const perSec = N / (Number(process.hrtime.bigint() - t) / 1e9);
    ctx.log(`segment indexing, one transaction per statement as the recorder does (open + close): ${Math.round(perSec).toLocaleString('en')} segments/s` +
      ` = ${Math.round(perSec * 60).toLocaleString('en')} camera-minutes of footage indexed per second`);
    db.close();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
