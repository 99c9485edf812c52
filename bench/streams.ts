// Streams relayed at once: CPU (% of one core) and memory per stream for N = 8, 16, 32, 64 cameras.
// Ours: the hub process and its ffmpeg children, one LL-HLS viewer per stream (blocking reload + parts).
// Peer: one `ffmpeg -c copy -f hls` per camera + a static file server, one classic HLS viewer per stream.
// The cameras are N RTSP sessions on ONE GStreamer server with ONE shared encoder (its CPU is shown, not counted).
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { Agent } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { errorLine, type BenchContext } from './lib/context.ts';
import { waitForLine, type Child, type Children } from './lib/children.ts';
import { startHlsViewer, startLlHlsViewer, sumStats, type Viewer } from './lib/hls-viewers.ts';
import { startBenchHub } from './lib/hub.ts';
import { peerHlsArgs } from './lib/peer-hls.ts';
import { measureTrees, type TreeUsage } from './lib/proc-stats.ts';
import { startStampCamera, type StampCamera } from './lib/stamp-camera.ts';
import { fixed, table } from './lib/stats.ts';

const COUNTS = [8, 16, 32, 64];
const WARMUP_MS = 5000;
const WINDOW_MS = 10_000;
const FILE_SERVER = fileURLToPath(new URL('./lib/file-server-main.ts', import.meta.url));

interface Measure {
  n: number;
  usage: TreeUsage;
  source: TreeUsage;
  /** media requests answered per second during the window, all viewers together */
  mediaPerSec: number;
  errors: number;
}

export async function runStreams(ctx: BenchContext): Promise<void> {
  const { children, log } = ctx;
  const max = Math.max(...COUNTS);
  const camera = await startStampCamera(children, { width: 640, height: 360, fps: 25, gop: 25, mounts: max });
  log(`cameras: ${max} RTSP mounts on one GStreamer server, one shared encoder (640x360, 25 fps, GOP 1 s, ~1 Mbit/s)`);
  const agent = new Agent({ keepAlive: true, maxSockets: Infinity });
  try {
    const ours = await measureOurs(children, camera, log, agent).catch((err: unknown) => {
      log(`ours: hub not measured: ${errorLine(err)}`);
      return [] as Measure[];
    });
    const theirs = await measurePeer(children, camera, log, agent);
    printTables(log, ours, theirs);
  } finally {
    agent.destroy();
    await camera.child.stop();
  }
}

async function measureOurs(children: Children, camera: StampCamera, log: (l: string) => void, agent: Agent): Promise<Measure[]> {
  const hub = await startBenchHub(children);
  const viewers: Viewer[] = [];
  try {
    const ids: string[] = [];
    for (let i = 0; i < Math.max(...COUNTS); i += 1) ids.push(await hub.addCamera(`bench ${i}`, camera.url(`cam${i}`)));
    const idle = await measureTrees([hub.child.pid], 3000);
    log(`ours: hub idle with ${ids.length} cameras registered: CPU ${fixed(idle.cpuPercent, 1)} %, RSS ${fixed(idle.rssMb, 0)} MB`);
    const out: Measure[] = [];
    for (const n of COUNTS) {
      while (viewers.length < n) viewers.push(startLlHlsViewer(agent, hub.playlistUrl(ids[viewers.length] as string), hub.cookie));
      log(`ours: ${n} streams …`);
      out.push(await measureWindow(n, viewers, [hub.child.pid], camera.child.pid));
    }
    return out;
  } finally {
    for (const v of viewers) v.stop();
    await hub.close();
  }
}

async function measurePeer(children: Children, camera: StampCamera, log: (l: string) => void, agent: Agent): Promise<Measure[]> {
  const root = await mkdtemp(join(tmpdir(), 'bench-peer-streams-'));
  const ffmpegs: Child[] = [];
  const viewers: Viewer[] = [];
  let server: Child | undefined;
  try {
    server = children.spawn('peer-file-server', process.execPath, ['--import', 'tsx', FILE_SERVER, root]);
    const port = Number((await waitForLine(server, /^READY (\d+)/, 20_000))[1]);
    const serverPid = server.pid;
    const out: Measure[] = [];
    for (const n of COUNTS) {
      while (ffmpegs.length < n) {
        const i = ffmpegs.length;
        const dir = join(root, `cam${i}`);
        await mkdir(dir);
        ffmpegs.push(children.spawn(`peer-hls-${i}`, '/usr/bin/ffmpeg', peerHlsArgs(camera.url(`cam${i}`), dir), {
          stdio: ['ignore', 'ignore', 'pipe'],
        }));
        viewers.push(startHlsViewer(agent, `http://127.0.0.1:${port}/cam${i}/index.m3u8`));
      }
      log(`peer: ${n} streams …`);
      out.push(await measureWindow(n, viewers, [serverPid, ...ffmpegs.map((f) => f.pid)], camera.child.pid));
    }
    return out;
  } finally {
    for (const v of viewers) v.stop();
    await Promise.all(ffmpegs.map((f) => f.stop()));
    await server?.stop();
    await rm(root, { recursive: true, force: true });
  }
}

/** waits until every viewer receives media, lets things settle, then measures the trees over the window */
async function measureWindow(n: number, viewers: Viewer[], roots: number[], sourcePid: number): Promise<Measure> {
  const deadline = Date.now() + 90_000;
  while (viewers.some((v) => v.stats.media < 2)) {
    if (Date.now() > deadline) {
      const stuck = viewers.filter((v) => v.stats.media < 2);
      throw new Error(`${stuck.length} of ${n} streams deliver no media (${stuck[0]?.stats.lastError ?? 'no error'})`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  await new Promise((r) => setTimeout(r, WARMUP_MS));
  const before = sumStats(viewers);
  const t0 = Date.now();
  const [usage, source] = await Promise.all([measureTrees(roots, WINDOW_MS), measureTrees([sourcePid], WINDOW_MS)]);
  const after = sumStats(viewers);
  return {
    n,
    usage,
    source,
    mediaPerSec: (after.media - before.media) / ((Date.now() - t0) / 1000),
    errors: after.errors - before.errors,
  };
}

function printTables(log: (l: string) => void, ours: Measure[], theirs: Measure[]): void {
  const head = ['design', 'N', 'CPU % (1 core)', 'CPU %/stream', 'RSS MB', 'RSS MB/stream', 'PSS MB/stream', 'USS MB/stream', 'procs', 'media req/s', 'errors', 'source CPU %'];
  const rows: string[][] = [head];
  const row = (design: string, m: Measure): string[] => [
    design, String(m.n), fixed(m.usage.cpuPercent, 1), fixed(m.usage.cpuPercent / m.n, 2), fixed(m.usage.rssMb, 0),
    fixed(m.usage.rssMb / m.n, 1), fixed(m.usage.pssMb / m.n, 1), fixed(m.usage.ussMb / m.n, 1), String(m.usage.processes), fixed(m.mediaPerSec, 0),
    String(m.errors), fixed(m.source.cpuPercent, 1),
  ];
  for (const m of ours) rows.push(row('ours: hub + ffmpeg', m));
  for (const m of theirs) rows.push(row('peer: ffmpeg -f hls', m));
  log('');
  log(table(rows));

  const split: string[][] = [['design', 'N', 'process', 'count', 'CPU %', 'RSS MB']];
  for (const [design, list] of [['ours', ours], ['peer', theirs]] as const) {
    for (const m of list) {
      for (const [comm, u] of Object.entries(m.usage.byCommand)) {
        split.push([design, String(m.n), comm, String(u.processes), fixed(u.cpuPercent, 1), fixed(u.rssMb, 0)]);
      }
    }
  }
  log('');
  log(table(split));

  const ratios: string[][] = [['N', 'CPU ours/peer', 'RSS ours/peer', 'PSS ours/peer', 'USS ours/peer']];
  for (const o of ours) {
    const p = theirs.find((t) => t.n === o.n);
    if (!p) continue;
    ratios.push([String(o.n), fixed(o.usage.cpuPercent / p.usage.cpuPercent), fixed(o.usage.rssMb / p.usage.rssMb), fixed(o.usage.pssMb / p.usage.pssMb), fixed(o.usage.ussMb / p.usage.ussMb)]);
  }
  log('');
  log(table(ratios));
  log('target: 64 streams within one core in total (CPU % ≤ 100), ≤ 30 MB per stream');
}
