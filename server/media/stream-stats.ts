// What a running stream is, read from what ffmpeg emits: the init segment (codec string, profile, coded size) and
// each fragment's moof (sample count, duration, keyframe flag) and size. Box headers only, never the media.
import type { Logger } from 'pino';
import { codecString } from './codec-string.ts';
import type { Fragment, InitSegment } from './mp4-box-reader.ts';

/** Keyframes further apart than this (seconds) cost latency, time to first frame and clip precision. */
export const LONG_GOP_SEC = 4;

export interface StreamInfo {
  /** RFC 6381 codec string, e.g. avc1.64001f, hvc1.1.6.L93.B0 */
  codec: string;
  /** H.264 / H.265, null for anything else */
  codecName: 'H.264' | 'H.265' | null;
  /** e.g. High, Constrained Baseline, Main, Main 10 */
  profile: string | null;
  width: number | null;
  height: number | null;
  /** frames per second (from the median frame duration in the window); null until a second of media */
  fps: number | null;
  /** seconds between the last two keyframes; null until two keyframes */
  gopSec: number | null;
  /** the longest keyframe interval in the GOP window, including the one in progress */
  gopMaxSec: number | null;
  /** bytes per second over the window ×8/1000; null until a second of media */
  bitrateKbps: number | null;
  /** gopMaxSec > LONG_GOP_SEC */
  longGop: boolean;
  /** the camera's audio as it sends it → as the hub keeps it ("G.711 A-law 8 kHz → AAC"); null/absent: none */
  audio?: string | null;
}

export interface StreamStatsOptions {
  /** fps and bitrate are measured over this much media (seconds) */
  windowSec?: number;
  /** keyframe intervals remembered for the maximum (seconds) */
  gopWindowSec?: number;
}

interface Sample {
  /** decode time at the fragment's end, seconds */
  end: number;
  durationSec: number;
  frames: number;
  bytes: number;
}

const H264_PROFILES: Record<number, string> = {
  66: 'Baseline', 77: 'Main', 88: 'Extended', 100: 'High', 110: 'High 10', 122: 'High 4:2:2', 244: 'High 4:4:4',
};
const H265_PROFILES: Record<number, string> = { 1: 'Main', 2: 'Main 10', 3: 'Main Still Picture', 4: 'Range Extensions' };

/** Profile name from a codec string (avc1.PPCCLL, hvc1.[A-C]?P.…). */
export function profileName(codec: string): string | null {
  const avc = /^av[c]\d\.([0-9a-f]{2})([0-9a-f]{2})[0-9a-f]{2}$/i.exec(codec);
  if (avc) {
    const idc = parseInt(avc[1]!, 16);
    const constraints = parseInt(avc[2]!, 16);
    if (idc === 66 && constraints & 0x40) return 'Constrained Baseline';
    return H264_PROFILES[idc] ?? `profile ${idc}`;
  }
  const hevc = /^(?:hvc1|hev1)\.[A-C]?(\d+)\./i.exec(codec);
  if (hevc) {
    const idc = Number(hevc[1]);
    return H265_PROFILES[idc] ?? `profile ${idc}`;
  }
  return null;
}

function codecName(codec: string): StreamInfo['codecName'] {
  if (/^av[c]\d/.test(codec)) return 'H.264';
  if (/^(hvc1|hev1)/.test(codec)) return 'H.265';
  return null;
}

const round = (n: number, digits: number) => Math.round(n * 10 ** digits) / 10 ** digits;

export class StreamStats {
  private codec: string | null = null;
  private width: number | null = null;
  private height: number | null = null;
  private samples: Sample[] = [];
  /** decode times (seconds) of the keyframes in the GOP window, oldest first */
  private keyframes: number[] = [];
  private mediaEnd = 0;
  private readonly windowSec: number;
  private readonly gopWindowSec: number;

  constructor(o: StreamStatsOptions = {}) {
    this.windowSec = o.windowSec ?? 5;
    this.gopWindowSec = o.gopWindowSec ?? 60;
  }

  /** A new run of the stream (ffmpeg started): forget what the last one measured. */
  init(init: InitSegment): void {
    this.reset();
    this.codec = codecString(init.data, init.track.codec);
    this.width = init.track.width;
    this.height = init.track.height;
  }

  reset(): void {
    this.codec = null;
    this.width = null;
    this.height = null;
    this.samples = [];
    this.keyframes = [];
    this.mediaEnd = 0;
  }

  fragment(f: Fragment): void {
    if (this.codec === null) return;
    const end = f.decodeTime + f.durationSec;
    this.mediaEnd = Math.max(this.mediaEnd, end);
    this.samples.push({ end, durationSec: f.durationSec, frames: f.sampleCount, bytes: f.data.length });
    while (this.samples.length > 1 && this.samples[0]!.end <= this.mediaEnd - this.windowSec) this.samples.shift();
    if (f.keyframe) {
      this.keyframes.push(f.decodeTime);
      // keep the newest keyframe before the window too: the interval that crosses the window's start counts
      while (this.keyframes.length > 2 && this.keyframes[1]! < this.mediaEnd - this.gopWindowSec) this.keyframes.shift();
    }
  }

  /** null before the init segment of the current run */
  /** Keyframes more than LONG_GOP_SEC apart (cheap: the keyframe times only; checked on the media path). */
  longGop(): boolean {
    const { gopMax } = this.gops();
    return gopMax !== null && gopMax > LONG_GOP_SEC;
  }

  /** the last finished GOP and the longest in the window, the one in progress included once it is the longest */
  private gops(): { gopSec: number | null; gopMax: number | null } {
    const k = this.keyframes;
    let gopSec: number | null = null;
    let gopMax: number | null = null;
    for (let i = 1; i < k.length; i++) {
      const d = k[i]! - k[i - 1]!;
      gopMax = gopMax === null ? d : Math.max(gopMax, d);
      gopSec = d;
    }
    if (k.length > 0) {
      const open = this.mediaEnd - k[k.length - 1]!;
      if (gopMax !== null ? open > gopMax : open > LONG_GOP_SEC) gopMax = open;
    }
    return { gopSec, gopMax };
  }

  info(): StreamInfo | null {
    if (this.codec === null) return null;
    // over the decode-time span from the first fragment to the last one's start: the last fragment's duration is
    // ffmpeg's guess (the next frame has not come yet), and the first of a run may be stretched
    let bytes = 0;
    const frameDurations: number[] = [];
    for (let i = 0; i < this.samples.length - 1; i++) {
      const f = this.samples[i]!;
      bytes += f.bytes;
      if (f.frames > 0 && f.durationSec > 0) frameDurations.push(f.durationSec / f.frames);
    }
    // the frame rate from the median frame duration: a camera's first frames often come with a near-zero or a
    // stretched duration, which would bend an average over a short window
    frameDurations.sort((a, b) => a - b);
    const median = frameDurations.length ? frameDurations[frameDurations.length >> 1]! : 0;
    const first = this.samples[0];
    const last = this.samples[this.samples.length - 1];
    const duration = first && last ? last.end - last.durationSec - (first.end - first.durationSec) : 0;
    const measured = duration >= 1;
    const { gopSec, gopMax } = this.gops();
    return {
      codec: this.codec,
      codecName: codecName(this.codec),
      profile: profileName(this.codec),
      width: this.width,
      height: this.height,
      fps: measured && median > 0 ? round(1 / median, 1) : null,
      gopSec: gopSec === null ? null : round(gopSec, 2),
      gopMaxSec: gopMax === null ? null : round(gopMax, 2),
      bitrateKbps: measured ? Math.round((bytes * 8) / duration / 1000) : null,
      longGop: gopMax !== null && gopMax > LONG_GOP_SEC,
    };
  }
}

/**
 * Once per run, when keyframes come more than LONG_GOP_SEC apart (smart codec / long I-frame interval): logs the
 * advice and returns true; false while the GOP is not long.
 */
export function logLongGop(stats: StreamStats, logger: Logger): boolean {
  if (!stats.longGop()) return false;
  const info = stats.info();
  logger.warn(
    { gopSec: info?.gopSec, gopMaxSec: info?.gopMaxSec, limitSec: LONG_GOP_SEC },
    'keyframes are far apart: set the I-frame interval to the frame rate and turn the smart codec (H.265+/H.264+) off',
  );
  return true;
}
