import { describe, expect, it } from 'vitest';
import { Backoff } from '../../../server/media/backoff.ts';

describe('Backoff', () => {
  it('defaults to 1 s ×5, 5 s ×5, 10 s ×10, then 60 s', () => {
    const b = new Backoff();
    const seq = Array.from({ length: 24 }, () => b.next());
    expect(seq).toEqual([
      ...Array(5).fill(1000), ...Array(5).fill(5000), ...Array(10).fill(10_000), 60_000, 60_000, 60_000, 60_000,
    ]);
    expect(b.failures).toBe(24);
  });

  it('resets to the first step after a success', () => {
    const b = new Backoff();
    for (let i = 0; i < 7; i++) b.next();
    expect(b.next()).toBe(5000);
    b.reset();
    expect(b.failures).toBe(0);
    expect(b.next()).toBe(1000);
  });

  it.each([
    [[{ delayMs: 100, times: 2 }, { delayMs: 300 }], [100, 100, 300, 300, 300]],
    [[{ delayMs: 50 }], [50, 50, 50]],
    // the last step repeats even when it has `times`
    [[{ delayMs: 10, times: 1 }, { delayMs: 20, times: 1 }], [10, 20, 20, 20]],
    [[{ delayMs: 0, times: 3 }, { delayMs: 5 }], [0, 0, 0, 5]],
  ])('steps %j → %j', (steps, expected) => {
    const b = new Backoff(steps);
    expect(expected.map(() => b.next())).toEqual(expected);
  });

  it.each([[[]], [[{ delayMs: -1 }]], [[{ delayMs: 10, times: 0 }, { delayMs: 1 }]], [[{ delayMs: NaN }]]])(
    'refuses %j',
    (steps) => {
      expect(() => new Backoff(steps)).toThrow(RangeError);
    },
  );
});
