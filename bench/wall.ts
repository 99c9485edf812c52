// The wall at commune scale (issue 7): the web app's own wall page in Chromium, N tiles of one stamped camera
// (640x360, 15 fps, GOP 1 s) registered N times, played over the live push WebSocket (`/?transport=ws`) and over
// LL-HLS (`/?transport=hls`) in the same run. Per tile: presented fps and the age of the shown frame (capture time
// read from the picture); per page: HLS requests and how long they waited for a free connection; the hub's CPU and
// memory over the same window. Then many push viewers of ONE camera (node `ws` clients in a child process): one
// ffmpeg, hub CPU and RSS, fan-out delay; the same number of LL-HLS viewers as the peer.
//
// BENCH_WALL_TILES (1,9,16,36), BENCH_WALL_TRANSPORTS (ws,hls), BENCH_WALL_SEC (20), BENCH_WALL_WARMUP_SEC (8),
// BENCH_WALL_VIEWERS (200; 0 skips the second part), BENCH_WALL_FANOUT_SEC (15), BENCH_WALL_SAMPLE_EVERY (4: the stamp
// is read on one presented frame in this many; more reads less).
import os from 'node:os';
import { ensureWebBuilt } from '../test/e2e/global-build.ts';
import { errorLine, type BenchContext } from './lib/context.ts';
import { startBenchHub, type BenchHub } from './lib/hub.ts';
import { measureTrees } from './lib/proc-stats.ts';
import { startStampCamera } from './lib/stamp-camera.ts';
import { fixed, table } from './lib/stats.ts';
import { launchWallBrowser, type WallBrowser } from './lib/wall-browser.ts';
import { diagnosticsLine, liveDiagnostics, measureHlsFanout, measurePushFanout, waitFfmpegAtMost } from './lib/wall-fanout.ts';
import { emptyRow, perTileTable, pushDelta, ratioLine, summaryTable, targetLines, wallRow, type Transport, type WallRow } from './lib/wall-report.ts';

const WIDTH = 640;
const HEIGHT = 360;
const FPS = 15;
const FIRST_FRAMES_LIMIT_MS = 45_000;

const list = (name: string, fallback: string): string[] => (process.env[name] ?? fallback).split(',').map((s) => s.trim()).filter(Boolean);
const num = (name: string, fallback: number): number => {
  const v = Number(process.env[name]);
  return Number.isFinite(v) && process.env[name] !== '' && process.env[name] !== undefined ? v : fallback;
};
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export async function runWall(ctx: BenchContext): Promise<void> {
  const { children, log } = ctx;
  const tileCounts = list('BENCH_WALL_TILES', '1,9,16,36').map(Number).filter((n) => n >= 1 && n <= 64);
  const transports = list('BENCH_WALL_TRANSPORTS', 'ws,hls').filter((t): t is Transport => t === 'ws' || t === 'hls');
  const windowMs = num('BENCH_WALL_SEC', 20) * 1000;
  const warmupMs = num('BENCH_WALL_WARMUP_SEC', 8) * 1000;
  const viewers = num('BENCH_WALL_VIEWERS', 200);
  const fanoutMs = num('BENCH_WALL_FANOUT_SEC', 15) * 1000;
  const max = Math.max(1, ...tileCounts);

  await buildWeb(log);
  const camera = await startStampCamera(children, { width: WIDTH, height: HEIGHT, fps: FPS, gop: FPS, mounts: max });
  log(`camera: GStreamer RTSP, ${WIDTH}x${HEIGHT}, ${FPS} fps, GOP 1 s, x264 zerolatency, ${max} mounts on one shared encoder`);
  log(`window: ${windowMs / 1000} s after ${warmupMs / 1000} s of warm-up from the moment every tile shows a picture; ` +
    `tiles ${tileCounts.join(', ')}; transports ${transports.join(', ')}`);
  // a short idle timeout so that the sessions of the wall are gone before the fan-out part counts ffmpeg processes
  const hub = await startBenchHub(children, { idleTimeoutSec: 5 });
  try {
    const ids: string[] = [];
    for (let i = 0; i < max; i += 1) ids.push(await hub.addCamera(`bench wall ${String(i + 1).padStart(2, '0')}`, camera.url(`cam${i}`)));
    const rows = await measureWalls(hub, tileCounts, transports, { windowMs, warmupMs }, log);
    for (const n of tileCounts) {
      const ws = rows.find((r) => r.tiles === n && r.transport === 'ws');
      const hls = rows.find((r) => r.tiles === n && r.transport === 'hls');
      if (!ws?.perTile.length && !hls?.perTile.length) continue;
      log(`\n${n} tile${n > 1 ? 's' : ''}, per tile (age = browser clock − capture time read from the picture, one frame in ${Math.max(4, Math.round(num('BENCH_WALL_SAMPLE_EVERY', 4)))}):`);
      log(perTileTable(n, ws, hls));
    }
    log('');
    log(summaryTable(rows));
    log('');
    for (const n of tileCounts) {
      log(`${n} tiles: ${ratioLine(
        rows.find((r) => r.tiles === n && r.transport === 'ws' && r.samples > 0),
        rows.find((r) => r.tiles === n && r.transport === 'hls' && r.samples > 0),
      )}`);
    }
    log('');
    log('targets (push path):');
    for (const line of targetLines(rows)) log(`  ${line}`);
    if (viewers > 0) await fanout(ctx, hub, ids[0] as string, camera.url('cam0'), viewers, fanoutMs);
  } finally {
    await hub.close();
    await camera.child.stop();
  }
}

async function measureWalls(
  hub: BenchHub, tileCounts: number[], transports: Transport[],
  timing: { windowMs: number; warmupMs: number }, log: (l: string) => void,
): Promise<WallRow[]> {
  const browser = await launchWallBrowser({
    origin: hub.origin, username: 'admin', password: hub.adminPassword, sourceWidth: WIDTH, viewport: { width: 1280, height: 720 },
    sampleEvery: num('BENCH_WALL_SAMPLE_EVERY', 4),
  });
  const rows: WallRow[] = [];
  try {
    for (const n of tileCounts) {
      for (const t of transports) {
        log(`${n} tiles over ${t} …`);
        try {
          rows.push(await measureWall(browser, hub, n, t, timing, log));
        } catch (err) {
          log(`  not measured: ${errorLine(err)}`);
          rows.push(emptyRow(n, t, `not measured: ${errorLine(err, 80)}`));
        }
      }
    }
  } finally {
    await browser.close();
  }
  return rows;
}

async function measureWall(
  browser: WallBrowser, hub: BenchHub, n: number, transport: Transport,
  timing: { windowMs: number; warmupMs: number }, log: (l: string) => void,
): Promise<WallRow> {
  const page = await browser.openWall(n, transport);
  try {
    const shown = await page.tileCount();
    if (shown !== n) return emptyRow(n, transport, `the wall shows ${shown} tiles: no ${n}-tile layout in this build`);
    const started = Date.now();
    let playing = 0;
    while ((playing = await page.playing()) < n && Date.now() - started < FIRST_FRAMES_LIMIT_MS) await sleep(250);
    log(`  ${playing}/${n} tiles show a picture after ${fixed((Date.now() - started) / 1000, 1)} s; warm-up …`);
    await sleep(timing.warmupMs);
    await page.reset();
    const diagBefore = await liveDiagnostics(hub);
    const [hubUsage, browserUsage] = await Promise.all([
      measureTrees([hub.child.pid], timing.windowMs),
      browser.pids().then((pids) => (pids.length ? measureTrees(pids, timing.windowMs) : null)),
    ]);
    const reading = await page.read();
    const diagAfter = await liveDiagnostics(hub);
    const row = wallRow(n, transport, reading, hubUsage, browserUsage, os.loadavg()[0] ?? NaN, playing < n ? `${n - playing} tiles never showed a picture` : '');
    if (transport === 'ws') {
      const d = pushDelta(diagBefore, diagAfter, n, reading.seconds);
      row.pushSentFps = d.sentFps;
      row.pushDropped = d.dropped;
    }
    if (transport === 'ws' && !row.reported.includes('ws×')) row.note = [row.note, 'tiles did not say ws: ?transport ignored by this build'].filter(Boolean).join('; ');
    log(`  fps min ${fixed(row.minFps, 1)}, age p50 ${fixed(row.p50 / 1000)} s, worst tile p50 ${fixed(row.worstP50 / 1000)} s, ` +
      `hub CPU ${fixed(hubUsage.cpuPercent, 1)} %, tiles say ${row.reported}`);
    return row;
  } finally {
    await page.close();
  }
}

async function fanout(ctx: BenchContext, hub: BenchHub, cameraId: string, rtspUrl: string, viewers: number, windowMs: number): Promise<void> {
  const { children, log } = ctx;
  log(`\n${viewers} viewers of ONE camera (sub stream): push (node ws clients in a child process) vs LL-HLS (node, blocking reload + parts)`);
  const left = await waitFfmpegAtMost(hub, 1, 20_000);
  log(`hub ffmpeg processes before: ${left} (the wall's sessions idle out after 5 s); load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  const opts = { viewers, warmupMs: 3000, windowMs };
  const rows: string[][] = [['viewers', 'with media', 'ffmpeg (this camera)', 'hub CPU %', 'hub RSS MB', 'node CPU %', 'ffmpeg CPU %', 'fan-out p50 ms', 'p95 ms', 'p99 ms', 'max ms', 'n', 'skips (dropped)', 'note']];
  let pushCpu = NaN;
  let hlsCpu = NaN;
  try {
    const p = await measurePushFanout(children, hub, cameraId, rtspUrl, opts);
    if (p.result.withMedia > 0) pushCpu = p.usage.cpuPercent;
    const d = p.result.delay;
    const closes = Object.entries(p.result.closes).map(([c, k]) => `${k}× close ${c}`).join(', ');
    rows.push([
      `push ×${viewers}`, String(p.result.withMedia), `${p.ffmpeg} (${p.ffmpegForCamera})`, fixed(p.usage.cpuPercent, 1),
      fixed(p.usage.rssMb, 0), fixed(p.usage.byCommand.node?.cpuPercent ?? NaN, 1), fixed(p.usage.byCommand.ffmpeg?.cpuPercent ?? NaN, 1),
      fixed(d.p50 ?? NaN, 0), fixed(d.p95 ?? NaN, 0), fixed(d.p99 ?? NaN, 0), fixed(d.max ?? NaN, 0), String(d.n),
      `${p.result.skips} (${p.result.dropped})`, [p.result.errors.slice(0, 2).join('; '), closes].filter(Boolean).join('; '),
    ]);
    log(`one ffmpeg for ${viewers} push viewers: ${p.ffmpegForCamera === 1 && p.ffmpeg === 1 ? 'yes' : `NO (${p.ffmpeg} ffmpeg in the hub's tree, ${p.ffmpegForCamera} for this camera)`}; ` +
      `fan-out p99 ${fixed(d.p99 ?? NaN, 0)} ms < 50 ms: ${d.n ? (d.p99 < 50 ? 'met' : 'NOT met') : 'not measured'}`);
    log(`GET /api/diagnostics/live after the push window: ${diagnosticsLine(p.diagnostics)}`);
  } catch (err) {
    log(`push viewers not measured: ${errorLine(err)}`);
  }
  try {
    await sleep(2000);
    const h = await measureHlsFanout(hub, cameraId, rtspUrl, opts);
    rows.push([
      `LL-HLS ×${viewers}`, String(h.withMedia), `${h.ffmpeg} (${h.ffmpegForCamera})`, fixed(h.usage.cpuPercent, 1), fixed(h.usage.rssMb, 0),
      fixed(h.usage.byCommand.node?.cpuPercent ?? NaN, 1), fixed(h.usage.byCommand.ffmpeg?.cpuPercent ?? NaN, 1),
      '—', '—', '—', '—', '—', '—', `${fixed(h.mediaPerSec, 0)} parts/s${h.errors ? `; ${h.errors} errors (${h.lastError})` : ''}`,
    ]);
    hlsCpu = h.usage.cpuPercent;
  } catch (err) {
    log(`LL-HLS viewers not measured: ${errorLine(err)}`);
  }
  log('');
  log(table(rows));
  log(`ratio push/LL-HLS hub CPU with ${viewers} viewers: ${fixed(pushCpu / hlsCpu)}`);
}

/** dist/web from the current sources; a tree someone is editing may not build for a moment: three tries */
async function buildWeb(log: (l: string) => void): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      await ensureWebBuilt();
      return;
    } catch (err) {
      if (attempt >= 3) throw err;
      log(`web build failed (try ${attempt} of 3), again in 15 s: ${errorLine(err, 120)}`);
      await sleep(15_000);
    }
  }
}
