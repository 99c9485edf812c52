// The push player's live-edge decisions (pure): when to nudge playbackRate, when to jump, what to trim,
// and which hub arrival time belongs to the frame on screen.
import { describe, expect, it } from 'vitest';
import {
  BACK_BUFFER,
  FrameLog,
  JUMP_LATENCY,
  liveEdgeAction,
  MAX_RATE,
  nudgeRate,
  startSeek,
  TARGET_LATENCY,
  trimSpan,
} from '../../../web/src/player/live-edge.ts';

describe('liveEdgeAction', () => {
  it('does nothing without media', () => {
    expect(liveEdgeAction({ currentTime: 0, ranges: [], newestKeyframe: null, playbackRate: 1 })).toEqual({ kind: 'rate', rate: 1 });
  });

  it('seeks into the first media when the play head is outside it (a start at a time other than 0)', () => {
    const a = liveEdgeAction({ currentTime: 0, ranges: [[12.4, 12.6]], newestKeyframe: 12.4, playbackRate: 1 });
    expect(a).toEqual({ kind: 'seek', to: 12.4 });
  });

  it('plays at 1× near the target', () => {
    const a = liveEdgeAction({ currentTime: 10, ranges: [[9, 10 + TARGET_LATENCY]], newestKeyframe: 9, playbackRate: 1 });
    expect(a).toEqual({ kind: 'rate', rate: 1 });
  });

  it('nudges the rate when a little behind, never above MAX_RATE', () => {
    const a = liveEdgeAction({ currentTime: 10, ranges: [[9, 10.6]], newestKeyframe: 9, playbackRate: 1 });
    expect(a.kind).toBe('rate');
    if (a.kind !== 'rate') return;
    expect(a.rate).toBeGreaterThan(1);
    expect(a.rate).toBeLessThanOrEqual(MAX_RATE);
    const far = liveEdgeAction({ currentTime: 10, ranges: [[9, 10.99]], newestKeyframe: 9, playbackRate: 1 });
    expect(far).toEqual({ kind: 'rate', rate: MAX_RATE });
  });

  it('jumps to the newest keyframe when more than a second behind', () => {
    const a = liveEdgeAction({ currentTime: 10, ranges: [[8, 10 + JUMP_LATENCY + 0.4]], newestKeyframe: 11, playbackRate: 1.1 });
    expect(a).toEqual({ kind: 'seek', to: 11 });
  });

  it('jumps to just behind the edge when the newest keyframe is itself far back (long GOP)', () => {
    const a = liveEdgeAction({ currentTime: 10, ranges: [[8, 14]], newestKeyframe: 10.5, playbackRate: 1 });
    expect(a).toEqual({ kind: 'seek', to: 14 - TARGET_LATENCY });
  });

  it('does not jump backwards or by a hair: the newest keyframe is behind the play head → nudge instead', () => {
    const a = liveEdgeAction({ currentTime: 10, ranges: [[8, 11.1]], newestKeyframe: 10.2, playbackRate: 1 });
    expect(a.kind).toBe('rate');
  });

  it('jumps over a gap (fragments skipped by the hub) to the keyframe that starts the newest range', () => {
    const a = liveEdgeAction({ currentTime: 10.3, ranges: [[8, 10.3], [11, 11.2]], newestKeyframe: 11, playbackRate: 1 });
    expect(a).toEqual({ kind: 'seek', to: 11 });
  });

  it('ignores a keyframe outside the newest range', () => {
    const a = liveEdgeAction({ currentTime: 10.3, ranges: [[8, 10.3], [11, 11.2]], newestKeyframe: 9, playbackRate: 1 });
    expect(a).toEqual({ kind: 'seek', to: 11 });
  });
});

describe('nudgeRate', () => {
  it('keeps nudging down to close to the target once started (hysteresis), then stops', () => {
    const latency = TARGET_LATENCY + 0.05;
    expect(nudgeRate(latency, 1)).toBe(1); // not enough to start
    expect(nudgeRate(latency, 1.05)).toBeGreaterThan(1); // enough to keep going
    expect(nudgeRate(TARGET_LATENCY + 0.01, 1.05)).toBe(1);
    expect(nudgeRate(Number.NaN, 1.05)).toBe(1);
  });
});

describe('trimSpan', () => {
  it('removes media more than BACK_BUFFER s behind the play head, but only once enough has gathered', () => {
    expect(trimSpan(10, [[0, 10.2]])).toEqual([0, 10 - BACK_BUFFER]);
    expect(trimSpan(10, [[6, 10.2]])).toBeNull();
    expect(trimSpan(10, [])).toBeNull();
  });
});

describe('FrameLog', () => {
  it('maps a media time to the arrival time of the frame that covers it', () => {
    const log = new FrameLog();
    log.add(10, 1000, true);
    log.add(10.066, 1066, false);
    log.add(10.133, 1133, false);
    expect(log.wallMsAt(9.9)).toBeNull();
    expect(log.wallMsAt(10)).toBe(1000);
    expect(log.wallMsAt(10.1)).toBe(1066);
    expect(log.wallMsAt(50)).toBe(1133);
    expect(log.newestKeyframe()).toBe(10);
    log.add(11, 2000, true);
    expect(log.newestKeyframe()).toBe(11);
  });

  it('forgets trimmed frames but keeps the one covering the cut', () => {
    const log = new FrameLog();
    for (let i = 0; i < 10; i++) log.add(i, i * 1000, i % 5 === 0);
    log.dropBefore(6.5);
    expect(log.wallMsAt(6.5)).toBe(6000);
    expect(log.wallMsAt(5.5)).toBeNull();
    expect(log.newestKeyframe()).toBeNull(); // keyframe 5 was trimmed
  });

  it('starts over when time goes back (a restarted camera session) and stays bounded', () => {
    const log = new FrameLog(5);
    for (let i = 0; i < 20; i++) log.add(100 + i, i, false);
    expect(log.wallMsAt(100)).toBeNull(); // only the last 5 are kept
    expect(log.wallMsAt(119)).toBe(19);
    log.add(0, 5000, true);
    expect(log.wallMsAt(119)).toBe(5000);
    expect(log.newestKeyframe()).toBe(0);
  });
});

describe('startSeek', () => {
  it('starts just behind the edge when the first data is a long run from a keyframe (the GOP cache of the hub)', () => {
    expect(startSeek(0, [[20, 20.9]])).toBeCloseTo(20.9 - TARGET_LATENCY, 6);
    expect(startSeek(20, [[20, 20.9]])).toBeCloseTo(20.9 - TARGET_LATENCY, 6);
  });
  it('leaves a short run alone, and a play head already near the edge', () => {
    expect(startSeek(0, [[20, 20.3]])).toBeNull();
    expect(startSeek(20.6, [[20, 20.9]])).toBeNull();
    expect(startSeek(0, [])).toBeNull();
  });
});
