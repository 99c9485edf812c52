// Recording 16 cameras continuously: CPU and disk write rate per camera, next to the live relay alone (same hub,
// same viewers), and next to the obvious peer: one `ffmpeg -f segment` per camera writing its own files (a second
// camera session each). Figures printed, never asserted.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { Agent } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BenchContext } from './lib/context.ts';
import type { Child } from './lib/children.ts';
import { startLlHlsViewer, type Viewer } from './lib/hls-viewers.ts';
import { startBenchHub } from './lib/hub.ts';
import { measureTrees, processTree } from './lib/proc-stats.ts';
import { startStampCamera } from './lib/stamp-camera.ts';
import { fixed, table } from './lib/stats.ts';

const N = 16;
const WARMUP_MS = 8000;
const WINDOW_MS = 15_000;

/** bytes written to storage by every process of the trees (/proc/<pid>/io write_bytes) */
async function writtenBytes(roots: number[]): Promise<number> {
  let sum = 0;
  for (const p of await processTree(...roots)) {
    const io = await readFile(`/proc/${p.pid}/io`, 'utf8').catch(() => '');
    sum += Number(/^write_bytes: (\d+)/m.exec(io)?.[1] ?? 0);
  }
  return sum;
}

async function window(roots: number[]) {
  const w0 = await writtenBytes(roots);
  const usage = await measureTrees(roots, WINDOW_MS);
  const mbPerSec = ((await writtenBytes(roots)) - w0) / 1e6 / (WINDOW_MS / 1000);
  return { cpu: usage.cpuPercent, rss: usage.rssMb, pss: usage.pssMb, mbPerSec, processes: usage.processes };
}

export async function runRecording(ctx: BenchContext): Promise<void> {
  const { children, log } = ctx;
  const camera = await startStampCamera(children, { width: 1280, height: 720, fps: 25, gop: 25, mounts: N, bitrateKbps: 2000 });
  log(`cameras: ${N} RTSP mounts, one shared encoder (1280x720, 25 fps, GOP 1 s, ~2 Mbit/s)`);
  const agent = new Agent({ keepAlive: true, maxSockets: Infinity });
  const viewers: Viewer[] = [];
  const rows: string[][] = [['design', 'processes', 'CPU % (one core)', 'CPU %/camera', 'PSS MB/camera', 'disk MB/s', 'disk MB/s/camera']];
  const row = (name: string, m: Awaited<ReturnType<typeof window>>) => rows.push([name, String(m.processes), fixed(m.cpu, 1),
    fixed(m.cpu / N, 2), fixed(m.pss / N, 1), fixed(m.mbPerSec, 2), fixed(m.mbPerSec / N, 3)]);
  try {
    const hub = await startBenchHub(children);
    try {
      const ids: string[] = [];
      for (let i = 0; i < N; i++) ids.push(await hub.addCamera(`rec ${i}`, camera.url(`cam${i}`)));
      for (const id of ids) viewers.push(startLlHlsViewer(agent, hub.playlistUrl(id, 'main'), hub.cookie));
      log('ours: live relay alone …');
      await new Promise((r) => setTimeout(r, WARMUP_MS));
      row('ours: live relay only (1 viewer/camera)', await window([hub.child.pid]));
      for (const id of ids) {
        const r = await fetch(`${hub.origin}/api/cameras/${id}`, {
          method: 'PATCH', headers: { cookie: hub.cookie, 'content-type': 'application/json' },
          body: JSON.stringify({ recording: { mode: 'continuous', stream: 'main' } }),
        });
        if (!r.ok) throw new Error(`recording on ${id}: HTTP ${r.status}`);
      }
      log('ours: live relay + recording …');
      await new Promise((r) => setTimeout(r, WARMUP_MS));
      row('ours: live relay + recording (same sessions)', await window([hub.child.pid]));
      for (const v of viewers.splice(0)) v.stop();
      await new Promise((r) => setTimeout(r, 2000));
      row('ours: recording only (no viewer)', await window([hub.child.pid]));
    } finally {
      for (const v of viewers.splice(0)) v.stop();
      await hub.close();
    }

    const dir = await mkdtemp(join(tmpdir(), 'bench-rec-peer-'));
    const ffmpegs: Child[] = [];
    try {
      log('peer: one ffmpeg -f segment per camera …');
      for (let i = 0; i < N; i++) {
        ffmpegs.push(children.spawn(`peer-rec-${i}`, '/usr/bin/ffmpeg', ['-hide_banner', '-loglevel', 'error', '-nostdin',
          '-rtsp_transport', 'tcp', '-i', camera.url(`cam${i}`), '-map', '0:v:0', '-c', 'copy', '-f', 'segment',
          '-segment_time', '60', '-reset_timestamps', '1', join(dir, `cam${i}-%05d.mp4`)]));
      }
      await new Promise((r) => setTimeout(r, WARMUP_MS));
      row('peer: ffmpeg -f segment per camera (recording only)', await window(ffmpegs.map((f) => f.pid)));
    } finally {
      await Promise.all(ffmpegs.map((f) => f.stop()));
      await rm(dir, { recursive: true, force: true });
    }
    log(table(rows));
    log('disk MB/s from /proc/<pid>/io write_bytes over the window (page-cache writes that reached the block layer may lag);');
    log('"live relay + recording" minus "live relay only" is what recording adds to a hub that is already showing the cameras.');
  } finally {
    agent.destroy();
    await camera.child.stop();
  }
}
