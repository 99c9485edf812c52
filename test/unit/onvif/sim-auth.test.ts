import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DigestAuth, NonceCache, parseDigestHeader, verifyWsSecurity } from '../../../server/onvif/simulator/sim-auth.ts';
import { parseXml } from '../../../server/onvif/xml.ts';

const creds = { username: 'admin', password: 'Cam@2024' };

function header(opts: { user?: string; password?: string; created: string; nonce?: Buffer; text?: boolean }) {
  const nonce = opts.nonce ?? randomBytes(16);
  const digest = createHash('sha1')
    .update(Buffer.concat([nonce, Buffer.from(opts.created), Buffer.from(opts.password ?? creds.password)]))
    .digest('base64');
  const type = opts.text ? '#PasswordText' : '#PasswordDigest';
  return parseXml(
    `<s:Header xmlns:s="x"><Security><UsernameToken><Username>${opts.user ?? creds.username}</Username>` +
      `<Password Type="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0${type}">` +
      `${opts.text ? (opts.password ?? creds.password) : digest}</Password>` +
      `<Nonce>${nonce.toString('base64')}</Nonce><Created>${opts.created}</Created></UsernameToken></Security></s:Header>`,
  );
}

describe('verifyWsSecurity', () => {
  const now = Date.parse('2025-03-01T10:00:00Z');
  const check = (h: ReturnType<typeof header>, cameraNow = now) =>
    verifyWsSecurity(h, creds, cameraNow, 10_000, new NonceCache(60_000));

  it.each([
    ['a correct digest', { created: '2025-03-01T10:00:03.000Z' }, 'ok'],
    ['Created 9 s behind', { created: '2025-03-01T09:59:51Z' }, 'ok'],
    ['Created 11 s ahead', { created: '2025-03-01T10:00:11Z' }, 'rejected'],
    ['Created 10 min off', { created: '2025-03-01T10:10:00Z' }, 'rejected'],
    ['a wrong password', { created: '2025-03-01T10:00:00Z', password: 'nope' }, 'rejected'],
    ['a wrong user', { created: '2025-03-01T10:00:00Z', user: 'root' }, 'rejected'],
    ['no Created', { created: '' }, 'rejected'],
    ['a plain-text password', { created: '', text: true }, 'ok'],
    ['a wrong plain-text password', { created: '', text: true, password: 'x' }, 'rejected'],
  ])('%s → %s', (_l, opts, status) => {
    expect(check(header(opts)).status).toBe(status);
  });

  it('checks Created against the camera clock, not ours', () => {
    const created = new Date(now + 600_000).toISOString();
    expect(check(header({ created }), now).status).toBe('rejected');
    expect(check(header({ created }), now + 600_000).status).toBe('ok');
  });

  it('refuses a replayed nonce', () => {
    const cache = new NonceCache(60_000);
    const h = header({ created: new Date(now).toISOString(), nonce: Buffer.alloc(16, 7) });
    expect(verifyWsSecurity(h, creds, now, 10_000, cache).status).toBe('ok');
    expect(verifyWsSecurity(h, creds, now, 10_000, cache)).toEqual({ status: 'rejected', reason: 'nonce replayed' });
  });

  it('is absent without a Security header', () => {
    expect(check(parseXml('<Header/>')).status).toBe('absent');
    expect(verifyWsSecurity(undefined, creds, now, 1, new NonceCache(1)).status).toBe('absent');
  });
});

describe('NonceCache', () => {
  it('forgets expired nonces and stays bounded', () => {
    const c = new NonceCache(1000, 3);
    expect(c.add('a', 0)).toBe(true);
    expect(c.add('a', 500)).toBe(false);
    expect(c.add('a', 1500)).toBe(true);
    for (const n of ['b', 'c', 'd', 'e']) c.add(n, 1600);
    expect(c.add('e', 1700)).toBe(false);
    expect(c.add('b', 1700)).toBe(true); // pushed out by the bound
  });
});

describe('DigestAuth', () => {
  const md5 = (s: string) => createHash('md5').update(s).digest('hex');
  function answer(challenge: string, method: string, uri: string, password = creds.password, user = creds.username) {
    const c = parseDigestHeader(challenge)!;
    const ha1 = md5(`${user}:${c.realm}:${password}`);
    const ha2 = md5(`${method}:${uri}`);
    const response = md5(`${ha1}:${c.nonce}:00000001:abcd:auth:${ha2}`);
    return `Digest username="${user}", realm="${c.realm}", nonce="${c.nonce}", uri="${uri}", qop=auth, nc=00000001, ` +
      `cnonce="abcd", response="${response}", algorithm=MD5`;
  }

  it('accepts a correct answer to its own challenge and refuses the rest', () => {
    const d = new DigestAuth('Sim');
    const ch = d.challenge();
    expect(d.verify(answer(ch, 'POST', '/onvif/device_service'), 'POST', '/onvif/device_service', creds)).toBe(true);
    expect(d.verify(answer(ch, 'POST', '/onvif/device_service', 'wrong'), 'POST', '/onvif/device_service', creds)).toBe(false);
    expect(d.verify(answer(ch, 'POST', '/other'), 'POST', '/onvif/device_service', creds)).toBe(false);
    expect(d.verify(answer(ch, 'GET', '/onvif/device_service'), 'POST', '/onvif/device_service', creds)).toBe(false);
    expect(d.verify(answer(new DigestAuth('Sim').challenge(), 'POST', '/a'), 'POST', '/a', creds)).toBe(false);
    expect(d.verify(undefined, 'POST', '/a', creds)).toBe(false);
    expect(d.verify('Basic YWRtaW46eA==', 'POST', '/a', creds)).toBe(false);
  });

  it('parses quoted and bare parameters', () => {
    expect(parseDigestHeader('Digest realm="a, b", qop=auth,nonce="n"')).toEqual({ realm: 'a, b', qop: 'auth', nonce: 'n' });
    expect(parseDigestHeader('Basic x')).toBeNull();
  });
});
