// The transcode's argv, and what real ffmpeg makes of it through the runner with the input on stdin (the way a
// transcode session feeds it): H.264 scaled down into 640x360 keeping the aspect (4:3 → 480x360), never up, a
// keyframe a second whatever the source's GOP; stop() ends a transcode whose stdin has gone silent without SIGKILL.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSessionArgs, buildTranscodeArgs, toArgv } from '../../../server/media/ffmpeg-args.ts';
import { FfmpegProcess } from '../../../server/media/ffmpeg-runner.ts';
import { Mp4BoxReader, type InitSegment } from '../../../server/media/mp4-box-reader.ts';

const FFMPEG = '/usr/bin/ffmpeg';
const LIMITS = { maxWidth: 640, maxHeight: 360, partDurationMs: 200, fragmentPerFrame: true };
let dir: string;

/** an H.265 camera-like fMP4 (one fragment per frame, GOP of `gop` frames at 10 fps) */
function hevc(name: string, size: string, gop: number): Buffer {
  const file = join(dir, `${name}.mp4`);
  execFileSync(FFMPEG, ['-hide_banner', '-loglevel', 'error', '-f', 'lavfi', '-i', `testsrc2=size=${size}:rate=10`, '-t', '4',
    '-c:v', 'libx265', '-x265-params', `keyint=${gop}:min-keyint=${gop}:bframes=0:log-level=error`, '-pix_fmt', 'yuv420p',
    '-tag:v', 'hev1', '-f', 'mp4', '-movflags', 'frag_every_frame+empty_moov+default_base_moof', file]);
  return readFileSync(file);
}

async function transcode(input: Buffer) {
  const stdin = new PassThrough();
  const proc = new FfmpegProcess({ ffmpegPath: FFMPEG, args: buildTranscodeArgs(LIMITS), stdin });
  let track: InitSegment['track'] | null = null;
  const keyTimes: number[] = [];
  let frames = 0;
  const reader = new Mp4BoxReader({
    onInit: (i) => (track = i.track),
    onFragment: (f) => {
      frames += f.sampleCount;
      if (f.keyframe) keyTimes.push(f.decodeTime);
    },
  });
  proc.stdout.on('data', (c: Buffer) => reader.push(c));
  stdin.end(input);
  const exit = await proc.exited;
  return { exit, track: track as InitSegment['track'] | null, keyTimes, frames };
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'transcode-args-'));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('buildTranscodeArgs', () => {
  it('reads fMP4 on stdin, writes H.264 fMP4 on stdout: scaled into the box, a keyframe a second, no audio', () => {
    const argv = toArgv(buildTranscodeArgs(LIMITS));
    expect(argv.slice(argv.indexOf('-f'), argv.indexOf('-i') + 2)).toEqual(['-f', 'mp4', '-analyzeduration', '100000', '-i', 'pipe:0']);
    expect(argv).toContain('-nostdin'); // no keyboard interaction; the input pipe is still read
    const out = argv.slice(argv.indexOf('pipe:0') + 1);
    expect(out.slice(0, 6)).toEqual(['-map', '0:v:0', '-an', '-vf',
      "scale=w='min(640,iw)':h='min(360,ih)':force_original_aspect_ratio=decrease:force_divisible_by=2", '-c:v']);
    expect(out).toEqual(expect.arrayContaining(['libx264', '-preset', 'veryfast', '-tune', 'zerolatency', '-force_key_frames', 'expr:gte(t,n_forced*1)']));
    expect(out.slice(-4)).toEqual(['mp4', '-movflags', 'frag_every_frame+empty_moov+default_base_moof', 'pipe:1']);
    expect(buildSessionArgs({ kind: 'transcode', maxWidth: 640, maxHeight: 360 }, { ...LIMITS, connectTimeoutMs: 1, fontFile: null, nowMs: 0 }))
      .toEqual(buildTranscodeArgs(LIMITS));
    expect(() => buildTranscodeArgs({ ...LIMITS, maxWidth: 0 })).toThrow(RangeError);
  });

  it.each([
    ['a 4:3 picture fits the height', '960x720', 30, { width: 480, height: 360 }],
    ['a small picture is not scaled up', '320x180', 10, { width: 320, height: 180 }],
  ])('real ffmpeg through the runner: %s', async (_what, size, gop, expected) => {
    const r = await transcode(hevc(size, size, gop));
    expect(r.exit).toMatchObject({ code: 0, error: null });
    expect(r.track).toMatchObject({ codec: 'avc1', ...expected });
    expect(r.frames).toBe(40);
    // a keyframe each second of media, though the 960x720 source has one every 3 s
    expect(r.keyTimes.map((t) => Math.round(t * 10) / 10)).toEqual([0, 1, 2, 3]);
  }, 60_000);

  it('stop() ends a transcode whose input has gone silent (ffmpeg reading stdin ignores SIGTERM until data comes)', async () => {
    const stdin = new PassThrough();
    const proc = new FfmpegProcess({ ffmpegPath: FFMPEG, args: buildTranscodeArgs(LIMITS), stdin });
    const input = hevc('silent', '320x180', 10);
    stdin.write(input.subarray(0, 4000)); // the init segment and a little: then nothing
    await new Promise((r) => setTimeout(r, 500));
    expect(proc.running).toBe(true);
    const exit = await proc.stop(30_000); // SIGKILL only after 30 s: the stdin ending is what stops it
    expect(exit.requested).toBe(true);
    expect(exit.signal).not.toBe('SIGKILL');
  }, 60_000);
});
