// Fetching a camera's snapshot over real sockets: Digest and Basic, and what a hostile camera cannot do
// (redirect elsewhere, send something huge or not a picture, never finish, point away from itself).
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchSnapshot, type SnapshotFetch } from '../../../server/cameras/http-snapshot.ts';
import { AppError } from '../../../server/errors.ts';
import { DigestAuth } from '../../../server/onvif/simulator/sim-auth.ts';
import { SNAPSHOT_JPEG } from '../../../server/onvif/simulator/snapshot-jpeg.ts';

const HOST = '127.0.8.50';
const creds = { username: 'admin', password: 'Snap:p@ss' };
const digest = new DigestAuth('cam');
let server: http.Server;
let base: string;
const seen: string[] = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    seen.push(`${req.url} ${req.headers.authorization?.split(' ')[0] ?? '-'}`);
    switch (req.url) {
      case '/digest.jpg':
        if (!digest.verify(req.headers.authorization, 'GET', req.url, creds)) {
          return res.writeHead(401, { 'WWW-Authenticate': digest.challenge() }).end();
        }
        return res.writeHead(200, { 'Content-Type': 'image/jpeg' }).end(SNAPSHOT_JPEG);
      case '/basic.jpg': {
        const ok = req.headers.authorization === `Basic ${Buffer.from(`${creds.username}:${creds.password}`).toString('base64')}`;
        if (!ok) return res.writeHead(401, { 'WWW-Authenticate': 'Basic realm="cam"' }).end();
        return res.writeHead(200, { 'Content-Type': 'image/jpeg' }).end(SNAPSHOT_JPEG);
      }
      case '/redirect.jpg':
        return res.writeHead(302, { Location: 'http://127.0.0.1:9/x.jpg' }).end();
      case '/huge.jpg': {
        res.writeHead(200, { 'Content-Type': 'image/jpeg' });
        const chunk = Buffer.alloc(64 * 1024, 0xff);
        const pump = () => {
          while (!res.destroyed) if (!res.write(chunk)) return void res.once('drain', pump);
        };
        return pump();
      }
      case '/declared-huge.jpg':
        return res.writeHead(200, { 'Content-Type': 'image/jpeg', 'Content-Length': String(1 << 30) }).end();
      case '/html.jpg':
        return res.writeHead(200, { 'Content-Type': 'text/html' }).end('<html>login</html>');
      case '/never.jpg':
        return; // accepts and never answers
      default:
        return res.writeHead(404).end();
    }
  });
  await new Promise<void>((r) => server.listen(0, HOST, r));
  base = `http://${HOST}:${(server.address() as { port: number }).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

const get = (p: string, o: Partial<SnapshotFetch> = {}) =>
  fetchSnapshot({ url: `${base}${p}`, host: HOST, ...creds, timeoutMs: 1500, maxBytes: 256 * 1024, ...o });

async function code(p: Promise<unknown>): Promise<string> {
  const e = await p.then(() => null, (err: unknown) => err);
  expect(e).toBeInstanceOf(AppError);
  expect((e as AppError).message).not.toContain(creds.password);
  return (e as AppError).code;
}

describe('fetchSnapshot', () => {
  it('answers HTTP Digest and Basic challenges', async () => {
    expect((await get('/digest.jpg')).equals(SNAPSHOT_JPEG)).toBe(true);
    expect((await get('/basic.jpg')).equals(SNAPSHOT_JPEG)).toBe(true);
    expect(seen.slice(-4)).toEqual(['/digest.jpg -', '/digest.jpg Digest', '/basic.jpg -', '/basic.jpg Basic']);
  });

  it.each([
    ['/digest.jpg', { password: 'wrong' }, 'snapshot-auth-failed'],
    ['/redirect.jpg', {}, 'snapshot-failed'],
    ['/huge.jpg', {}, 'snapshot-too-large'],
    ['/declared-huge.jpg', {}, 'snapshot-too-large'],
    ['/html.jpg', {}, 'snapshot-not-jpeg'],
    ['/never.jpg', { timeoutMs: 300 }, 'snapshot-timeout'],
  ])('%s %j → %s', async (p, o, expected) => {
    expect(await code(get(p, o))).toBe(expected);
  });

  it('contacts nothing but the camera itself, over http(s) only', async () => {
    const before = seen.length;
    expect(await code(get('/digest.jpg', { host: '127.0.8.51' }))).toBe('snapshot-bad-uri');
    expect(await code(fetchSnapshot({ url: 'file:///etc/passwd', host: HOST, ...creds, timeoutMs: 500, maxBytes: 1024 }))).toBe('snapshot-bad-uri');
    expect(await code(fetchSnapshot({ url: `http://u:p@${HOST}/x.jpg`, host: HOST, ...creds, timeoutMs: 500, maxBytes: 1024 }))).toBe('snapshot-bad-uri');
    expect(seen.length).toBe(before);
    expect(await code(fetchSnapshot({ url: `http://${HOST}:9/x.jpg`, host: HOST, ...creds, timeoutMs: 500, maxBytes: 1024 }))).toBe('snapshot-unreachable');
  });
});
