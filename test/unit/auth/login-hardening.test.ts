// Issue 8.3 rules that need no hub: password strength, the trustProxy setting, and the limiter's bookkeeping.
import { describe, expect, it } from 'vitest';
import { LoginRateLimiter } from '../../../server/auth/login-rate-limiter.ts';
import { checkNewPassword, generatePassword } from '../../../server/auth/password-rules.ts';
import { ConfigError, loadConfig } from '../../../server/config/load-config.ts';
import { AppError } from '../../../server/errors.ts';

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    return (e as AppError).code;
  }
  return 'ok';
}

describe('password rules for new passwords', () => {
  it('wants at least 10 characters with letters and digits', () => {
    expect(codeOf(() => checkNewPassword('ab12'))).toBe('password-too-short');
    expect(codeOf(() => checkNewPassword('abcdefghijkl'))).toBe('password-too-weak');
    expect(codeOf(() => checkNewPassword('123456789012'))).toBe('password-too-weak');
    expect(codeOf(() => checkNewPassword('----------++'))).toBe('password-too-weak');
    expect(codeOf(() => checkNewPassword('mật-khẩu-2026'))).toBe('ok');
    expect(codeOf(() => checkNewPassword('test-0a1b2c3d4e5f'))).toBe('ok');
  });

  it('generates passwords that pass its own rules', () => {
    for (let i = 0; i < 200; i++) expect(codeOf(() => checkNewPassword(generatePassword()))).toBe('ok');
  });
});

describe('server.trustProxy', () => {
  const load = (trustProxy: unknown) => loadConfig({ configDir: 'config', env: {}, localFile: undefined, overrides: { server: { trustProxy } } });

  it('takes a hop count or a list of proxy addresses', () => {
    expect(load(1).server.trustProxy).toBe(1);
    expect(load(['127.0.0.1', '10.0.0.0/8', '::1']).server.trustProxy).toEqual(['127.0.0.1', '10.0.0.0/8', '::1']);
    expect(load(false).server.trustProxy).toBe(false);
  });

  it('refuses "trust all" with a message that says what to write instead', () => {
    try {
      load(true);
      throw new Error('accepted true');
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      expect((e as ConfigError).problems.join('\n')).toMatch(/server\.trustProxy: .*true.*(number|addresses)/i);
    }
    expect(() => load(['not-an-address'])).toThrow(ConfigError);
  });
});

describe('LoginRateLimiter', () => {
  const limiter = () => new LoginRateLimiter({
    perAddress: { maxAttempts: 3, windowMs: 60_000 },
    perUser: { maxAttempts: 10, windowMs: 60_000 },
    accountLock: { failures: 5, withinMs: 30_000, lockMs: 300_000 },
  });

  it('counts attempts still in flight', () => {
    const l = limiter();
    const a = [l.begin('1.1.1.1', 'u1'), l.begin('1.1.1.1', 'u2'), l.begin('1.1.1.1', 'u3')];
    expect(codeOf(() => l.begin('1.1.1.1', 'u4'))).toBe('too-many-attempts');
    a[0]!.succeeded();
    expect(codeOf(() => l.begin('1.1.1.1', 'u4'))).toBe('ok');
  });

  it('locks a user name after 5 failures within 30 s, for 5 minutes', () => {
    const l = limiter();
    const t0 = 1_000_000;
    for (let i = 0; i < 5; i++) l.begin(`2.2.2.${i}`, 'Admin', t0 + i * 1000).failed(t0 + i * 1000);
    expect(codeOf(() => l.begin('3.3.3.3', 'admin', t0 + 10_000))).toBe('account-locked');
    expect(codeOf(() => l.begin('3.3.3.3', 'admin', t0 + 4000 + 299_000))).toBe('account-locked');
    expect(codeOf(() => l.begin('3.3.3.3', 'admin', t0 + 4000 + 300_001))).toBe('ok');
  });

  it('does not lock for failures spread wider than 30 s', () => {
    const l = limiter();
    for (let i = 0; i < 6; i++) l.begin(`4.4.4.${i}`, 'slow', i * 10_000).failed(i * 10_000);
    expect(codeOf(() => l.begin('5.5.5.5', 'slow', 61_000))).toBe('ok');
  });
});
