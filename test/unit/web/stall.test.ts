import { describe, expect, it } from 'vitest';
import { stallVerdict } from '../../../web/src/player/stall.ts';

const limits = { startGraceMs: 8000, stallMs: 5000 };

describe('stallVerdict (both live players)', () => {
  it.each([
    ['loading', 7000, true, null], // still within the start grace
    ['loading', 9000, true, 'retry'],
    ['loading', 9000, false, null], // camera away before the first frame: nothing to do but wait for the hub
    ['playing', 4000, true, null],
    ['playing', 6000, true, 'retry'], // online but frozen: the fault is ours
    ['playing', 6000, false, 'wait'], // camera away: stalled, wait for cameraOnline()
    ['stalled', 6000, true, 'retry'],
    ['retrying', 60_000, true, null],
    ['unsupported', 60_000, true, null],
  ] as const)('%s, %i ms without progress, online %s → %s', (state, since, online, verdict) => {
    expect(stallVerdict(state, since, online, limits)).toBe(verdict);
  });
});
