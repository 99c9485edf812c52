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
    const l = new LoginRateLimiter({
      perAddress: { maxAttempts: 3, windowMs: 60_000 },
      perUser: { maxAttempts: 100, windowMs: 60_000 },
      accountLock: { failures: 100, withinMs: 30_000, lockMs: 300_000 },
    });
    const t0 = 1_000_000;
    for (let i = 0; i < 3; i++) l.begin('10.0.0.1', `u${i}`, t0 + i).failed(t0 + i);
    const refused = (ip: string, at: number) => {
      try {
        l.begin(ip, 'someone', at).succeeded();
        return 0;
      } catch (e) {
        return (e as { details: { retryAfterSec: number } }).details.retryAfterSec;
      }
    };
    expect(refused('10.0.0.1', t0 + 10)).toBe(60);
    expect(refused('10.0.0.2', t0 + 10)).toBe(0);
    expect(refused('10.0.0.1', t0 + 60_003)).toBe(0);
  });
});
