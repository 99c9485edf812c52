import type { BackoffStep } from './types.ts';

/** go2rtc-like: 1 s ×5, 5 s ×5, 10 s ×10, then 60 s forever. */
export const DEFAULT_BACKOFF: readonly BackoffStep[] = [
  { delayMs: 1000, times: 5 },
  { delayMs: 5000, times: 5 },
  { delayMs: 10_000, times: 10 },
  { delayMs: 60_000 },
];

/** Stepped reconnect delays. `next()` gives the delay before the next attempt; `reset()` after a success. */
export class Backoff {
  private attempt = 0;
  private readonly steps: readonly BackoffStep[];

  constructor(steps: readonly BackoffStep[] = DEFAULT_BACKOFF) {
    if (steps.length === 0) throw new RangeError('backoff needs at least one step');
    for (const s of steps) {
      if (!Number.isFinite(s.delayMs) || s.delayMs < 0) throw new RangeError('backoff delay must be ≥ 0');
      if (s.times !== undefined && (!Number.isInteger(s.times) || s.times < 1)) {
        throw new RangeError('backoff times must be a positive integer');
      }
    }
    this.steps = steps;
  }

  /** Failures since the last reset. */
  get failures(): number {
    return this.attempt;
  }

  next(): number {
    const delay = this.delayFor(this.attempt);
    this.attempt++;
    return delay;
  }

  reset(): void {
    this.attempt = 0;
  }

  /** Delay for the n-th attempt (0-based); the last step repeats forever whatever its `times`. */
  delayFor(n: number): number {
    let left = n;
    for (let i = 0; i < this.steps.length; i++) {
      const s = this.steps[i]!;
      const last = i === this.steps.length - 1;
      if (last || s.times === undefined || left < s.times) return s.delayMs;
      left -= s.times;
    }
    return this.steps[this.steps.length - 1]!.delayMs;
  }
}
