import { describe, expect, it } from 'vitest';
import { LoginRateLimiter } from '../../../server/auth/login-rate-limiter.ts';
import { hashPassword, verifyPassword } from '../../../server/auth/password-hash.ts';

describe('password hashing', () => {
  it('is salted scrypt and verifies only the right password', async () => {
    const a = await hashPassword('correct horse');
    const b = await hashPassword('correct horse');
    expect(a).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword('correct horse', a)).toBe(true);
    expect(await verifyPassword('correct horsE', a)).toBe(false);
    expect(await verifyPassword('x', 'md5$abc')).toBe(false);
  });
});

describe('LoginRateLimiter', () => {
  it('blocks an address after maxAttempts failures in the window, then lets it in again', () => {
    const l = new LoginRateLimiter(3, 60_000);
    const t0 = 1_000_000;
    for (let i = 0; i < 3; i++) {
      expect(l.retryAfterSec('10.0.0.1', t0 + i)).toBe(0);
      l.recordFailure('10.0.0.1', t0 + i);
    }
    expect(l.retryAfterSec('10.0.0.1', t0 + 10)).toBe(60);
    expect(l.retryAfterSec('10.0.0.2', t0 + 10)).toBe(0);
    expect(l.retryAfterSec('10.0.0.1', t0 + 60_001)).toBe(0);
    l.recordFailure('10.0.0.3', t0);
    l.reset('10.0.0.3');
    expect(l.retryAfterSec('10.0.0.3', t0)).toBe(0);
  });
});
