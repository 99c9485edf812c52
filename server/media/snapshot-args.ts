// Pure builder for a still picture: one keyframe (init segment + one fMP4 part, written to a file of ours)
// decoded to a JPEG. The only re-encoding of camera video in the hub, and only of one frame.
import { RTSP_PROTOCOL_WHITELIST, assertSafeRtspUrl, type FfmpegArgs } from './ffmpeg-args.ts';

const SAFE_PATH = /^\/[\w/.-]+$/;

export function buildSnapshotArgs(o: { input: string; output: string; maxWidth?: number }): FfmpegArgs & { output: string } {
  if (!SAFE_PATH.test(o.input) || !SAFE_PATH.test(o.output)) throw new Error('unsafe snapshot path');
  const maxWidth = o.maxWidth ?? 1280;
  if (!Number.isInteger(maxWidth) || maxWidth < 16 || maxWidth > 7680) throw new RangeError('maxWidth out of range');
  return {
    input: o.input,
    inputOptions: ['-hide_banner', '-nostdin', '-nostats', '-loglevel', 'error', '-protocol_whitelist', 'file', '-f', 'mp4'],
    outputOptions: [
      '-map', '0:v:0', '-frames:v', '1',
      // never upscale; keep the aspect ratio; even width for the JPEG encoder's chroma subsampling
      '-vf', `scale='min(${maxWidth},iw)':-2`,
      '-c:v', 'mjpeg', '-q:v', '4', '-f', 'image2', '-y',
    ],
    output: o.output,
  };
}

/**
 * One frame straight from a camera's RTSP URL (the "test connection" step before a camera is saved, when no
 * stream of the hub runs for it yet). The H.264 decoder outputs nothing before the first keyframe.
 */
export function buildRtspSnapshotArgs(o: { url: string; output: string; connectTimeoutMs: number; maxWidth?: number }): FfmpegArgs & { output: string } {
  assertSafeRtspUrl(o.url);
  if (!SAFE_PATH.test(o.output)) throw new Error('unsafe snapshot path');
  if (!Number.isFinite(o.connectTimeoutMs) || o.connectTimeoutMs <= 0) throw new RangeError('connectTimeoutMs must be positive');
  const still = buildSnapshotArgs({ input: '/dev/null', output: o.output, maxWidth: o.maxWidth });
  return {
    input: o.url,
    inputOptions: [
      '-hide_banner', '-nostdin', '-nostats', '-loglevel', 'error',
      '-rtsp_transport', 'tcp', '-timeout', String(Math.round(o.connectTimeoutMs * 1000)),
      '-protocol_whitelist', RTSP_PROTOCOL_WHITELIST,
    ],
    outputOptions: still.outputOptions,
    output: o.output,
  };
}
