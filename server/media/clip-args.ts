// Pure builders for evidence clips: segment files → one MP4 by stream copy (never re-encoded).
import type { FfmpegArgs } from './ffmpeg-args.ts';

export interface ClipPiece {
  /** absolute path of a segment file (ours: only [\w/.-] characters) */
  file: string;
  /** seconds from the start of that file; omitted = from its start / to its end */
  inpoint?: number;
  outpoint?: number;
}

const SAFE_PATH = /^\/[\w/.-]+$/;

/** The concat demuxer's list: one `file` line per piece, with in/out points. */
export function buildConcatList(pieces: ClipPiece[]): string {
  if (pieces.length === 0) throw new Error('a clip needs at least one segment');
  return pieces.map((p) => {
    if (!SAFE_PATH.test(p.file)) throw new Error('unsafe segment path');
    const lines = [`file '${p.file}'`];
    if (p.inpoint !== undefined && p.inpoint > 0) lines.push(`inpoint ${p.inpoint.toFixed(3)}`);
    if (p.outpoint !== undefined) lines.push(`outpoint ${p.outpoint.toFixed(3)}`);
    return lines.join('\n');
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
