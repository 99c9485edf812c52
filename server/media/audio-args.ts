// The audio variant of a camera session's argv: the same video, copied into the same fMP4 on stdout, plus the
// camera's first audio stream encoded to AAC into a second fMP4 on fd 3 (`pipe:3`). One ffmpeg (one camera
// session) writes both through the tee muxer; a camera without audio leaves the audio branch without a stream, the
// tee drops it (`onfail=ignore`) and the video goes on exactly as before.
import type { FfmpegArgs } from './ffmpeg-args.ts';

/** the fd the audio fMP4 is written to; the runner opens it when `args.pipe3` is set */
export const AUDIO_PIPE = 'pipe:3';
/** AAC-LC at 48 kbit/s: the most AAC allows at 8 kHz (G.711's rate) without ffmpeg clamping it, plenty for speech */
export const AUDIO_BITRATE = '48k';

export interface AudioFfmpegArgs extends FfmpegArgs {
  /** the output name instead of stdout (the tee's slaves); stdout still carries the video */
  target: string;
  /** open ffmpeg's fd 3 as a pipe */
  pipe3: true;
}

/**
 * Turns a camera pull's argv (`-map 0:v:0 -an -c copy <fMP4 options>`) into the tee argv. Returns null when the argv
 * is not that shape (a demo or a transcode): those stay video only.
 */
export function withAudioOutput(a: FfmpegArgs): AudioFfmpegArgs | null {
  const o = a.outputOptions;
  const copy = o.slice(0, 5).join(' ') === '-map 0:v:0 -an -c copy';
  const fmt = o.indexOf('-f');
  if (!copy || fmt < 0 || o[fmt + 1] !== 'mp4') return null;
  const slave = muxerOptions(o.slice(fmt + 2));
  if (slave === null) return null;
  const level = a.inputOptions.indexOf('-loglevel');
  const inputOptions = [...a.inputOptions];
  // info lines describe the input (its audio codec); the runner keeps only errors for the exit report
  if (level >= 0) inputOptions[level + 1] = 'level+info';
  return {
    input: a.input,
    inputOptions,
    outputOptions: [
      '-map', '0:v:0', '-map', '0:a:0?', '-c:v', 'copy', '-c:a', 'aac', '-b:a', AUDIO_BITRATE,
      // without it the muxer holds each video frame until audio of a later time arrives (+245 ms measured at
      // 15 fps); with it a frame waits at most for the next packet (one frame)
      '-max_interleave_delta', '1',
      '-f', 'tee',
    ],
    target: `[select=v:f=mp4:${slave}]pipe:1|[select=a:f=mp4:${slave}:onfail=ignore]${AUDIO_PIPE}`,
    pipe3: true,
  };
}

/** `-movflags X -frag_duration N` → `movflags=X:frag_duration=N` (values are ours: [\w+]) */
function muxerOptions(opts: string[]): string | null {
  const out: string[] = [];
  for (let i = 0; i < opts.length; i += 2) {
    const key = opts[i]!;
    const value = opts[i + 1];
    if (!/^-[a-z_]+$/.test(key) || value === undefined || !/^[\w+]+$/.test(value)) return null;
    out.push(`${key.slice(1)}=${value}`);
  }
  return out.join(':');
}
