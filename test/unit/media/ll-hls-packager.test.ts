import { describe, expect, it } from 'vitest';
import { AppError } from '../../../server/errors.ts';
import { httpStatusOf } from '../../../server/http/error-status.ts';
import { LlHlsPackager, type PackagerOptions } from '../../../server/media/ll-hls-packager.ts';
import type { Fragment } from '../../../server/media/mp4-box-reader.ts';

const T0 = Date.UTC(2025, 4, 1, 3, 0, 0);

/** Feeds synthetic fragments: 200 ms each, keyframe every `gop` fragments, wall clock advancing with media. */
function setup(opts: Partial<PackagerOptions> = {}, gop = 5) {
  const p = new LlHlsPackager({ partTargetMs: 200, minSegmentMs: 1000, segmentsKept: 3, ...opts });
  let n = 0;
  const push = (count = 1, dur = 0.2) => {
    for (let i = 0; i < count; i++, n++) {
      const f: Fragment = {
        data: Buffer.from(`frag${n};`),
        keyframe: n % gop === 0,
        durationSec: dur,
        decodeTime: n * dur,
        sampleCount: 5,
        arrivedAt: T0 + (n + 1) * dur * 1000,
      };
      p.pushFragment(f);
    }
  };
  return { p, push };
}

const lines = (p: LlHlsPackager) => p.playlist().trimEnd().split('\n');
const tagged = (p: LlHlsPackager, tag: string) => lines(p).filter((l) => l.startsWith(tag));
const settled = async (pr: Promise<unknown>) => {
  let state = 'pending';
  pr.then(() => (state = 'resolved'), () => (state = 'rejected'));
  await new Promise((r) => setTimeout(r, 5));
  return state;
};
const expectAppError = async (pr: Promise<unknown>, status: number, code: string) => {
  const e = await pr.then(() => null, (err: unknown) => err);
  expect(e).toBeInstanceOf(AppError);
  expect(httpStatusOf((e as AppError).code)).toBe(status);
  expect((e as AppError).code).toBe(code);
};

describe('LlHlsPackager playlist', () => {
  it('is ready with an init segment and one complete segment; leading non-keyframes are dropped', () => {
    const { p } = setup();
    const frag = (keyframe: boolean, n: number): Fragment => ({
      data: Buffer.from(`f${n}`), keyframe, durationSec: 0.2, decodeTime: n * 0.2, sampleCount: 5, arrivedAt: T0 + n * 200,
    });
    p.pushFragment(frag(true, 0));
    expect(p.ready).toBe(false); // no init yet: ignored
    p.setInit(Buffer.from('init'));
    p.pushFragment(frag(false, 1));
    expect(tagged(p, '#EXT-X-PART:')).toEqual([]); // no IDR yet: dropped
    for (let n = 2; n < 7; n++) p.pushFragment(frag(n === 2, n));
    expect(tagged(p, '#EXT-X-PART:')[0]).toBe('#EXT-X-PART:DURATION=0.20000,URI="p0.m4s",INDEPENDENT=YES');
    // hls.js wants a complete segment before it plays (levelEmptyError otherwise)
    expect(p.ready).toBe(false);
    p.pushFragment(frag(true, 7));
    expect(p.ready).toBe(true);
    expect(tagged(p, '#EXTINF:')).toEqual(['#EXTINF:1.00000,']);
  });

  it('with shortFirstSegment, cuts the first segment of an epoch after 2 parts and the second at the next keyframe', () => {
    const { p, push } = setup({ shortFirstSegment: true });
    p.setInit(Buffer.from('init'));
    push(1);
    expect(p.ready).toBe(false);
    push(2); // the 3rd part (not a keyframe) closes the first segment after 2 parts
    expect(p.ready).toBe(true);
    push(9); // keyframes at parts 5 and 10
    expect(tagged(p, '#EXTINF:')).toEqual(['#EXTINF:0.40000,', '#EXTINF:0.60000,', '#EXTINF:1.00000,']);
    const parts = tagged(p, '#EXT-X-PART:');
    expect(parts.filter((l) => l.endsWith('INDEPENDENT=YES'))).toEqual([
      '#EXT-X-PART:DURATION=0.20000,URI="p0.m4s",INDEPENDENT=YES',
      '#EXT-X-PART:DURATION=0.20000,URI="p5.m4s",INDEPENDENT=YES',
      '#EXT-X-PART:DURATION=0.20000,URI="p10.m4s",INDEPENDENT=YES',
    ]);
    expect(lines(p)).not.toContain('#EXT-X-INDEPENDENT-SEGMENTS');
    // a new epoch (ffmpeg restarted) gets a short first segment again
    p.setInit(Buffer.from('init2'));
    push(5); // parts 12–16: the keyframe at 15 starts the new first segment
    expect(p.ready).toBe(false);
    push(1); // part 17 closes it after 2 parts
    expect(p.ready).toBe(true);
  });

  it('renders segments, parts, program date time and the preload hint', () => {
    const { p, push } = setup();
    p.setInit(Buffer.from('init'));
    push(12); // 2 complete segments of 1 s + 2 parts
    expect(lines(p)).toEqual([
      '#EXTM3U',
      '#EXT-X-VERSION:9',
      '#EXT-X-TARGETDURATION:1',
      '#EXT-X-SERVER-CONTROL:CAN-BLOCK-RELOAD=YES,PART-HOLD-BACK=0.600',
      '#EXT-X-PART-INF:PART-TARGET=0.200',
      '#EXT-X-MEDIA-SEQUENCE:0',
      '#EXT-X-MAP:URI="init.mp4?v=1"',
      `#EXT-X-PROGRAM-DATE-TIME:${new Date(T0).toISOString()}`,
      '#EXT-X-PART:DURATION=0.20000,URI="p0.m4s",INDEPENDENT=YES',
      '#EXT-X-PART:DURATION=0.20000,URI="p1.m4s"',
      '#EXT-X-PART:DURATION=0.20000,URI="p2.m4s"',
      '#EXT-X-PART:DURATION=0.20000,URI="p3.m4s"',
      '#EXT-X-PART:DURATION=0.20000,URI="p4.m4s"',
      '#EXTINF:1.00000,',
      's0.m4s',
      `#EXT-X-PROGRAM-DATE-TIME:${new Date(T0 + 1000).toISOString()}`,
      '#EXT-X-PART:DURATION=0.20000,URI="p5.m4s",INDEPENDENT=YES',
      '#EXT-X-PART:DURATION=0.20000,URI="p6.m4s"',
      '#EXT-X-PART:DURATION=0.20000,URI="p7.m4s"',
      '#EXT-X-PART:DURATION=0.20000,URI="p8.m4s"',
      '#EXT-X-PART:DURATION=0.20000,URI="p9.m4s"',
      '#EXTINF:1.00000,',
      's1.m4s',
      `#EXT-X-PROGRAM-DATE-TIME:${new Date(T0 + 2000).toISOString()}`,
      '#EXT-X-PART:DURATION=0.20000,URI="p10.m4s",INDEPENDENT=YES',
      '#EXT-X-PART:DURATION=0.20000,URI="p11.m4s"',
      '#EXT-X-PRELOAD-HINT:TYPE=PART,URI="p12.m4s"',
    ]);
  });

  it.each([
    // gop (fragments), expected segment durations, target duration
    [3, ['1.20000', '1.20000'], 2], // keyframes every 0.6 s: cut at the first one after ≥ 1 s
    [5, ['1.00000', '1.00000', '1.00000'], 1],
    [7, ['1.40000', '1.40000'], 2],
    [10, ['2.00000'], 2],
  ])('cuts segments only at keyframes after minSegmentMs (GOP %i parts)', (gop, durations, target) => {
    const { p, push } = setup({ segmentsKept: 10 }, gop);
    p.setInit(Buffer.from('init'));
    push(durations.length * Math.round(Number(durations[0]) / 0.2) + 1);
    expect(tagged(p, '#EXTINF:').map((l) => l.slice(8, -1))).toEqual(durations);
    expect(tagged(p, '#EXT-X-TARGETDURATION:')).toEqual([`#EXT-X-TARGETDURATION:${target}`]);
    // every segment starts with an independent part
    const all = lines(p);
    const firstParts = all.flatMap((l, i) => (l.startsWith('#EXT-X-PROGRAM-DATE-TIME:') ? [all[i + 1]!] : []));
    expect(firstParts).toHaveLength(durations.length + 1);
    for (const l of firstParts) expect(l).toMatch(/^#EXT-X-PART:.*,INDEPENDENT=YES$/);
  });

  it('cuts at a keyframe that comes slightly early (24 frames at 25 fps), not at one far too early', () => {
    const { p } = setup();
    p.setInit(Buffer.from('init'));
    const push = (keyframe: boolean, dur: number) =>
      p.pushFragment({ data: Buffer.from('x'), keyframe, durationSec: dur, decodeTime: 0, sampleCount: 1, arrivedAt: T0 });
    push(true, 0.2); push(false, 0.2); push(false, 0.2); push(false, 0.2); push(false, 0.16);
    push(true, 0.2); // after 0.96 s: cut
    expect(tagged(p, '#EXTINF:')).toEqual(['#EXTINF:0.96000,']);
    push(false, 0.2); push(false, 0.2);
    push(true, 0.2); // after 0.6 s: no cut
    expect(tagged(p, '#EXTINF:')).toHaveLength(1);
  });

  it('keeps segmentsKept complete segments, with absolute media sequence numbers, and forgets older media', async () => {
    const { p, push } = setup({ segmentsKept: 3 });
    p.setInit(Buffer.from('init'));
    push(51); // segments 0..9 complete, 10 in progress
    expect(tagged(p, '#EXT-X-MEDIA-SEQUENCE:')).toEqual(['#EXT-X-MEDIA-SEQUENCE:7']);
    expect(lines(p).filter((l) => /^s\d+\.m4s$/.test(l))).toEqual(['s7.m4s', 's8.m4s', 's9.m4s']);
    await expectAppError(p.getPart(0), 404, 'hls-part-not-found');
    await expectAppError(p.getSegment(6), 404, 'hls-segment-not-found');
    const seg = await p.getSegment(7);
    expect(Buffer.concat(seg.parts.map((x) => x.data)).toString()).toBe('frag35;frag36;frag37;frag38;frag39;');
    expect(seg.bytes).toBe(35);
    expect((await p.getPart(50)).data.toString()).toBe('frag50;');
  });

  it('lists parts only for segments near the live edge', () => {
    const { p, push } = setup({ segmentsKept: 6 });
    p.setInit(Buffer.from('init'));
    push(31); // 6 complete segments (0..5) + 1 part of segment 6
    // target 1 s: segments ending within 3 s of the end keep their parts (3, 4, 5) + the current one
    const partMsns = new Set(tagged(p, '#EXT-X-PART:').map((l) => Math.floor(Number(/p(\d+)/.exec(l)![1]) / 5)));
    expect([...partMsns]).toEqual([3, 4, 5, 6]);
  });

  it('derives PROGRAM-DATE-TIME from the media clock, anchored by the earliest arrival (not skewed by a burst)', () => {
    const p = new LlHlsPackager({ partTargetMs: 200, minSegmentMs: 1000, segmentsKept: 3 });
    p.setInit(Buffer.from('init'));
    // ffmpeg sends the probed second in one burst, then fragments in real time; media starts at 0.37 s
    for (let n = 0; n < 12; n++) {
      const decodeTime = 0.37 + n * 0.2;
      const arrivedAt = n < 5 ? T0 + 1840 : T0 + 370 + (decodeTime + 0.2) * 1000 + (n % 3) * 7;
      p.pushFragment({ data: Buffer.from('x'), keyframe: n % 5 === 0, durationSec: 0.2, decodeTime, sampleCount: 5, arrivedAt });
    }
    const pdts = tagged(p, '#EXT-X-PROGRAM-DATE-TIME:').map((l) => Date.parse(l.slice(25)));
    expect(pdts).toEqual([T0 + 370 + 370, T0 + 370 + 1370, T0 + 370 + 2370]);
  });

  it('grows PART-TARGET when a part is longer than asked', () => {
    const { p, push } = setup();
    p.setInit(Buffer.from('init'));
    push(1);
    push(1, 0.2401);
    expect(tagged(p, '#EXT-X-PART-INF:')).toEqual(['#EXT-X-PART-INF:PART-TARGET=0.241']);
    expect(tagged(p, '#EXT-X-SERVER-CONTROL:')).toEqual(['#EXT-X-SERVER-CONTROL:CAN-BLOCK-RELOAD=YES,PART-HOLD-BACK=0.723']);
  });

  it('caches the playlist text until something changes', () => {
    const { p, push } = setup();
    p.setInit(Buffer.from('init'));
    push(3);
    const a = p.playlistBytes();
    expect(p.playlistBytes()).toBe(a); // the same object: not rebuilt
    expect(a.toString()).toBe(p.playlist());
    push(1);
    expect(p.playlistBytes()).not.toBe(a);
    expect(p.playlist()).not.toBe(a.toString());
  });

  it('after a reset, continues numbering behind a discontinuity with a new init URI', () => {
    const { p, push } = setup();
    p.setInit(Buffer.from('init'));
    push(7); // segment 0 complete, segment 1 in progress
    p.reset();
    expect(p.ready).toBe(false);
    expect(p.initSegment).toBeNull();
    p.setInit(Buffer.from('init2'));
    push(4); // fragment 10 is a keyframe: fragments 7..9 are dropped (no IDR yet)
    expect(p.ready).toBe(false);
    push(5); // segment 2 complete
    expect(p.ready).toBe(true);
    expect(tagged(p, '#EXT-X-MEDIA-SEQUENCE:')).toEqual(['#EXT-X-MEDIA-SEQUENCE:2']);
    expect(tagged(p, '#EXT-X-DISCONTINUITY-SEQUENCE:')).toEqual(['#EXT-X-DISCONTINUITY-SEQUENCE:1']);
    expect(tagged(p, '#EXT-X-MAP:')).toEqual(['#EXT-X-MAP:URI="init.mp4?v=2"']);
    expect(p.initSegment!.toString()).toBe('init2');
  });
});

describe('LlHlsPackager blocking requests', () => {
  it('a blocking reload for the next part answers when that part arrives', async () => {
    const { p, push } = setup();
    p.setInit(Buffer.from('init'));
    push(7); // segment 1 has parts 0, 1
    const wait = p.waitForPlaylist(1, 2);
    expect(await settled(wait)).toBe('pending');
    push(1);
    expect(await settled(wait)).toBe('resolved');
    expect(p.playlist()).toContain('URI="p7.m4s"');
    // already there: answers at once
    expect(await settled(p.waitForPlaylist(1, 0))).toBe('resolved');
    expect(await settled(p.waitForPlaylist(0))).toBe('resolved');
  });

  it('a reload for a whole segment waits until it is complete', async () => {
    const { p, push } = setup();
    p.setInit(Buffer.from('init'));
    push(6);
    const wait = p.waitForPlaylist(1);
    push(4);
    expect(await settled(wait)).toBe('pending');
    push(1); // keyframe: segment 1 completes
    expect(await settled(wait)).toBe('resolved');
  });

  it('a part index past the end of its segment means part 0 of the next one', async () => {
    const { p, push } = setup();
    p.setInit(Buffer.from('init'));
    push(8); // segment 1 has 3 parts; it will end after 5
    const wait = p.waitForPlaylist(1, 9);
    push(2);
    expect(await settled(wait)).toBe('pending');
    push(1); // segment 2 starts
    expect(await settled(wait)).toBe('resolved');
  });

  it('refuses requests too far ahead with 400', async () => {
    const { p, push } = setup();
    p.setInit(Buffer.from('init'));
    push(7); // last complete segment 0, building 1 with 2 parts
    await expectAppError(p.waitForPlaylist(3), 400, 'hls-msn-too-far');
    await expectAppError(p.waitForPlaylist(1, 1 + 16), 400, 'hls-part-too-far'); // limit 3 / 0.2 s = 15 parts
    expect(await settled(p.waitForPlaylist(2))).toBe('pending');
    expect(await settled(p.waitForPlaylist(1, 1 + 15))).toBe('pending');
  });

  it('times out with 503', async () => {
    const { p, push } = setup({ waitTimeoutMs: 50 });
    p.setInit(Buffer.from('init'));
    push(2);
    await expectAppError(p.waitForPlaylist(0, 2), 503, 'hls-wait-timeout');
    await expectAppError(p.getPart(2), 503, 'hls-wait-timeout');
    await expectAppError(p.waitReady(10).then(() => p.waitForPlaylist(0, 5)), 503, 'hls-wait-timeout');
  });

  it('stops waiting when the request is aborted', async () => {
    const { p, push } = setup();
    p.setInit(Buffer.from('init'));
    push(2);
    const ac = new AbortController();
    const wait = p.waitForPlaylist(0, 2, ac.signal);
    ac.abort();
    const err = await wait.then(() => null, (e: unknown) => e);
    expect((err as DOMException).name).toBe('AbortError');
    push(1); // nothing left waiting to resolve
  });

  it('the hinted part and the segment being built block until they exist; others are 404', async () => {
    const { p, push } = setup();
    p.setInit(Buffer.from('init'));
    push(3);
    const part = p.getPart(3);
    const seg = p.getSegment(0);
    await expectAppError(p.getPart(4), 404, 'hls-part-not-found');
    await expectAppError(p.getSegment(1), 404, 'hls-segment-not-found');
    expect(await settled(part)).toBe('pending');
    push(1);
    expect((await part).data.toString()).toBe('frag3;');
    expect(await settled(seg)).toBe('pending');
    push(2);
    expect((await seg).parts).toHaveLength(5);
  });

  it('the hinted part is right across a segment cut', async () => {
    const { p, push } = setup();
    p.setInit(Buffer.from('init'));
    push(5);
    expect(p.playlist()).toContain('#EXT-X-PRELOAD-HINT:TYPE=PART,URI="p5.m4s"');
    const part = p.getPart(5);
    push(1); // keyframe: starts segment 1
    const got = await part;
    expect(got.msn).toBe(1);
    expect(got.independent).toBe(true);
  });

  it('waitReady answers once a part exists; close() fails every waiter with 503', async () => {
    const { p, push } = setup();
    const ready = p.waitReady(1000);
    const reload = p.waitForPlaylist(0, 0);
    p.setInit(Buffer.from('init'));
    push(5);
    expect(await settled(ready)).toBe('pending');
    push(1);
    expect(await settled(ready)).toBe('resolved');
    expect(await settled(reload)).toBe('resolved');
    const later = p.getPart(6);
    p.close();
    await expectAppError(later, 503, 'stream-stopped');
    await expectAppError(p.waitReady(1000), 503, 'stream-stopped');
  });
});
