import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { Mp4BoxReader, type Fragment, type InitSegment } from '../../../server/media/mp4-box-reader.ts';
import { LONG_GOP_SEC, profileName, StreamStats } from '../../../server/media/stream-stats.ts';

/** Real fragmented MP4 from Debian's ffmpeg, as a camera session gets it (one fragment per frame). */
function ffmpegStream(seconds: number, fps: number, gopFrames: number, encoder: string[]): { init: InitSegment; fragments: Fragment[] } {
  const out = execFileSync('/usr/bin/ffmpeg', [
    '-hide_banner', '-loglevel', 'error', '-f', 'lavfi', '-i', `testsrc2=size=320x180:rate=${fps}`, '-t', String(seconds),
    ...encoder, '-g', String(gopFrames), '-keyint_min', String(gopFrames), '-sc_threshold', '0', '-pix_fmt', 'yuv420p',
    '-f', 'mp4', '-movflags', 'frag_every_frame+empty_moov+default_base_moof', 'pipe:1',
  ], { maxBuffer: 64 * 1024 * 1024 });
  let init: InitSegment | null = null;
  const fragments: Fragment[] = [];
  new Mp4BoxReader({ onInit: (i) => (init = i), onFragment: (f) => fragments.push(f) }).push(out);
  if (!init) throw new Error('no init segment');
  return { init, fragments };
}

const X264 = ['-c:v', 'libx264', '-profile:v', 'high', '-preset', 'veryfast', '-bf', '0', '-b:v', '400k'];
const X265 = ['-c:v', 'libx265', '-x265-params', 'log-level=error:keyint=30:min-keyint=30:scenecut=0:bframes=0', '-tag:v', 'hvc1', '-preset', 'ultrafast'];

function measure(s: { init: InitSegment; fragments: Fragment[] }, o?: ConstructorParameters<typeof StreamStats>[0]) {
  const stats = new StreamStats(o);
  stats.init(s.init);
  for (const f of s.fragments) stats.fragment(f);
  const info = stats.info()!;
  expect(stats.longGop()).toBe(info.longGop); // the media path's cheap check agrees with the full figures
  return info;
}

describe('StreamStats on real ffmpeg output', () => {
  it('reads codec, profile, size, fps, GOP and bitrate of an H.264 stream', () => {
    const s = ffmpegStream(6, 15, 15, X264);
    const info = measure(s, { windowSec: 3 });
    expect(info.codec).toMatch(/^avc1\.6400[0-9a-f]{2}$/);
    expect(info).toMatchObject({ codecName: 'H.264', profile: 'High', width: 320, height: 180, fps: 15, gopSec: 1, gopMaxSec: 1, longGop: false });
    // the bitrate: bytes of the fragments of the last 3 s over their decode-time span (the last fragment only closes
    // the span), counted here independently
    const tail = s.fragments.filter((f) => f.decodeTime + f.durationSec > 6 - 3);
    const bytes = tail.slice(0, -1).reduce((n, f) => n + f.data.length, 0);
    const secs = tail.at(-1)!.decodeTime - tail[0]!.decodeTime;
    expect(info.bitrateKbps).toBe(Math.round((bytes * 8) / secs / 1000));
    expect(info.bitrateKbps).toBeGreaterThan(0);
  });

  it('reads an H.265 stream as hvc1 with its profile and size', () => {
    const info = measure(ffmpegStream(4, 15, 30, X265));
    expect(info.codec).toMatch(/^hvc1\.1\.6\.L\d+/);
    expect(info).toMatchObject({ codecName: 'H.265', profile: 'Main', width: 320, height: 180, fps: 15, gopSec: 2, longGop: false });
  });

  it(`flags keyframes more than ${LONG_GOP_SEC} s apart (GOP 90 at 15 fps = 6 s)`, () => {
    const info = measure(ffmpegStream(13, 15, 90, X264));
    expect(info.gopSec).toBe(6);
    expect(info.gopMaxSec).toBe(6);
    expect(info.longGop).toBe(true);
  });

  it('flags a long GOP while it is still in progress, before the next keyframe', () => {
    const s = ffmpegStream(5.5, 15, 90, X264); // one keyframe, then 5.5 s without another
    const info = measure(s);
    expect(info.gopSec).toBeNull();
    expect(info.gopMaxSec).toBeGreaterThan(LONG_GOP_SEC);
    expect(info.longGop).toBe(true);
    const early = measure({ init: s.init, fragments: s.fragments.filter((f) => f.decodeTime < 3) });
    expect(early.longGop).toBe(false);
    expect(early.gopMaxSec).toBeNull();
  });

  it('forgets a long GOP that left the window, and everything at a new run', () => {
    const long = ffmpegStream(13, 15, 90, X264);
    const stats = new StreamStats({ gopWindowSec: 20 });
    stats.init(long.init);
    for (const f of long.fragments) stats.fragment(f);
    // the same camera, reconfigured to a 1 s GOP, 30 s later in media time
    const short = ffmpegStream(25, 15, 15, X264);
    for (const f of short.fragments) stats.fragment({ ...f, decodeTime: f.decodeTime + 13 });
    expect(stats.info()).toMatchObject({ gopSec: 1, gopMaxSec: 1, longGop: false });
    stats.reset();
    expect(stats.info()).toBeNull();
  });

  it('names profiles from codec strings', () => {
    expect(profileName('avc1.42c01e')).toBe('Constrained Baseline');
    expect(profileName('avc1.42001e')).toBe('Baseline');
    expect(profileName('avc1.4d401f')).toBe('Main');
    expect(profileName('hvc1.2.4.L120.B0')).toBe('Main 10');
    expect(profileName('mp4v')).toBeNull();
  });
});
