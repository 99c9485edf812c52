// Second part of the wall benchmark: many viewers of ONE camera. Push viewers (node `ws` clients in a child process,
// bench/lib/wall-push-viewers-main.ts) against LL-HLS viewers (bench/lib/hls-viewers.ts, in this process), same
// hub, same camera. The hub's process tree is measured over the same window; its ffmpeg processes are counted.
import { readFile } from 'node:fs/promises';
import { Agent } from 'node:http';
import { fileURLToPath } from 'node:url';
import { waitForLine, type Children } from './children.ts';
import { startLlHlsViewer, sumStats, type Viewer } from './hls-viewers.ts';
import type { BenchHub } from './hub.ts';
import { measureTrees, processTree, type TreeUsage } from './proc-stats.ts';
import type { PushViewersResult } from './wall-push-viewers-main.ts';

const MAIN = fileURLToPath(new URL('./wall-push-viewers-main.ts', import.meta.url));
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export interface FanoutOptions {
  viewers: number;
  warmupMs: number;
  windowMs: number;
}

export interface HubWindow {
  usage: TreeUsage;
  /** ffmpeg processes in the hub's tree at the end of the window, and how many of them pull `rtspUrl` */
  ffmpeg: number;
  ffmpegForCamera: number;
}

export interface PushFanout extends HubWindow {
  result: PushViewersResult;
  /** GET /api/diagnostics/live at the end of the window, while the viewers are still connected */
  diagnostics: unknown;
}

export interface HlsFanout extends HubWindow {
  withMedia: number;
  mediaPerSec: number;
  errors: number;
  lastError: string | null;
}

async function hubWindow(hub: BenchHub, rtspUrl: string, windowMs: number): Promise<HubWindow> {
  const usage = await measureTrees([hub.child.pid], windowMs);
  const ffmpegs = (await processTree(hub.child.pid)).filter((p) => p.comm === 'ffmpeg');
  const argv = await Promise.all(ffmpegs.map((p) => readFile(`/proc/${p.pid}/cmdline`, 'utf8').catch(() => '')));
  return { usage, ffmpeg: ffmpegs.length, ffmpegForCamera: argv.filter((a) => a.split('\0').includes(rtspUrl)).length };
}

/** waits (bounded) until the hub runs at most `max` ffmpeg processes: other cameras' sessions have gone idle */
export async function waitFfmpegAtMost(hub: BenchHub, max: number, limitMs: number): Promise<number> {
  const deadline = Date.now() + limitMs;
  for (;;) {
    const n = (await processTree(hub.child.pid)).filter((p) => p.comm === 'ffmpeg').length;
    if (n <= max || Date.now() > deadline) return n;
    await sleep(500);
  }
}

export async function measurePushFanout(
  children: Children, hub: BenchHub, cameraId: string, rtspUrl: string, opts: FanoutOptions,
): Promise<PushFanout> {
  const cfg = {
    origin: hub.origin, cookie: hub.cookie, cameraId, stream: 'sub',
    count: opts.viewers, warmupMs: opts.warmupMs, windowMs: opts.windowMs, readyTimeoutMs: 30_000,
  };
  const child = children.spawn('push-viewers', process.execPath, ['--import', 'tsx', MAIN, JSON.stringify(cfg)]);
  try {
    await waitForLine(child, /^READY (\d+)/, cfg.readyTimeoutMs + 20_000);
    await waitForLine(child, /^WINDOW$/, opts.warmupMs + 10_000);
    const [hubSide, line] = await Promise.all([
      hubWindow(hub, rtspUrl, opts.windowMs),
      waitForLine(child, /^RESULT (.*) END$/, opts.windowMs + 30_000),
    ]);
    const diagnostics = await liveDiagnostics(hub); // the viewers are still connected
    return { ...hubSide, diagnostics, result: JSON.parse(line[1] as string) as PushViewersResult };
  } finally {
    await child.stop();
  }
}

export async function measureHlsFanout(hub: BenchHub, cameraId: string, rtspUrl: string, opts: FanoutOptions): Promise<HlsFanout> {
  const agent = new Agent({ keepAlive: true, maxSockets: Infinity });
  const viewers: Viewer[] = [];
  try {
    for (let i = 0; i < opts.viewers; i += 1) viewers.push(startLlHlsViewer(agent, hub.playlistUrl(cameraId, 'sub'), hub.cookie));
    const deadline = Date.now() + 30_000;
    while (viewers.some((v) => v.stats.media < 2) && Date.now() < deadline) await sleep(250);
    const withMedia = viewers.filter((v) => v.stats.media >= 2).length;
    await sleep(opts.warmupMs);
    const before = sumStats(viewers);
    const t0 = Date.now();
    const hubSide = await hubWindow(hub, rtspUrl, opts.windowMs);
    const after = sumStats(viewers);
    return {
      ...hubSide,
      withMedia,
      mediaPerSec: ((after.media - before.media) * 1000) / (Date.now() - t0),
      errors: after.errors - before.errors,
      lastError: after.lastError,
    };
  } finally {
    for (const v of viewers) v.stop();
    agent.destroy();
  }
}

/** GET /api/diagnostics/live with the admin's cookie: the JSON, or a one-line reason */
export async function liveDiagnostics(hub: BenchHub): Promise<unknown> {
  try {
    const res = await fetch(`${hub.origin}/api/diagnostics/live`, { headers: { cookie: hub.cookie } });
    if (!res.ok) return `HTTP ${res.status}`;
    return await res.json();
  } catch (err) {
    return String(err);
  }
}

/** the diagnostics' totals in one line (the JSON cut short when it is not what the hub is expected to say) */
export function diagnosticsLine(d: unknown): string {
  if (!d || typeof d !== 'object' || !('connections' in d)) return JSON.stringify(d).slice(0, 300);
  const x = d as Record<string, unknown>;
  return ['connections', 'subscriptions', 'fragmentsSent', 'fragmentsDropped', 'skipEpisodes', 'queuedBytes', 'maxViewerQueuedBytes']
    .map((k) => `${k} ${String(x[k])}`).join(', ');
}
