// The cost of one fMP4 fragment per frame (the live push transport) next to one per 200 ms (LL-HLS parts), at 64
// streams: CPU and memory of the hub and its ffmpeg children. Every stream is kept running by one push socket
// subscribed to all 64 (a 64-tile wall): it receives each fragment, 15/s per stream with fragments per frame, 5/s
// with 200 ms ones; the LL-HLS packager gathers parts in both. No HTTP viewers: their polling is noisy on a busy
// box and is the same in both. The variants alternate (A B A B) so that drifting load shows as spread.
// The cameras are 64 RTSP mounts on ONE GStreamer server with ONE shared encoder (its CPU is shown, not counted).
import WebSocket from 'ws';
import { startTestHub } from '../test/helpers/hub.ts';
import { decodeFrameHeader, LIVE_WS_PATH } from '../server/live-push/wire.ts';
import type { BenchContext } from './lib/context.ts';
import type { Children } from './lib/children.ts';
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
}

const A: Variant = { name: '200 ms fragments', fragmentPerFrame: false };
const B: Variant = { name: 'one-frame fragments', fragmentPerFrame: true };
const VARIANTS: Variant[] = [A, B, A, B];

interface Result {
  variant: Variant;
  usage: TreeUsage;
  source: TreeUsage;
  pushFramesPerSec: number;
  pushMbitPerSec: number;
}

export async function runFragments(ctx: BenchContext): Promise<void> {
  const { children, log } = ctx;
  const camera = await startStampCamera(children, { width: 640, height: 360, fps: FPS, gop: FPS, mounts: N });
  log(`cameras: ${N} RTSP mounts on one GStreamer server, one shared encoder (640x360, ${FPS} fps, GOP 1 s)`);
  const results: Result[] = [];
  try {
    for (const v of VARIANTS) {
      log(`${v.name} …`);
      results.push(await measure(children, camera, v));
    }
  } finally {
    await camera.child.stop();
  }
  const rows: string[][] = [['variant', 'CPU % (1 core)', 'CPU %/stream', 'ffmpeg CPU %', 'node CPU %', 'RSS MB', 'push messages/s', 'push Mbit/s', 'source CPU %']];
  for (const r of results) {
    rows.push([
      r.variant.name, fixed(r.usage.cpuPercent, 1), fixed(r.usage.cpuPercent / N, 2),
      fixed(r.usage.byCommand.ffmpeg?.cpuPercent ?? 0, 1), fixed(r.usage.byCommand.node?.cpuPercent ?? 0, 1),
      fixed(r.usage.rssMb, 0), fixed(r.pushFramesPerSec, 0), fixed(r.pushMbitPerSec, 1), fixed(r.source.cpuPercent, 1),
    ]);
  }
  log('');
  log(table(rows));
}

async function measure(children: Children, camera: StampCamera, v: Variant): Promise<Result> {
  const hub = await startTestHub({ config: { media: { ffmpegPath: '/usr/bin/ffmpeg', fragmentPerFrame: v.fragmentPerFrame } } });
  const child = children.adopt('hub', hub.process);
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
    let frames = 0;
    let bytes = 0;
    const perChannel = new Map<number, number>();
    ws = new WebSocket(hub.url.replace(/^http/, 'ws') + LIVE_WS_PATH, { headers: { cookie, origin: hub.url } });
    await new Promise((resolve, reject) => ws!.once('open', resolve).once('error', reject));
    ws.on('message', (d: Buffer, isBinary) => {
      if (!isBinary) return;
      frames++;
      bytes += d.length;
      const h = decodeFrameHeader(d);
      if (h) perChannel.set(h.channel, (perChannel.get(h.channel) ?? 0) + 1);
    });
    ids.forEach((cameraId, i) => ws!.send(JSON.stringify({ op: 'sub', ch: i + 1, cameraId, stream: 'main' })));
    const deadline = Date.now() + 90_000;
    while (perChannel.size < N || [...perChannel.values()].some((n) => n < 3)) {
      if (Date.now() > deadline) throw new Error(`${N - perChannel.size} streams deliver no media`);
      await new Promise((r) => setTimeout(r, 250));
    }
    await new Promise((r) => setTimeout(r, WARMUP_MS));
    const [framesBefore, bytesBefore] = [frames, bytes];
    const t0 = Date.now();
    const [usage, source] = await Promise.all([measureTrees([child.pid], WINDOW_MS), measureTrees([camera.child.pid], WINDOW_MS)]);
    const secs = (Date.now() - t0) / 1000;
    return {
      variant: v, usage, source,
      pushFramesPerSec: (frames - framesBefore) / secs,
      pushMbitPerSec: ((bytes - bytesBefore) * 8) / secs / 1e6,
    };
  } finally {
    ws?.terminate();
    const tree = await processTree(child.pid);
    await child.stop(12_000);
    await killLeftovers(tree.slice(1));
  }
}
