import { describe, expect, it } from 'vitest';
import { ChannelPacer } from '../../../server/live-push/channel-pacer.ts';

const KB = 1024;
const limits = { highWaterBytes: 400 * KB, lowWaterBytes: 100 * KB };

describe('ChannelPacer (per-viewer backpressure)', () => {
  it('sends while the queue is under the limit, starting at a keyframe', () => {
    const p = new ChannelPacer(limits);
    expect(p.offer(false, 0)).toEqual({ action: 'wait' }); // nothing decodable before the first keyframe
    expect(p.offer(true, 0)).toEqual({ action: 'send' });
    expect(p.offer(false, 399 * KB)).toEqual({ action: 'send' });
    expect(p.offer(false, 400 * KB)).toEqual({ action: 'send' }); // at the limit, not past it
    expect([p.sent, p.dropped, p.episodes]).toEqual([3, 0, 0]);
  });

  it('past the limit drops until a keyframe arrives with the queue under the low-water mark', () => {
    const p = new ChannelPacer(limits);
    p.offer(true, 0);
    expect(p.offer(false, 401 * KB)).toEqual({ action: 'drop', episodeStarted: true });
    expect(p.isSkipping).toBe(true);
    expect(p.offer(false, 50 * KB)).toEqual({ action: 'drop', episodeStarted: false }); // drained, but no keyframe
    expect(p.offer(true, 150 * KB)).toEqual({ action: 'drop', episodeStarted: false }); // keyframe, still too full
    expect(p.offer(false, 0)).toEqual({ action: 'drop', episodeStarted: false });
    expect(p.offer(true, 100 * KB)).toEqual({ action: 'resume', dropped: 4 });
    expect(p.isSkipping).toBe(false);
    expect(p.offer(false, 10 * KB)).toEqual({ action: 'send' });
    expect([p.sent, p.dropped, p.episodes]).toEqual([3, 4, 1]);
  });

  it('counts each episode once and restarts the count of the next', () => {
    const p = new ChannelPacer(limits);
    p.offer(true, 0);
    p.offer(false, 500 * KB);
    p.offer(true, 0); // resume after 1
    expect(p.offer(false, 500 * KB)).toEqual({ action: 'drop', episodeStarted: true });
    p.offer(false, 500 * KB);
    expect(p.offer(true, 0)).toEqual({ action: 'resume', dropped: 2 });
    expect([p.dropped, p.episodes]).toEqual([3, 2]);
  });

  it('a keyframe that itself finds the queue full starts an episode', () => {
    const p = new ChannelPacer(limits);
    expect(p.offer(true, 500 * KB)).toEqual({ action: 'drop', episodeStarted: true });
    expect(p.offer(true, 0)).toEqual({ action: 'resume', dropped: 1 });
  });

  it('after reset (new init segment or source drop) waits for a keyframe and ends an episode without a skip', () => {
    const p = new ChannelPacer(limits);
    p.offer(true, 0);
    p.offer(false, 0);
    p.reset();
    expect(p.offer(false, 0)).toEqual({ action: 'wait' });
    expect(p.offer(true, 0)).toEqual({ action: 'send' });
    p.offer(false, 500 * KB);
    p.reset();
    expect(p.isSkipping).toBe(false);
    expect(p.offer(true, 0)).toEqual({ action: 'send' });
    expect(p.dropped).toBe(1);
  });

  it('refuses a low-water mark that is not below the limit', () => {
    expect(() => new ChannelPacer({ highWaterBytes: 100, lowWaterBytes: 100 })).toThrow(RangeError);
  });
});
