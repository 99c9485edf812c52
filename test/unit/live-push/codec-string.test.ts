import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { codecString } from '../../../server/live-push/codec-string.ts';
import { Mp4BoxReader, type InitSegment } from '../../../server/media/mp4-box-reader.ts';

/** A real init segment from Debian's ffmpeg (libx264, the given profile). */
function ffmpegInit(profile: string, encoder = ['-c:v', 'libx264', '-profile:v', profile]): InitSegment {
  const out = execFileSync('/usr/bin/ffmpeg', [
    '-hide_banner', '-loglevel', 'error', '-f', 'lavfi', '-i', 'testsrc2=size=320x180:rate=15', '-frames:v', '3',
    ...encoder, '-pix_fmt', 'yuv420p', '-f', 'mp4',
    '-movflags', 'frag_every_frame+empty_moov+default_base_moof', 'pipe:1',
  ]);
  let init: InitSegment | null = null;
  new Mp4BoxReader({ onInit: (i) => (init = i), onFragment: () => {} }).push(out);
  if (!init) throw new Error('no init segment');
  return init;
}

describe('codecString', () => {
  it.each([
    ['baseline', /^avc1\.42c0[0-9a-f]{2}$/],
    ['high', /^avc1\.6400[0-9a-f]{2}$/],
  ])('reads the profile and level of an H.264 %s init segment', (profile, re) => {
    const init = ffmpegInit(profile);
    expect(init.track.codec).toBe('avc1');
    expect(codecString(init.data, init.track.codec)).toMatch(re);
  });

  it('reads an H.265 (Main profile) init segment as hvc1.1.6.L<level>.<constraints>', () => {
    const init = ffmpegInit('main', ['-c:v', 'libx265', '-x265-params', 'log-level=error', '-tag:v', 'hvc1']);
    expect(init.track.codec).toBe('hvc1');
    expect(codecString(init.data, init.track.codec)).toMatch(/^hvc1\.1\.6\.L\d+\.[0-9A-F]+/);
  });

  it('falls back to the sample entry when the configuration box is missing', () => {
    expect(codecString(Buffer.from('no boxes here'), 'avc1')).toBe('avc1');
    expect(codecString(Buffer.alloc(0), null)).toBe('');
  });
});
