// The GOP cache: what a new live viewer gets at once (init, then the frames since the last keyframe).
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import type { Fragment, InitSegment } from '../../../server/media/mp4-box-reader.ts';
import { StreamConsumers, type MediaSink } from '../../../server/media/stream-consumers.ts';

const logger = pino({ level: 'silent' });
const init: InitSegment = { data: Buffer.from('init'), track: { trackId: 1, timescale: 90000, codec: 'avc1', width: null, height: null, defaultSampleDuration: 0, defaultSampleFlags: 0 } };
const frag = (n: number, keyframe: boolean, bytes = 10): Fragment => ({
  data: Buffer.alloc(bytes, n), keyframe, durationSec: 1 / 15, decodeTime: n / 15, sampleCount: 1, arrivedAt: n,
});

function recorder() {
  const got: string[] = [];
  const sink: MediaSink = {
    onInit: () => got.push('init'),
    onFragment: (f) => got.push(`${f.data[0]}${f.keyframe ? 'K' : ''}`),
    onDrop: () => got.push('drop'),
  };
  return { got, sink };
}

describe('StreamConsumers GOP cache', () => {
  it('a new sink that asks for it gets init, the current GOP from its keyframe, then live fragments', () => {
    const c = new StreamConsumers(1000, logger, 1000);
    c.init(init);
    [frag(0, false), frag(1, true), frag(2, false), frag(3, true), frag(4, false)].forEach((f) => c.fragment(f));
    const { got, sink } = recorder();
    c.add('live', sink, () => {}, { replayGop: true });
    c.fragment(frag(5, false));
    expect(got).toEqual(['init', '3K', '4', '5']);
    expect(c.gopCachedBytes).toBe(30);
  });

  it('a sink that does not ask (the recorder) gets only init and live fragments', () => {
    const c = new StreamConsumers(1000, logger, 1000);
    c.init(init);
    c.fragment(frag(1, true));
    const { got, sink } = recorder();
    c.add('recorder', sink, () => {});
    c.fragment(frag(2, false));
    expect(got).toEqual(['init', '2']);
  });

  it('a GOP larger than the bound is not kept until the next keyframe', () => {
    const c = new StreamConsumers(1000, logger, 25);
    c.init(init);
    [frag(1, true), frag(2, false), frag(3, false)].forEach((f) => c.fragment(f)); // 30 bytes > 25
    expect(c.gopCachedBytes).toBe(0);
    c.fragment(frag(4, false));
    expect(c.gopCachedBytes).toBe(0); // no keyframe yet: nothing decodable to keep
    c.fragment(frag(5, true));
    const { got, sink } = recorder();
    c.add('live', sink, () => {}, { replayGop: true });
    expect(got).toEqual(['init', '5K']);
  });

  it('a drop or a new init empties the cache; 0 bytes turns it off', () => {
    const c = new StreamConsumers(1000, logger, 1000);
    c.init(init);
    c.fragment(frag(1, true));
    c.drop();
    expect(c.gopCachedBytes).toBe(0);
    c.init(init);
    c.fragment(frag(2, true));
    c.init(init);
    expect(c.gopCachedBytes).toBe(0);
    const off = new StreamConsumers(1000, logger, 0);
    off.init(init);
    off.fragment(frag(1, true));
    expect(off.gopCachedBytes).toBe(0);
  });
});
