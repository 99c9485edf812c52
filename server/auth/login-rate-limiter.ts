// Failed-login limits: per client address, per user name, and the account lock of Decision 724/QĐ-BTTTT (by
// default 5 failures within 30 s lock the account for 5 minutes). An attempt is counted from the moment it begins,
// before its password hash is awaited, so parallel guesses cannot slip past the limit. A success clears only the
// failures of its own user name: an address's failures expire with their window, whoever logs in from it.
// One instance per app; nothing global.
import { AppError } from '../errors.ts';

export interface LoginLimits {
  perAddress: { maxAttempts: number; windowMs: number };
  perUser: { maxAttempts: number; windowMs: number };
  accountLock: { failures: number; withinMs: number; lockMs: number };
}

export interface LoginAttempt {
  /** the password was wrong (or the user unknown or disabled) */
  failed(now?: number): void;
  succeeded(): void;
}

const MAX_KEYS = 10_000;

/** Failure times and attempts in flight per key, in a sliding window. */
class Window {
  private readonly failures = new Map<string, number[]>();
  private readonly pending = new Map<string, number>();

  constructor(private readonly windowMs: number) {}

  /** failures within `withinMs` (default: the window) and after `since`, plus attempts in flight */
  load(key: string, now: number, withinMs = this.windowMs, since = 0): number {
    return this.recent(key, now, withinMs).filter((t) => t > since).length + (this.pending.get(key) ?? 0);
  }

  retryAfterSec(key: string, now: number): number {
    const first = this.recent(key, now, this.windowMs)[0] ?? now;
    return Math.max(1, Math.ceil((first + this.windowMs - now) / 1000));
  }

  begin(key: string): void {
    this.pending.set(key, (this.pending.get(key) ?? 0) + 1);
  }

  end(key: string, failedAt?: number): void {
    const n = (this.pending.get(key) ?? 1) - 1;
    if (n > 0) this.pending.set(key, n);
    else this.pending.delete(key);
    if (failedAt === undefined) return;
    const times = this.recent(key, failedAt, this.windowMs);
    times.push(failedAt);
    this.failures.set(key, times);
    if (this.failures.size > MAX_KEYS) this.prune(failedAt);
  }

  clear(key: string): void {
    this.failures.delete(key);
  }

  private recent(key: string, now: number, withinMs: number): number[] {
    return (this.failures.get(key) ?? []).filter((t) => t > now - withinMs);
  }

  private prune(now: number): void {
    for (const [key, times] of this.failures) {
      if (!times.some((t) => t > now - this.windowMs)) this.failures.delete(key);
    }
  }
}

const tooMany = (what: string, wait: number) => new AppError('too-many-attempts',
  `Too many failed logins ${what}. Try again in ${wait} s.`, { retryAfterSec: wait });

export class LoginRateLimiter {
  private readonly byAddress: Window;
  private readonly byUser: Window;
  /** when each account was last locked and until when; failures before a lock do not count towards the next */
  private readonly locks = new Map<string, { at: number; until: number }>();

  constructor(private readonly limits: LoginLimits) {
    this.byAddress = new Window(limits.perAddress.windowMs);
    // the account-lock count looks back withinMs, the per-user limit windowMs: keep the longer
    this.byUser = new Window(Math.max(limits.perUser.windowMs, limits.accountLock.withinMs));
  }

  /** Starts an attempt, or throws 429 (too-many-attempts / account-locked) when it may not be tried now. */
  begin(address: string, username: string, now = Date.now()): LoginAttempt {
    const user = username.trim().toLowerCase();
    const { perAddress, perUser, accountLock } = this.limits;
    const lock = this.locks.get(user);
    if (lock && lock.until > now) {
      const wait = Math.ceil((lock.until - now) / 1000);
      throw new AppError('account-locked',
        `This account is locked for ${wait} s after repeated wrong passwords.`, { retryAfterSec: wait });
    }
    if (this.byAddress.load(address, now) >= perAddress.maxAttempts) {
      throw tooMany('from this address', this.byAddress.retryAfterSec(address, now));
    }
    if (this.byUser.load(user, now, perUser.windowMs) >= perUser.maxAttempts) {
      throw tooMany('for this user name', this.byUser.retryAfterSec(user, now));
    }
    if (this.byUser.load(user, now, accountLock.withinMs, lock?.at) >= accountLock.failures) {
      throw tooMany('for this user name', 1); // attempts in flight would reach the lock: wait for them
    }
    this.byAddress.begin(address);
    this.byUser.begin(user);
    let done = false;
    return {
      failed: (at = Date.now()) => {
        if (done) return;
        done = true;
        this.byAddress.end(address, at);
        this.byUser.end(user, at);
        if (this.byUser.load(user, at, accountLock.withinMs, this.locks.get(user)?.at) >= accountLock.failures) {
          this.locks.set(user, { at, until: at + accountLock.lockMs });
          if (this.locks.size > MAX_KEYS) this.pruneLocks(at);
        }
      },
      succeeded: () => {
        if (done) return;
        done = true;
        this.byAddress.end(address);
        this.byUser.end(user);
        this.byUser.clear(user);
      },
    };
  }

  private pruneLocks(now: number): void {
    for (const [user, lock] of this.locks) if (lock.until + this.limits.accountLock.withinMs <= now) this.locks.delete(user);
  }
}

/** The limits from the `auth` section of the config. */
export function loginLimitsFrom(a: {
  loginRateLimit: { maxAttempts: number; windowSec: number };
  accountLock: { failures: number; withinSec: number; lockSec: number };
}): LoginLimits {
  const window = { maxAttempts: a.loginRateLimit.maxAttempts, windowMs: a.loginRateLimit.windowSec * 1000 };
  return {
    perAddress: window,
    perUser: window,
    accountLock: { failures: a.accountLock.failures, withinMs: a.accountLock.withinSec * 1000, lockMs: a.accountLock.lockSec * 1000 },
  };
}
