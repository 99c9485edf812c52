// ffmpeg writes one fragment per frame (for the live push transport); the packager gathers them into LL-HLS parts.
import { describe, expect, it } from 'vitest';
import { LlHlsPackager, type PackagerOptions } from '../../../server/media/ll-hls-packager.ts';
import type { Fragment } from '../../../server/media/mp4-box-reader.ts';

const T0 = Date.UTC(2025, 4, 1, 3, 0, 0);

/** One fragment per frame at `fps`, a keyframe every `gop` frames; frame n's bytes are `f<n>;`. */
function frames(opts: Partial<PackagerOptions> = {}, fps = 15, gop = 15) {
  const p = new LlHlsPackager({ partTargetMs: 200, minSegmentMs: 1000, segmentsKept: 3, ...opts });
  p.setInit(Buffer.from('init'));
  let n = 0;
  const dur = 1 / fps;
  const push = (count = 1) => {
    for (let i = 0; i < count; i++, n++) {
      const f: Fragment = {
        data: Buffer.from(`f${n};`),
        keyframe: n % gop === 0,
        durationSec: dur,
        decodeTime: n * dur,
        sampleCount: 1,
        arrivedAt: T0 + (n + 1) * dur * 1000,
      };
      p.pushFragment(f);
    }
  };
  return { p, push };
}

const partLines = (p: LlHlsPackager) => p.playlist().split('\n').filter((l) => l.startsWith('#EXT-X-PART:'));
const partBytes = async (p: LlHlsPackager, id: number) => (await p.getPart(id)).data.toString();

describe('LlHlsPackager gathers one-frame fragments into parts', () => {
  it('a part holds the frames of at least partTargetMs (3 frames at 15 fps), as one moof+mdat run', async () => {
    const { p, push } = frames();
    push(2);
    expect(partLines(p)).toEqual([]); // 133 ms: not a part yet
    expect(p.pendingFragments).toBe(2);
    push(1);
    expect(partLines(p)).toEqual(['#EXT-X-PART:DURATION=0.20000,URI="p0.m4s",INDEPENDENT=YES']);
    expect(await partBytes(p, 0)).toBe('f0;f1;f2;');
    push(3);
    expect(await partBytes(p, 1)).toBe('f3;f4;f5;');
    expect(partLines(p)[1]).toBe('#EXT-X-PART:DURATION=0.20000,URI="p1.m4s"');
  });

  it('a keyframe always starts a new part: the part before it may be short, never the one it starts', async () => {
    // GOP of 14 frames: 4 parts of 3 frames, then 2 frames, then the keyframe's part
    const { p, push } = frames({}, 15, 14);
    push(14);
    expect(p.pendingFragments).toBe(2);
    push(1); // frame 14: keyframe
    expect(await partBytes(p, 4)).toBe('f12;f13;');
    expect(p.pendingFragments).toBe(1);
    push(2);
    expect(await partBytes(p, 5)).toBe('f14;f15;f16;');
    const independent = partLines(p).filter((l) => l.endsWith('INDEPENDENT=YES'));
    expect(independent.map((l) => /URI="(p\d+)/.exec(l)![1])).toEqual(['p0', 'p5']);
  });

  it('frames before the first keyframe are dropped; segments still start with one', async () => {
    const { p, push } = frames({}, 15, 15);
    // start mid-GOP: feed frames 1..14 first by pushing a keyframe-less run
    const lone: Fragment = { data: Buffer.from('x;'), keyframe: false, durationSec: 1 / 15, decodeTime: 0, sampleCount: 1, arrivedAt: T0 };
    p.pushFragment(lone);
    expect(p.pendingFragments).toBe(0);
    push(3);
    expect(await partBytes(p, 0)).toBe('f0;f1;f2;');
  });

  it('keeps the short first segment (2 parts) and cuts later segments at keyframes after minSegmentMs', () => {
    const { p, push } = frames({ shortFirstSegment: true }, 15, 15);
    push(6);
    expect(p.ready).toBe(false); // two parts in the segment being built
    push(3); // the third part closes the first segment
    expect(p.ready).toBe(true);
    push(36); // keyframes at frames 15 and 30
    const extinf = p.playlist().split('\n').filter((l) => l.startsWith('#EXTINF:'));
    expect(extinf).toEqual(['#EXTINF:0.40000,', '#EXTINF:0.60000,', '#EXTINF:1.00000,']);
  });

  it('a blocking request for the next part answers only once the part is complete', async () => {
    const { p, push } = frames();
    push(9); // parts 0..2
    let answered = false;
    const wait = p.getPart(3).then(() => (answered = true));
    push(2);
    await new Promise((r) => setTimeout(r, 5));
    expect(answered).toBe(false);
    push(1);
    await wait;
    expect(await partBytes(p, 3)).toBe('f9;f10;f11;');
  });

  it('a frame rate that does not divide the part target makes longer parts and grows PART-TARGET', () => {
    const { p, push } = frames({}, 12, 12); // 83.3 ms frames: 3 make 250 ms
    push(3);
    expect(partLines(p)).toEqual(['#EXT-X-PART:DURATION=0.25000,URI="p0.m4s",INDEPENDENT=YES']);
    expect(p.playlist()).toContain('#EXT-X-PART-INF:PART-TARGET=0.25');
  });

  it('fragments already as long as a part (ffmpeg cutting by duration) stay one part each', async () => {
    const { p, push } = frames({}, 5, 5); // 200 ms frames
    push(2);
    expect(await partBytes(p, 0)).toBe('f0;');
    expect(await partBytes(p, 1)).toBe('f1;');
  });

  it('a reset drops the frames being gathered', () => {
    const { p, push } = frames();
    push(2);
    p.reset();
    expect(p.pendingFragments).toBe(0);
    p.setInit(Buffer.from('init2'));
    push(1); // frame 2, not a keyframe: nothing to start a segment with
    expect(p.pendingFragments).toBe(0);
  });
});
