// Fetches a JPEG from a camera's snapshot URI: only http(s), only to the camera's own address, no redirects,
// a hard deadline and a size cap; HTTP Digest or Basic when the camera asks. Errors never hold the password.
import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import { AppError, type ErrorCode } from '../errors.ts';
import { basicAuthorization, digestAuthorization, offersBasic, offersDigest, parseDigestChallenge } from './http-digest.ts';

export interface SnapshotFetch {
  url: string;
  /** the camera's address: the URL must point there */
  host: string;
  username: string;
  password: string;
  timeoutMs: number;
  maxBytes: number;
}

const fail = (code: ErrorCode, message: string) => new AppError(code, message);
const norm = (h: string) => h.replace(/^\[|\]$/g, '').toLowerCase().replace(/\.$/, '');

function checkUrl(raw: string, host: string): URL {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    throw fail('snapshot-bad-uri', 'The camera\'s snapshot address is not a valid URL.');
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw fail('snapshot-bad-uri', 'Snapshots are fetched over http(s) only.');
  if (norm(u.hostname) !== norm(host)) throw fail('snapshot-bad-uri', 'The snapshot address points away from the camera.');
  if (u.username || u.password) throw fail('snapshot-bad-uri', 'The snapshot address must not hold credentials.');
  return u;
}

interface Answer {
  status: number;
  headers: IncomingMessage['headers'];
  body: Buffer;
}

function get(u: URL, authorization: string | null, o: SnapshotFetch, signal: AbortSignal): Promise<Answer> {
  const lib = u.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = lib.request(u, {
      method: 'GET',
      agent: false,
      signal,
      // cameras serve self-signed certificates; Digest never sends the password itself
      ...(u.protocol === 'https:' ? { rejectUnauthorized: false } : {}),
      headers: { Accept: 'image/jpeg', Connection: 'close', ...(authorization ? { Authorization: authorization } : {}) },
    });
    req.on('error', (err: NodeJS.ErrnoException) => {
      if (signal.aborted) reject(fail('snapshot-timeout', 'The camera did not send its snapshot in time.'));
      else reject(fail('snapshot-unreachable', `The camera's snapshot could not be fetched (${err.code ?? 'network error'}).`));
    });
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      const declared = Number(res.headers['content-length']);
      if (Number.isFinite(declared) && declared > o.maxBytes) {
        req.destroy();
        return reject(fail('snapshot-too-large', 'The camera\'s snapshot is larger than allowed.'));
      }
      res.on('data', (c: Buffer) => {
        size += c.length;
        if (size > o.maxBytes) {
          req.destroy();
          reject(fail('snapshot-too-large', 'The camera\'s snapshot is larger than allowed.'));
        } else {
          chunks.push(c);
        }
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', () => reject(fail('snapshot-unreachable', 'The camera closed the connection.')));
    });
    req.end();
  });
}

/** The JPEG, or AppError 502 snapshot-* (timeout, unreachable, auth-failed, too-large, not-jpeg, bad-uri). */
export async function fetchSnapshot(o: SnapshotFetch): Promise<Buffer> {
  const u = checkUrl(o.url, o.host);
  const signal = AbortSignal.timeout(o.timeoutMs);
  let answer = await get(u, null, o, signal);
  if (answer.status === 401 && (o.username || o.password)) {
    const offered = answer.headers['www-authenticate'];
    const challenge = parseDigestChallenge(offered);
    // Basic sends the password itself: never over plain HTTP to a camera that offered Digest (a downgrade)
    const basicAllowed = offersBasic(offered) && (u.protocol === 'https:' || !offersDigest(offered));
    const authorization = challenge
      ? digestAuthorization(challenge, { method: 'GET', uri: `${u.pathname}${u.search}`, username: o.username, password: o.password })
      : basicAllowed ? basicAuthorization(o.username, o.password) : null;
    if (authorization) answer = await get(u, authorization, o, signal);
  }
  if (answer.status === 401 || answer.status === 403) throw fail('snapshot-auth-failed', 'The camera refused the snapshot request (user name or password).');
  if (answer.status !== 200) throw fail('snapshot-failed', `The camera answered the snapshot request with HTTP ${answer.status}.`);
  if (answer.body.length < 4 || answer.body[0] !== 0xff || answer.body[1] !== 0xd8) {
    throw fail('snapshot-not-jpeg', 'The camera\'s snapshot is not a JPEG picture.');
  }
  return answer.body;
}
