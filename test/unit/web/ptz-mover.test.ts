// The PTZ pad's hold-and-repeat logic (pure, no DOM), on fake timers: what is sent, and when.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PtzCommand } from '../../../web/src/api/ptz-api.ts';
import { createPtzMover } from '../../../web/src/views/wall/ptz/ptz-mover.ts';

interface Call { cmd: PtzCommand; answer: () => void; fail: (e: Error) => void }

function setup() {
  const calls: Call[] = [];
  const errors: unknown[] = [];
  const moving: boolean[] = [];
  const mover = createPtzMover({
    send: (cmd) => new Promise<void>((resolve, reject) => calls.push({ cmd, answer: resolve, fail: reject })),
    onError: (e) => errors.push(e),
    onMovingChange: (m) => moving.push(m),
    repeatMs: 400,
    durationMs: 600,
  });
  const actions = () => calls.map((c) => (c.cmd.action === 'move' ? `move ${c.cmd.pan},${c.cmd.tilt},${c.cmd.zoom}` : c.cmd.action));
  return { mover, calls, errors, moving, actions };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('PTZ hold-and-repeat', () => {
  it('sends a move at once, repeats it every 400 ms while held, one request at a time, and stops on release', async () => {
    const { mover, calls, moving, actions } = setup();
    mover.hold({ pan: 0.5, tilt: 0, zoom: 0 });
    expect(actions()).toEqual(['move 0.5,0,0']);
    expect(calls[0]!.cmd).toMatchObject({ durationMs: 600 });
    await vi.advanceTimersByTimeAsync(1000);
    expect(actions()).toHaveLength(1); // not answered yet: nothing more is sent
    calls[0]!.answer();
    await vi.advanceTimersByTimeAsync(0);
    expect(actions()).toHaveLength(2); // answered late: the next goes at once
    calls[1]!.answer();
    await vi.advanceTimersByTimeAsync(399);
    expect(actions()).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(actions()).toEqual(['move 0.5,0,0', 'move 0.5,0,0', 'move 0.5,0,0']);
    calls[2]!.answer();
    await vi.advanceTimersByTimeAsync(0);
    mover.hold({ pan: 0, tilt: 0, zoom: 0 });
    expect(actions().at(-1)).toBe('stop');
    await vi.advanceTimersByTimeAsync(2000);
    expect(actions().filter((a) => a === 'stop')).toHaveLength(1);
    expect(moving).toEqual([true, false]);
  });

  it('a new direction is picked up when the move in flight is answered; a release during it stops twice', async () => {
    const { mover, calls, actions } = setup();
    mover.hold({ pan: 1, tilt: 0, zoom: 0 });
    mover.hold({ pan: 0, tilt: 1, zoom: 0 }); // in flight: waits
    expect(actions()).toEqual(['move 1,0,0']);
    calls[0]!.answer();
    await vi.advanceTimersByTimeAsync(400);
    expect(actions()).toEqual(['move 1,0,0', 'move 0,1,0']);
    mover.stop(); // while the second move is in flight
    expect(actions().at(-1)).toBe('stop');
    calls[1]!.answer();
    calls[2]!.answer();
    await vi.advanceTimersByTimeAsync(0);
    // whichever reached the camera last, it ends stopped
    expect(actions()).toEqual(['move 1,0,0', 'move 0,1,0', 'stop', 'stop']);
  });

  it('a failed move ends the hold and is reported once; destroy stops a moving camera and goes quiet', async () => {
    const { mover, calls, errors, actions } = setup();
    mover.hold({ pan: 0, tilt: 0, zoom: 1 });
    calls[0]!.fail(new Error('camera unreachable'));
    await vi.advanceTimersByTimeAsync(1000);
    expect(errors).toHaveLength(1);
    expect(actions()).toEqual(['move 0,0,1']);
    mover.hold({ pan: -1, tilt: 0, zoom: 0 });
    mover.destroy();
    expect(actions().at(-1)).toBe('stop');
    calls.at(-1)!.fail(new Error('gone'));
    await vi.advanceTimersByTimeAsync(1000);
    expect(errors).toHaveLength(1);
  });
});
