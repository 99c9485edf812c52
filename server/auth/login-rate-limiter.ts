/** Counts failed logins per client address in a sliding window. One instance per app; nothing global. */
export class LoginRateLimiter {
  private readonly failures = new Map<string, number[]>();

  constructor(private readonly maxAttempts: number, private readonly windowMs: number) {}

  /** Seconds until the address may try again, or 0 when it may try now. */
  retryAfterSec(address: string, now = Date.now()): number {
    const recent = this.recent(address, now);
    if (recent.length < this.maxAttempts) return 0;
    return Math.max(1, Math.ceil((recent[0]! + this.windowMs - now) / 1000));
  }

  recordFailure(address: string, now = Date.now()): void {
    const recent = this.recent(address, now);
    recent.push(now);
    this.failures.set(address, recent);
    if (this.failures.size > 10_000) this.prune(now);
  }

  reset(address: string): void {
    this.failures.delete(address);
  }

  private recent(address: string, now: number): number[] {
    return (this.failures.get(address) ?? []).filter((t) => t > now - this.windowMs);
  }

  private prune(now: number): void {
    for (const [address, times] of this.failures) {
      if (!times.some((t) => t > now - this.windowMs)) this.failures.delete(address);
    }
  }
}
