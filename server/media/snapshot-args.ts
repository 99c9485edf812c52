// Pure builder for a still picture: one keyframe (init segment + one fMP4 part, written to a file of ours)
// decoded to a JPEG. The only re-encoding of camera video in the hub, and only of one frame.
import type { FfmpegArgs } from './ffmpeg-args.ts';

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
