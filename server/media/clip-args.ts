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
export function buildClipArgs(o: { listFile: string; output: string }): FfmpegArgs & { output: string } {
  if (!SAFE_PATH.test(o.listFile) || !SAFE_PATH.test(o.output)) throw new Error('unsafe clip path');
  return {
    input: o.listFile,
    inputOptions: ['-hide_banner', '-nostdin', '-nostats', '-loglevel', 'error', '-f', 'concat', '-safe', '0',
      '-protocol_whitelist', 'file'],
    outputOptions: ['-map', '0:v:0', '-c', 'copy', '-movflags', '+faststart', '-f', 'mp4', '-y'],
    output: o.output,
  };
}
