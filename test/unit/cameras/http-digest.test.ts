import { describe, expect, it } from 'vitest';
import {
  basicAuthorization, digestAuthorization, offersBasic, parseDigestChallenge,
} from '../../../server/cameras/http-digest.ts';
import { DigestAuth } from '../../../server/onvif/simulator/sim-auth.ts';

// RFC 7616 §3.9.1: the same request answered with MD5 and with SHA-256
const RFC = {
  header: (algo: string) => `Digest realm="http-auth@example.org", qop="auth, auth-int", algorithm=${algo}, `
    + 'nonce="7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", opaque="FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS"',
  request: {
    method: 'GET', uri: '/dir/index.html', username: 'Mufasa', password: 'Circle of Life',
    cnonce: 'f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ', nc: 1,
  },
};

const responseOf = (authorization: string) => /response="([0-9a-f]+)"/.exec(authorization)?.[1];

describe('HTTP Digest', () => {
  it.each([
    ['MD5', '8ca523f5e9506fed4657c9700eebdbec'],
    ['SHA-256', '753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1'],
  ])('answers the RFC 7616 example with %s', (algo, response) => {
    const c = parseDigestChallenge(RFC.header(algo))!;
    expect(c).toMatchObject({ realm: 'http-auth@example.org', qop: 'auth', algorithm: algo });
    const auth = digestAuthorization(c, RFC.request);
    expect(responseOf(auth)).toBe(response);
    expect(auth).toContain('opaque="FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS"');
    expect(auth).toContain('nc=00000001');
    expect(auth).not.toContain('Circle of Life');
  });

  it('is accepted by the ONVIF simulator\'s verifier (another implementation)', () => {
    const server = new DigestAuth('MatThanSim');
    const creds = { username: 'admin', password: 'p@ss "word"' };
    const c = parseDigestChallenge(['Basic realm="x"', server.challenge()])!;
    const auth = digestAuthorization(c, { method: 'GET', uri: '/onvif/snapshot.jpg?profile=main', ...creds });
    expect(server.verify(auth, 'GET', '/onvif/snapshot.jpg?profile=main', creds)).toBe(true);
    expect(server.verify(auth, 'GET', '/other', creds)).toBe(false);
    const wrong = digestAuthorization(c, { method: 'GET', uri: '/onvif/snapshot.jpg?profile=main', username: 'admin', password: 'x' });
    expect(server.verify(wrong, 'GET', '/onvif/snapshot.jpg?profile=main', creds)).toBe(false);
  });

  it('answers a challenge without qop the RFC 2069 way', () => {
    const c = parseDigestChallenge('Digest realm="cam", nonce="abc"')!;
    expect(c.qop).toBeUndefined();
    const auth = digestAuthorization(c, { method: 'GET', uri: '/s.jpg', username: 'u', password: 'p' });
    expect(auth).not.toMatch(/qop=|nc=|cnonce=/);
  });

  it('declines what it cannot answer', () => {
    expect(parseDigestChallenge(undefined)).toBeNull();
    expect(parseDigestChallenge('Basic realm="x"')).toBeNull();
    expect(parseDigestChallenge('Digest realm="x", nonce="n", qop="auth-int"')).toBeNull();
    expect(parseDigestChallenge('Digest realm="x", nonce="n", algorithm=SHA-512-256')).toBeNull();
    expect(parseDigestChallenge('Digest realm="x"')).toBeNull();
    expect(offersBasic(['Digest realm="x", nonce="n"', 'Basic realm="cam"'])).toBe(true);
    expect(basicAuthorization('admin', 'pw')).toBe(`Basic ${Buffer.from('admin:pw').toString('base64')}`);
  });
});
