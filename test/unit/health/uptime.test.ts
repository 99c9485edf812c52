// Uptime maths over status intervals: online / (online + offline), idle and connecting count for neither,
// time before the first record is unknown; reconnects are offline → online (a start from idle is not one).
import { describe, expect, it } from 'vitest';
import { intervals, reconnects, uptime, type Transition } from '../../../server/health/uptime.ts';

const M = 60_000;
const t = (at: number, status: Transition['status'], reason: string | null = null): Transition => ({ at, status, reason });

describe('intervals', () => {
  it('cuts the window by the transitions, starting from the state before it, and merges equal neighbours', () => {
    const rows = [t(-10 * M, 'online'), t(10 * M, 'online'), t(20 * M, 'offline', 'no answer from the camera (timeout)'), t(30 * M, 'online')];
    expect(intervals(rows, 0, 60 * M)).toEqual([
      { from: 0, to: 20 * M, status: 'online', reason: null },
      { from: 20 * M, to: 30 * M, status: 'offline', reason: 'no answer from the camera (timeout)' },
      { from: 30 * M, to: 60 * M, status: 'online', reason: null },
    ]);
  });

  it('marks time before the first record and after "now" as unknown', () => {
    const list = intervals([t(15 * M, 'idle'), t(20 * M, 'connecting'), t(21 * M, 'online')], 0, 60 * M, 40 * M);
    expect(list.map((i) => [i.status, (i.to - i.from) / M])).toEqual([['unknown', 15], ['idle', 5], ['connecting', 1], ['online', 19], ['unknown', 20]]);
  });

  it('is all unknown with no history', () => {
    expect(intervals([], 0, 10)).toEqual([{ from: 0, to: 10, status: 'unknown', reason: null }]);
  });
});

describe('uptime', () => {
  it('counts only the time the camera was wanted: idle (nobody watching) is not an outage', () => {
    // 6 h watched and online, 1 h offline while recorded, 17 h idle (nobody watching at night)
    const H = 60 * M;
    const rows = [t(0, 'online'), t(6 * H, 'offline', 'connection refused by the camera'), t(7 * H, 'idle')];
    const u = uptime(intervals(rows, 0, 24 * H));
    expect(u).toEqual({ pct: 85.71, onlineMs: 6 * H, offlineMs: H, connectingMs: 0, idleMs: 17 * H, unknownMs: 0 });
  });

  it('is null when the camera was never online nor offline, and 0 when it was always offline', () => {
    expect(uptime(intervals([t(0, 'idle')], 0, 10 * M)).pct).toBeNull();
    expect(uptime(intervals([t(0, 'connecting'), t(M, 'offline')], 0, 10 * M)).pct).toBe(0);
  });

  it('does not count connecting (a start takes seconds) on either side', () => {
    const u = uptime(intervals([t(0, 'connecting'), t(M, 'online'), t(4 * M, 'offline')], 0, 5 * M));
    expect(u.pct).toBe(75);
    expect(u.connectingMs).toBe(M);
  });
});

describe('reconnects', () => {
  it('counts offline → online (also through connecting) since `from`, not starts from idle', () => {
    const rows = [
      t(0, 'connecting'), t(1, 'online'), // start: not a reconnect
      t(10, 'offline'), t(20, 'online'), // reconnect 1 (before `from`)
      t(30, 'offline'), t(40, 'connecting'), t(41, 'online'), // reconnect 2
      t(50, 'idle'), t(60, 'connecting'), t(61, 'online'), // start again: not a reconnect
      t(70, 'offline'), t(80, 'online'), // reconnect 3
    ];
    expect(reconnects(rows, 0)).toBe(3);
    expect(reconnects(rows, 25)).toBe(2);
  });
});
