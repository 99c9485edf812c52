// What one H.264 transcode (server/media/transcodes.ts) costs next to the copy session of the same camera: an H.265
// camera with no H.264 stream (GStreamer x265enc, one mount per size), watched over the push socket as `main` (the
// copy session alone: what a browser that decodes H.265 costs) and then also as `transcode` (a browser without
// HEVC). CPU of the copy ffmpeg, the transcoding ffmpeg and the hub's node process over 10 s, alternated
// copy / copy + transcode twice per size, so that drifting load on the shared box shows as spread.
// The camera runs on the same box; its CPU is shown, not counted.
import { readFile } from 'node:fs/promises';
import WebSocket from 'ws';
import { RtspCamera } from '../test/fixtures/rtsp-camera.ts';
import { startTestHub } from '../test/helpers/hub.ts';
import { LIVE_WS_PATH } from '../server/live-push/wire.ts';
import type { LivePushDiagnostics } from '../server/live-push/push-server.ts';
import type { BenchContext } from './lib/context.ts';
import { killLeftovers, measureTrees, processTree } from './lib/proc-stats.ts';
import { fixed, table } from './lib/stats.ts';

const FPS = 15;
const SIZES = ['1280x720', '1920x1080'];
const WARMUP_MS = 5000;
const WINDOW_MS = 10_000;

interface Row {
  size: string;
  variant: 'copy' | 'copy + transcode';
  copyCpu: number;
  transcodeCpu: number | null;
  nodeCpu: number;
  cameraCpu: number;
  /** frames received per second over the window, on the copy and on the transcode channel */
  copyFps: number;
  transcodeFps: number | null;
}

export async function runTranscode(ctx: BenchContext): Promise<void> {
  const { children, log } = ctx;
  const camera = await RtspCamera.start({ mounts: SIZES.map((s) => `/${s}:${s}@${FPS}:${FPS}:h265`) });
  log(`camera: GStreamer x265enc (ultrafast, zerolatency, 800 kbit/s), ${SIZES.join(' and ')} at ${FPS} fps, GOP 1 s, no sub-stream`);
  const hub = await startTestHub({ config: { media: { ffmpegPath: '/usr/bin/ffmpeg', idleTimeoutSec: 1, transcode: { maxConcurrent: 1 } } } });
  const child = children.adopt('hub', hub.process);
  const rows: Row[] = [];
  let ws: WebSocket | null = null;
  try {
    const login = await fetch(`${hub.url}/api/auth/login`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: hub.adminPassword }),
    });
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const diagnostics = async () =>
      (await (await fetch(`${hub.url}/api/diagnostics/live`, { headers: { cookie } })).json()) as LivePushDiagnostics;
    ws = new WebSocket(hub.url.replace(/^http/, 'ws') + LIVE_WS_PATH, { headers: { cookie, origin: hub.url } });
    await new Promise((resolve, reject) => ws!.once('open', resolve).once('error', reject));
    const received = new Map<number, number>();
    ws.on('message', (d: Buffer, isBinary) => {
      if (isBinary) received.set(d.readUInt16BE(1), (received.get(d.readUInt16BE(1)) ?? 0) + 1);
    });
    const flowing = async (ch: number) => {
      const start = received.get(ch) ?? 0;
      const deadline = Date.now() + 60_000;
      while ((received.get(ch) ?? 0) < start + 10) {
        if (Date.now() > deadline) throw new Error(`channel ${ch}: no media`);
        await new Promise((r) => setTimeout(r, 200));
      }
    };
    for (const [i, size] of SIZES.entries()) {
      const r = await fetch(`${hub.url}/api/cameras`, {
        method: 'POST', headers: { cookie, 'content-type': 'application/json' },
        body: JSON.stringify({ name: `H.265 ${size}`, source: { kind: 'rtsp', url: camera.url(`/${size}`) } }),
      });
      const cameraId = ((await r.json()) as { camera: { id: string } }).camera.id;
      const copyCh = 10 + i * 2;
      const txCh = copyCh + 1;
      ws.send(JSON.stringify({ op: 'sub', ch: copyCh, cameraId, stream: 'main' }));
      await flowing(copyCh);
      for (const variant of ['copy', 'copy + transcode', 'copy', 'copy + transcode'] as const) {
        if (variant === 'copy + transcode') {
          ws.send(JSON.stringify({ op: 'sub', ch: txCh, cameraId, stream: 'transcode' }));
          await flowing(txCh);
        }
        log(`${size}: ${variant} …`);
        await new Promise((r) => setTimeout(r, WARMUP_MS));
        const { copy, transcode } = await ffmpegChildren(child.pid);
        const node = child.pid;
        const cams = (await processTree(process.pid)).filter((p) => p.comm.startsWith('python')).map((p) => p.pid);
        const before = { copy: received.get(copyCh) ?? 0, tx: received.get(txCh) ?? 0, at: Date.now() };
        const [c, t, n, cam] = await Promise.all([
          measureTrees(copy, WINDOW_MS), transcode.length ? measureTrees(transcode, WINDOW_MS) : null,
          measureTrees([node], WINDOW_MS), measureTrees(cams, WINDOW_MS),
        ]);
        const secs = (Date.now() - before.at) / 1000;
        const running = (await diagnostics()).transcodes.running.some((x) => x.cameraId === cameraId);
        rows.push({
          size, variant, copyCpu: c.cpuPercent, transcodeCpu: t?.cpuPercent ?? null,
          // the node tree includes the ffmpeg children: the hub's own share is what is left
          nodeCpu: n.cpuPercent - c.cpuPercent - (t?.cpuPercent ?? 0), cameraCpu: cam.cpuPercent,
          copyFps: ((received.get(copyCh) ?? 0) - before.copy) / secs,
          transcodeFps: running ? ((received.get(txCh) ?? 0) - before.tx) / secs : null,
        });
        if (variant === 'copy + transcode') {
          ws.send(JSON.stringify({ op: 'unsub', ch: txCh }));
          const deadline = Date.now() + 30_000;
          while ((await ffmpegChildren(child.pid)).transcode.length > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 250));
        }
      }
      ws.send(JSON.stringify({ op: 'unsub', ch: copyCh }));
    }
  } finally {
    ws?.terminate();
    const tree = await processTree(child.pid);
    await child.stop(12_000);
    await killLeftovers(tree.slice(1));
    await camera.stop();
  }
  log('');
  log(table([
    ['camera (H.265)', 'variant', 'copy ffmpeg CPU %', 'transcode ffmpeg CPU %', 'hub node CPU %', 'frames/s copy', 'frames/s transcode', 'camera CPU %'],
    ...rows.map((r) => [
      `${r.size} @ ${FPS}`, r.variant, fixed(r.copyCpu, 1), r.transcodeCpu === null ? '–' : fixed(r.transcodeCpu, 1),
      fixed(r.nodeCpu, 1), fixed(r.copyFps, 1), r.transcodeFps === null ? '–' : fixed(r.transcodeFps, 1), fixed(r.cameraCpu, 1),
    ]),
  ]));
  log('CPU in % of one core (this box has 2). Transcode: H.264 veryfast/zerolatency, scaled into 640x360, keyframe a second.');
}

/** the hub's ffmpeg children: copy sessions (RTSP pulls) and transcodes (reading stdin) */
async function ffmpegChildren(hubPid: number): Promise<{ copy: number[]; transcode: number[] }> {
  const out = { copy: [] as number[], transcode: [] as number[] };
  for (const p of (await processTree(hubPid)).filter((s) => s.comm === 'ffmpeg')) {
    const argv = (await readFile(`/proc/${p.pid}/cmdline`, 'utf8').catch(() => '')).split('\0');
    (argv.includes('pipe:0') ? out.transcode : out.copy).push(p.pid);
  }
  return out;
}
