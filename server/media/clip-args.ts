// Pure builders for evidence clips: segment files → one MP4 by stream copy (never re-encoded).
import type { FfmpegArgs } from './ffmpeg-args.ts';

const SAFE_PATH = /^\/[\w/.-]+$/;

/**
 * The concat demuxer's list: one `file` line per piece (absolute paths of our own files, [\w/.-] only).
 * Pieces are already cut to whole GOPs: ffmpeg cannot seek inside fragmented MP4 without an index, so
 * `inpoint`/`outpoint` would be ignored.
 */
export function buildConcatList(files: string[]): string {
  if (files.length === 0) throw new Error('a clip needs at least one piece');
  return files.map((f) => {
    if (!SAFE_PATH.test(f)) throw new Error('unsafe piece path');
    return `file '${f}'`;
  }).join('\n') + '\n';
}

/**
 * Reads the list with the concat demuxer (only the `file` protocol is allowed, so a list can reach nothing else)
 * and writes a regular MP4 with the index at the front (faststart), so any player opens it at once.
 */
export function buildClipArgs(o: {
  listFile: string;
  output: string;
  /** the camera's audio pieces (AAC) and where they start after the first video frame (s, ≥ 0) */
  audio?: { listFile: string; offsetSec: number };
}): FfmpegArgs & { output: string } {
  if (!SAFE_PATH.test(o.listFile) || !SAFE_PATH.test(o.output)) throw new Error('unsafe clip path');
  const concat = ['-f', 'concat', '-safe', '0', '-protocol_whitelist', 'file'];
  const global = ['-hide_banner', '-nostdin', '-nostats', '-loglevel', 'error'];
  if (!o.audio) {
    return {
      input: o.listFile,
      inputOptions: [...global, ...concat],
      outputOptions: ['-map', '0:v:0', '-c', 'copy', '-movflags', '+faststart', '-f', 'mp4', '-y'],
      output: o.output,
    };
  }
  const { listFile, offsetSec } = o.audio;
  if (!SAFE_PATH.test(listFile)) throw new Error('unsafe clip path');
  if (!Number.isFinite(offsetSec) || offsetSec < 0) throw new RangeError('offsetSec must be ≥ 0');
  // the audio list is input 0 (its -itsoffset must precede its -i); the video list, input 1, is the runner's input
  return {
    input: o.listFile,
    inputOptions: [...global, ...concat, '-itsoffset', offsetSec.toFixed(3), '-i', listFile, ...concat],
    outputOptions: ['-map', '1:v:0', '-map', '0:a:0', '-c', 'copy', '-movflags', '+faststart', '-f', 'mp4', '-y'],
    output: o.output,
  };
}
