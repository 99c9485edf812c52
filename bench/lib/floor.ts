import { fileURLToPath } from 'node:url';
import { decodeStamp, stampAgeMs, STAMP_HEIGHT, STAMP_WIDTH } from '../page/stamp-decode.js';
import type { Child, Children } from './children.ts';

export interface FloorResult {
  /** now − stamp for every frame whose stamp decoded */
  samples: number[];
  /** frames whose stamp was rejected (damaged) */
  rejected: number;
  /** stamp of each frame minus the previous frame's: 1000/fps ms give or take the source's timer jitter when every
   * bit is read right (a misread bit shows up as a jump of a power of two) */
  steps: number[];
}

export interface FloorOptions {
  warmupMs: number;
  durationMs: number;
}

const BAND = STAMP_WIDTH * STAMP_HEIGHT;
const READER = fileURLToPath(new URL('../sources/stamp-reader.py', import.meta.url));

/**
 * ffmpeg pulls the RTSP stream, decodes it with no buffering and hands us the stamp band as raw grey pixels, frame
 * by frame; the time is taken when the frame reaches us. What is left is encode + RTSP + ffmpeg's decode.
 */
export function measureFfmpegFloor(children: Children, rtspUrl: string, opts: FloorOptions): Promise<FloorResult> {
  const child = children.spawn('ffmpeg-floor', '/usr/bin/ffmpeg', [
    '-hide_banner', '-loglevel', 'error', '-nostdin',
    '-fflags', 'nobuffer', '-flags', 'low_delay', '-threads', '1',
    '-rtsp_transport', 'tcp', '-i', rtspUrl,
    '-an', '-vf', `crop=${STAMP_WIDTH}:${STAMP_HEIGHT}:0:0`, '-pix_fmt', 'gray',
    '-fps_mode', 'passthrough', '-f', 'rawvideo', '-flush_packets', '1', 'pipe:1',
  ], { stdio: ['ignore', 'pipe', 'pipe'] });
  return collect(child, BAND, (frame) => [Date.now(), frame], opts);
}

/** Same with GStreamer's decoder (bench/sources/stamp-reader.py), which stamps the time a frame leaves it. */
export function measureGstFloor(children: Children, rtspUrl: string, opts: FloorOptions): Promise<FloorResult> {
  const child = children.spawn('gst-floor', '/usr/bin/python3', [READER, rtspUrl, String(STAMP_WIDTH), String(STAMP_HEIGHT)], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return collect(child, 8 + BAND, (record) => [record.readDoubleLE(0), record.subarray(8)], opts);
}

async function collect(
  child: Child,
  recordBytes: number,
  split: (record: Buffer) => [number, Buffer],
  opts: FloorOptions,
): Promise<FloorResult> {
  const result: FloorResult = { samples: [], rejected: 0, steps: [] };
  let previous: number | null = null;
  const started = Date.now();
  let pending: Buffer = Buffer.alloc(0);
  child.proc.stdout?.on('data', (chunk: Buffer) => {
    pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
    while (pending.length >= recordBytes) {
      const [at, band] = split(pending.subarray(0, recordBytes));
      pending = pending.subarray(recordBytes);
      if (at - started < opts.warmupMs) continue;
      const stamp = decodeStamp((x, y) => band[y * STAMP_WIDTH + x] ?? 0);
      if (stamp === null) {
        result.rejected += 1;
        continue;
      }
      result.samples.push(stampAgeMs(stamp, at));
      if (previous !== null) result.steps.push(stamp - previous);
      previous = stamp;
    }
  });
  await Promise.race([new Promise((r) => setTimeout(r, opts.warmupMs + opts.durationMs)), child.exited]);
  if (child.proc.exitCode !== null) throw new Error(`${child.name} exited early:\n${child.stderrTail()}`);
  await child.stop();
  return result;
}
