// The transcode's input pipe: the source's init segment, then fragments from a keyframe on; when nothing reads the
// pipe (ffmpeg behind) it stops growing past the high mark and skips to a keyframe that finds it below the low mark;
// a second init segment or a drop of the source ends the run. Real fMP4 from ffmpeg (one fragment per frame).
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { Mp4BoxReader, type Fragment, type InitSegment } from '../../../server/media/mp4-box-reader.ts';
import type { MediaSink } from '../../../server/media/stream-consumers.ts';
import { createTranscodeFeed } from '../../../server/media/transcode-feed.ts';

/** 5 s at 10 fps, a keyframe every 10 frames, one fragment per frame */
function source(): { init: InitSegment; fragments: Fragment[] } {
  const bytes = execFileSync('/usr/bin/ffmpeg', ['-hide_banner', '-loglevel', 'error', '-f', 'lavfi', '-i', 'testsrc2=size=320x180:rate=10',
    '-t', '5', '-c:v', 'libx264', '-preset', 'ultrafast', '-g', '10', '-f', 'mp4', '-movflags', 'frag_every_frame+empty_moov+default_base_moof', 'pipe:1']);
  let init: InitSegment | null = null;
  const fragments: Fragment[] = [];
  new Mp4BoxReader({ onInit: (i) => (init = i), onFragment: (f) => fragments.push(f) }).push(bytes);
  return { init: init!, fragments };
}

function feed(opts: { highBytes?: number; lowBytes?: number } = {}) {
  let sink: MediaSink | null = null;
  const failures: string[] = [];
  let skipped = 0;
  let released = 0;
  const f = createTranscodeFeed({
    attach: (s) => {
      sink = s;
      return () => released++;
    },
    fail: (reason) => failures.push(reason),
    onSkip: () => skipped++,
    ...opts,
  });
  const read = () => {
    const chunks: Buffer[] = [];
    for (let c = f.stdin.read() as Buffer | null; c; c = f.stdin.read() as Buffer | null) chunks.push(c);
    return Buffer.concat(chunks);
  };
  return { f, sink: () => sink!, failures, skipped: () => skipped, released: () => released, read };
}

describe('createTranscodeFeed', () => {
  const { init, fragments } = source();

  it('writes the init segment, then the fragments from the first keyframe on, byte for byte', () => {
    const t = feed();
    t.sink().onInit(init);
    const fromSecondFrame = fragments.slice(1); // joined mid-GOP: the frames before the next keyframe are held back
    for (const fr of fromSecondFrame) t.sink().onFragment(fr);
    const firstKey = fromSecondFrame.findIndex((fr) => fr.keyframe);
    expect(firstKey).toBe(9);
    expect(t.read()).toEqual(Buffer.concat([init.data, ...fromSecondFrame.slice(firstKey).map((fr) => fr.data)]));
    expect(t.skipped()).toBe(0); // nothing had been fed yet: not a skip
    t.f.stop();
    t.f.stop();
    expect(t.released()).toBe(1);
    expect(t.f.stdin.writableEnded).toBe(true);
  });

  it('stops growing when nothing reads it, skips to a keyframe, and resumes once drained', () => {
    const size = fragments.reduce((n, fr) => n + fr.data.length, 0) / fragments.length;
    const t = feed({ highBytes: Math.round(size * 12), lowBytes: Math.round(size * 4) });
    t.sink().onInit(init);
    for (const fr of fragments.slice(0, 30)) t.sink().onFragment(fr); // nobody reads: ffmpeg is behind
    const queued = t.f.stdin.writableLength + t.f.stdin.readableLength;
    expect(queued).toBeLessThan(init.data.length + size * 16); // bounded near the high mark, not 30 frames
    expect(t.skipped()).toBeGreaterThan(10);
    const before = t.skipped();
    expect(fragments[30]!.keyframe).toBe(true);
    for (const fr of fragments.slice(30, 35)) t.sink().onFragment(fr); // a keyframe, but the pipe is still above the low mark
    expect(t.skipped()).toBe(before + 5);
    t.read(); // ffmpeg catches up
    for (const fr of fragments.slice(35, 40)) t.sink().onFragment(fr); // drained, but mid-GOP: wait for a keyframe
    expect(t.skipped()).toBe(before + 10);
    t.sink().onFragment(fragments[40]!); // a keyframe, the pipe drained: fed again
    expect(fragments[40]!.keyframe).toBe(true);
    expect(t.read()).toEqual(fragments[40]!.data);
    expect(t.failures).toEqual([]);
  });

  it('a second init segment (the copy session restarted) or a drop ends the run', () => {
    const a = feed();
    a.sink().onInit(init);
    a.sink().onInit(init);
    expect(a.failures).toEqual(['the camera stream restarted']);
    const b = feed();
    b.sink().onInit(init);
    b.sink().onDrop!();
    expect(b.failures).toEqual(['the camera stream dropped']);
    b.f.stop();
    b.sink().onDrop!(); // after stop: nothing more
    expect(b.failures).toHaveLength(1);
  });

  it('a source that cannot be attached fails the run once it exists', async () => {
    const failures: string[] = [];
    createTranscodeFeed({ attach: () => { throw new Error('No such camera.'); }, fail: (r) => failures.push(r) });
    expect(failures).toEqual([]);
    await Promise.resolve();
    expect(failures).toEqual(['the camera stream cannot be read: No such camera.']);
  });
});
