// Pure builders of ffmpeg command lines. No I/O, no clock: everything they need is passed in.
// The runner hands the struct to fluent-ffmpeg (input options, `-i input`, output options, `pipe:1`);
// `toArgv()` gives the same argv for tests and logs.

import type { InputSpec } from './types.ts';

export interface FfmpegArgs {
  input: string;
  inputOptions: string[];
  outputOptions: string[];
}

/** The output is always a pipe to stdout; fluent-ffmpeg appends `pipe:1` itself for a stream target. */
export const OUTPUT_TARGET = 'pipe:1';

/** Options ffmpeg reads anywhere on the line; put first so they apply before the input opens. */
const GLOBAL_OPTIONS = ['-hide_banner', '-nostats', '-nostdin', '-loglevel', 'error'];

/** Only what an RTSP(S) pull needs: no file:, pipe:, http:, concat:, subfile:, data: … */
export const RTSP_PROTOCOL_WHITELIST = 'rtsp,rtsps,tcp,tls,udp,rtp';

export class UnsafeInputError extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
    this.name = 'UnsafeInputError';
  }
}

/**
 * Fragmented MP4 to stdout: ftyp+moov first, then moof+mdat pairs. `perFrame`: one pair per frame
 * (`frag_every_frame`, for the live push transport; the LL-HLS packager gathers them into parts); otherwise one
 * pair per `partDurationMs` (cut early at keyframes), each one LL-HLS part.
 */
export function fmp4OutputOptions(partDurationMs: number, perFrame = false): string[] {
  if (perFrame) return ['-f', 'mp4', '-movflags', 'frag_every_frame+empty_moov+default_base_moof'];
  return [
    '-f', 'mp4',
    '-movflags', 'frag_keyframe+empty_moov+default_base_moof',
    '-frag_duration', String(Math.round(partDurationMs * 1000)),
  ];
}

// C0 controls, DEL, C1 controls, and every Unicode space/line separator.
// eslint-disable-next-line no-control-regex
const FORBIDDEN_URL_CHARS = /[\u0000-\u0020\u007f-\u009f\u00a0\u1680\u2000-\u200b\u2028\u2029\u202f\u205f\u3000\ufeff]/;

/** Defence in depth: the camera registry validates URLs too, but nothing unsafe may reach ffmpeg's argv. */
export function assertSafeRtspUrl(url: string): void {
  if (typeof url !== 'string' || url.length === 0) throw new UnsafeInputError('bad-url', 'empty URL');
  if (url.length > 2048) throw new UnsafeInputError('bad-url', 'URL too long');
  if (url.startsWith('-')) throw new UnsafeInputError('bad-url', 'URL starts with "-"');
  if (FORBIDDEN_URL_CHARS.test(url)) {
    throw new UnsafeInputError('bad-url', 'URL contains whitespace or control characters');
  }
  if (!/^rtsps?:\/\/[^/?#]/i.test(url)) {
    throw new UnsafeInputError('bad-url-scheme', 'only rtsp:// and rtsps:// URLs are accepted');
  }
}

export interface RtspArgsOptions {
  url: string;
  /** RTSP socket I/O timeout */
  connectTimeoutMs: number;
  partDurationMs: number;
  /** one fMP4 fragment per frame (see fmp4OutputOptions) */
  fragmentPerFrame?: boolean;
  /**
   * How much of the stream ffmpeg analyses before writing the header (`-analyzeduration`). Short = fast start;
   * a camera whose SDP lacks SPS/PPS and has a long GOP needs longer (the session retries with more).
   */
  probeMs?: number;
}

export const DEFAULT_PROBE_MS = 100;

/** Camera pull: RTSP over TCP, first video stream only, stream copy (never re-encoded). */
export function buildRtspArgs(o: RtspArgsOptions): FfmpegArgs {
  assertSafeRtspUrl(o.url);
  assertPositive('connectTimeoutMs', o.connectTimeoutMs);
  assertPositive('partDurationMs', o.partDurationMs);
  if (o.probeMs !== undefined) assertPositive('probeMs', o.probeMs);
  return {
    input: o.url,
    inputOptions: [
      ...GLOBAL_OPTIONS,
      '-rtsp_transport', 'tcp',
      '-timeout', String(Math.round(o.connectTimeoutMs * 1000)),
      '-protocol_whitelist', RTSP_PROTOCOL_WHITELIST,
      // no `-fflags nobuffer`: it throws away the packets read while probing, so the first fragment then
      // waits for the next keyframe (measured: first fragment 1.4 s vs 0.85 s after start, GOP 1 s)
      '-analyzeduration', String(Math.round((o.probeMs ?? DEFAULT_PROBE_MS) * 1000)),
    ],
    outputOptions: ['-map', '0:v:0', '-an', '-c', 'copy', ...fmp4OutputOptions(o.partDurationMs, o.fragmentPerFrame)],
  };
}

/** Only what pulling from the hub's own RTMP ingest needs. */
export const RTMP_PROTOCOL_WHITELIST = 'rtmp,tcp';
const RTMP_NAME = /^[A-Za-z0-9_-]{16,128}$/;

export interface RtmpArgsOptions {
  /** the ingest's port on 127.0.0.1 */
  port: number;
  /** the camera's stream key (secret): passed as -rtmp_playpath, so ffmpeg's messages name only …/live */
  streamName: string;
  /** the ingest's play token: only the hub may play */
  playToken: string;
  /** socket read/write timeout (-rw_timeout; RTMP's own -timeout would make ffmpeg listen) */
  connectTimeoutMs: number;
  partDurationMs: number;
  fragmentPerFrame?: boolean;
  probeMs?: number;
}

/** Pull of a pushed camera from the hub's RTMP ingest on 127.0.0.1: video only, stream copy. */
export function buildRtmpArgs(o: RtmpArgsOptions): FfmpegArgs {
  if (!Number.isInteger(o.port) || o.port < 1 || o.port > 65535) {
    throw new UnsafeInputError('ingest-not-running', 'the RTMP ingest is not running');
  }
  if (!RTMP_NAME.test(o.streamName) || !RTMP_NAME.test(o.playToken)) {
    throw new UnsafeInputError('bad-stream-name', 'stream names and tokens are 16-128 characters of [A-Za-z0-9_-]');
  }
  assertPositive('connectTimeoutMs', o.connectTimeoutMs);
  assertPositive('partDurationMs', o.partDurationMs);
  if (o.probeMs !== undefined) assertPositive('probeMs', o.probeMs);
  return {
    input: `rtmp://127.0.0.1:${o.port}/live`,
    inputOptions: [
      ...GLOBAL_OPTIONS,
      '-protocol_whitelist', RTMP_PROTOCOL_WHITELIST,
      '-rw_timeout', String(Math.round(o.connectTimeoutMs * 1000)),
      '-rtmp_live', 'live',
      '-rtmp_playpath', `${o.streamName}?t=${o.playToken}`,
      '-analyzeduration', String(Math.round((o.probeMs ?? DEFAULT_PROBE_MS) * 1000)),
    ],
    outputOptions: ['-map', '0:v:0', '-an', '-c', 'copy', ...fmp4OutputOptions(o.partDurationMs, o.fragmentPerFrame)],
  };
}

export type DemoPattern = 'testsrc2' | 'smptehdbars' | 'rgbtestsrc';
const DEMO_PATTERNS: readonly DemoPattern[] = ['testsrc2', 'smptehdbars', 'rgbtestsrc'];

export interface DemoArgsOptions {
  pattern: DemoPattern;
  label: string;
  width: number;
  height: number;
  fps: number;
  partDurationMs: number;
  fragmentPerFrame?: boolean;
  /** a TrueType font; when null no text is drawn */
  fontFile: string | null;
  /** wall clock at start (ms since epoch): the burnt-in clock is this + frame time, in Asia/Ho_Chi_Minh */
  nowMs: number;
}

const VIETNAM_UTC_OFFSET_SEC = 7 * 3600; // Asia/Ho_Chi_Minh has no daylight saving time

/** Demo camera: an ffmpeg test pattern encoded live (the only place where we encode). */
export function buildDemoArgs(o: DemoArgsOptions): FfmpegArgs {
  if (!DEMO_PATTERNS.includes(o.pattern)) throw new UnsafeInputError('bad-pattern', 'unknown demo pattern');
  assertIntIn('width', o.width, 16, 3840);
  assertIntIn('height', o.height, 16, 2160);
  assertIntIn('fps', o.fps, 1, 60);
  assertPositive('partDurationMs', o.partDurationMs);
  const outputOptions: string[] = [];
  if (o.fontFile !== null) {
    outputOptions.push('-vf', demoTextFilter(o.fontFile, o.label, o.nowMs));
  }
  outputOptions.push(
    '-c:v', 'libx264', '-preset', 'ultrafast', '-tune', 'zerolatency',
    '-g', String(o.fps), '-pix_fmt', 'yuv420p',
    ...fmp4OutputOptions(o.partDurationMs, o.fragmentPerFrame),
  );
  return {
    input: `${o.pattern}=size=${o.width}x${o.height}:rate=${o.fps}`,
    inputOptions: [...GLOBAL_OPTIONS, '-re', '-f', 'lavfi'],
    outputOptions,
  };
}

/**
 * Keeps letters (any script, with their combining marks), digits, spaces and `( ) - . / #`: none of them is special
 * to the filtergraph parser, the filter option parser or drawtext's expansion, so no escaping level can be fooled.
 */
export function sanitizeLabel(label: string): string {
  const kept = label.normalize('NFC').replace(/[^\p{L}\p{M}\p{N} ()\-./#]/gu, ' ');
  return kept.replace(/\s+/g, ' ').trim().slice(0, 60) || 'demo';
}

function demoTextFilter(fontFile: string, label: string, nowMs: number): string {
  if (!/^\/[A-Za-z0-9/._-]+$/.test(fontFile)) throw new UnsafeInputError('bad-font', 'unsafe font path');
  const style = `fontfile=${fontFile}:fontsize=20:fontcolor=white:box=1:boxcolor=black@0.55:boxborderw=6`;
  const offset = Math.floor(nowMs / 1000) + VIETNAM_UTC_OFFSET_SEC;
  // Levels: '…' protects the value from the graph parser; `\:` is a literal ':' for the option parser;
  // drawtext then reads %{pts:gmtime:<offset>:<strftime>} where `\:` inside the format is a literal ':'.
  const clock = `'%{pts\\:gmtime\\:${offset}\\:%Y-%m-%d %H\\\\\\:%M\\\\\\:%S}'`;
  return [
    // just above the bottom edge: the wall draws the camera's name bar along the bottom and its actions along the
    // top, and testsrc2 has a counter top left
    `drawtext=${style}:text=${sanitizeLabel(label)}:x=12:y=h-th-60`,
    `drawtext=${style}:text=${clock}:x=w-tw-12:y=h-th-60`,
  ].join(',');
}

export interface TranscodeArgsOptions {
  /** box the picture is scaled down into, aspect kept, never scaled up */
  maxWidth: number;
  maxHeight: number;
  partDurationMs: number;
  fragmentPerFrame?: boolean;
}

/** ffmpeg's name for a stream input on stdin (fluent-ffmpeg writes it for a Readable input) */
export const STDIN_INPUT = 'pipe:0';

/**
 * A transcode for browsers that cannot decode a camera's codec (H.265): the hub's own fMP4 of the camera stream on
 * stdin (so the camera keeps one session), H.264 out at most maxWidth×maxHeight, a keyframe every second whatever
 * the frame rate (GOP = fps), frame timing passed through, no audio; the same fMP4 output as a camera session.
 */
export function buildTranscodeArgs(o: TranscodeArgsOptions): FfmpegArgs {
  assertIntIn('maxWidth', o.maxWidth, 16, 3840);
  assertIntIn('maxHeight', o.maxHeight, 16, 2160);
  assertPositive('partDurationMs', o.partDurationMs);
  // quoted: the commas inside min() are not filter separators
  const scale = `scale=w='min(${o.maxWidth},iw)':h='min(${o.maxHeight},ih)':force_original_aspect_ratio=decrease:force_divisible_by=2`;
  return {
    input: STDIN_INPUT,
    // 0.1 s of analysis: the stream parameters are in the init segment (the default waited ~1.4 s at 15 fps)
    inputOptions: [...GLOBAL_OPTIONS, '-f', 'mp4', '-analyzeduration', String(DEFAULT_PROBE_MS * 1000)],
    outputOptions: [
      '-map', '0:v:0', '-an', '-vf', scale,
      '-c:v', 'libx264', '-preset', 'veryfast', '-tune', 'zerolatency', '-profile:v', 'main', '-pix_fmt', 'yuv420p',
      '-crf', '25', '-maxrate', '1200k', '-bufsize', '2400k',
      '-force_key_frames', 'expr:gte(t,n_forced*1)', '-fps_mode', 'passthrough',
      ...fmp4OutputOptions(o.partDurationMs, o.fragmentPerFrame),
    ],
  };
}

/** Full argv as spawned (without the program name). */
export function toArgv(a: FfmpegArgs & { target?: string }): string[] {
  return [...a.inputOptions, '-i', a.input, ...a.outputOptions, a.target ?? OUTPUT_TARGET];
}

function assertPositive(name: string, v: number): void {
  if (!Number.isFinite(v) || v <= 0) throw new RangeError(`${name} must be a positive number`);
}

function assertIntIn(name: string, v: number, min: number, max: number): void {
  if (!Number.isInteger(v) || v < min || v > max) throw new RangeError(`${name} must be an integer in [${min}, ${max}]`);
}

/** The argv for a session's input: the one place that picks the builder for an InputSpec. */
export function buildSessionArgs(input: InputSpec, o: {
  connectTimeoutMs: number; partDurationMs: number; fragmentPerFrame: boolean; probeMs?: number; fontFile: string | null; nowMs: number;
}): FfmpegArgs {
  const common = { partDurationMs: o.partDurationMs, fragmentPerFrame: o.fragmentPerFrame };
  if (input.kind === 'rtsp') return buildRtspArgs({ ...common, url: input.url, connectTimeoutMs: o.connectTimeoutMs, probeMs: o.probeMs });
  if (input.kind === 'rtmp') {
    return buildRtmpArgs({
      ...common, port: input.port, streamName: input.streamName, playToken: input.playToken,
      connectTimeoutMs: o.connectTimeoutMs, probeMs: o.probeMs,
    });
  }
  if (input.kind === 'transcode') return buildTranscodeArgs({ ...common, maxWidth: input.maxWidth, maxHeight: input.maxHeight });
  return buildDemoArgs({ ...input, ...common, fontFile: o.fontFile, nowMs: o.nowMs });
}
