// The cost of one fMP4 fragment per frame (the live push transport) next to one per 200 ms (LL-HLS parts), at 64
// streams: CPU and memory of the hub and its ffmpeg children, each stream with one LL-HLS viewer; then, with
// fragments per frame, the same plus one push socket subscribed to all 64 streams (a 64-tile wall's transport).
// The cameras are 64 RTSP mounts on ONE GStreamer server with ONE shared encoder (its CPU is shown, not counted).
import { Agent } from 'node:http';
import WebSocket from 'ws';
import { startTestHub } from '../test/helpers/hub.ts';
import { LIVE_WS_PATH } from '../server/live-push/wire.ts';
import type { BenchContext } from './lib/context.ts';
import type { Children } from './lib/children.ts';
import { startLlHlsViewer, sumStats, type Viewer } from './lib/hls-viewers.ts';
import { killLeftovers, measureTrees, processTree, type TreeUsage } from './lib/proc-stats.ts';
import { startStampCamera, type StampCamera } from './lib/stamp-camera.ts';
import { fixed, table } from './lib/stats.ts';

const N = 64;
const FPS = 15;
const WARMUP_MS = 5000;
const WINDOW_MS = 10_000;

interface Variant {
  name: string;
  fragmentPerFrame: boolean;
  push: boolean;
}

const VARIANTS: Variant[] = [
  { name: '200 ms fragments, LL-HLS viewers', fragmentPerFrame: false, push: false },
  { name: 'one-frame fragments, LL-HLS viewers', fragmentPerFrame: true, push: false },
  { name: 'one-frame fragments, LL-HLS + 1 push socket × 64', fragmentPerFrame: true, push: true },
];

interface Result {
  variant: Variant;
  usage: TreeUsage;
  source: TreeUsage;
  partsPerSec: number;
  pushFramesPerSec: number;
}

export async function runFragments(ctx: BenchContext): Promise<void> {
  const { children, log } = ctx;
  const camera = await startStampCamera(children, { width: 640, height: 360, fps: FPS, gop: FPS, mounts: N });
  log(`cameras: ${N} RTSP mounts on one GStreamer server, one shared encoder (640x360, ${FPS} fps, GOP 1 s)`);
  const agent = new Agent({ keepAlive: true, maxSockets: Infinity });
  const results: Result[] = [];
  try {
    for (const v of VARIANTS) {
      log(`${v.name} …`);
      results.push(await measure(children, camera, agent, v));
    }
  } finally {
    agent.destroy();
    await camera.child.stop();
  }
  const rows: string[][] = [['variant', 'CPU % (1 core)', 'CPU %/stream', 'ffmpeg CPU %', 'node CPU %', 'RSS MB', 'LL-HLS parts/s', 'push frames/s', 'source CPU %']];
  for (const r of results) {
    rows.push([
      r.variant.name, fixed(r.usage.cpuPercent, 1), fixed(r.usage.cpuPercent / N, 2),
      fixed(r.usage.byCommand.ffmpeg?.cpuPercent ?? 0, 1), fixed(r.usage.byCommand.node?.cpuPercent ?? 0, 1),
      fixed(r.usage.rssMb, 0), fixed(r.partsPerSec, 0), fixed(r.pushFramesPerSec, 0), fixed(r.source.cpuPercent, 1),
    ]);
  }
  log('');
  log(table(rows));
}

async function measure(children: Children, camera: StampCamera, agent: Agent, v: Variant): Promise<Result> {
  const hub = await startTestHub({ config: { media: { ffmpegPath: '/usr/bin/ffmpeg', fragmentPerFrame: v.fragmentPerFrame } } });
  const child = children.adopt('hub', hub.process);
  const viewers: Viewer[] = [];
  let ws: WebSocket | null = null;
  try {
    const login = await fetch(`${hub.url}/api/auth/login`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: hub.adminPassword }),
    });
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const ids: string[] = [];
    for (let i = 0; i < N; i++) {
      const r = await fetch(`${hub.url}/api/cameras`, {
        method: 'POST', headers: { cookie, 'content-type': 'application/json' },
        body: JSON.stringify({ name: `bench ${i}`, source: { kind: 'rtsp', url: camera.url(`cam${i}`) } }),
      });
      ids.push(((await r.json()) as { camera: { id: string } }).camera.id);
    }
    for (const id of ids) viewers.push(startLlHlsViewer(agent, `${hub.url}/live/${id}/main/index.m3u8`, cookie));
    let pushFrames = 0;
    if (v.push) {
      ws = new WebSocket(hub.url.replace(/^http/, 'ws') + LIVE_WS_PATH, { headers: { cookie, origin: hub.url } });
      await new Promise((resolve, reject) => ws!.once('open', resolve).once('error', reject));
      ws.on('message', (_d, isBinary) => {
        if (isBinary) pushFrames++;
      });
      ids.forEach((cameraId, i) => ws!.send(JSON.stringify({ op: 'sub', ch: i + 1, cameraId, stream: 'main' })));
    }
    const deadline = Date.now() + 90_000;
    while (viewers.some((x) => x.stats.media < 2)) {
      if (Date.now() > deadline) throw new Error('some streams deliver no media');
      await new Promise((r) => setTimeout(r, 250));
    }
    await new Promise((r) => setTimeout(r, WARMUP_MS));
    const before = sumStats(viewers).media;
    const framesBefore = pushFrames;
    const t0 = Date.now();
    const [usage, source] = await Promise.all([measureTrees([child.pid], WINDOW_MS), measureTrees([camera.child.pid], WINDOW_MS)]);
    const secs = (Date.now() - t0) / 1000;
    return {
      variant: v, usage, source,
      partsPerSec: (sumStats(viewers).media - before) / secs,
      pushFramesPerSec: (pushFrames - framesBefore) / secs,
    };
  } finally {
    ws?.terminate();
    for (const x of viewers) x.stop();
    const tree = await processTree(child.pid);
    await child.stop(12_000);
    await killLeftovers(tree.slice(1));
  }
}
