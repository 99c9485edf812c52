// Camera-side authentication for the simulator: WS-Security UsernameToken (digest) checked against the
// camera's own clock, and HTTP Digest (RFC 7616, MD5, qop=auth) as the fallback real cameras offer.
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { child, findDeep, textOf, type XmlElement } from '../xml.ts';

export interface SimCredentials {
  username: string;
  password: string;
}

const PASSWORD_TEXT = '#PasswordText';

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Remembers nonces for a while so a captured request cannot be replayed. Bounded. */
export class NonceCache {
  private readonly seen = new Map<string, number>();
  constructor(
    private readonly ttlMs: number,
    private readonly max = 5000,
  ) {}

  /** true when the nonce is new (and now remembered) */
  add(nonce: string, now = Date.now()): boolean {
    for (const [k, exp] of this.seen) {
      if (exp > now && this.seen.size < this.max) break;
      this.seen.delete(k);
    }
    if (this.seen.has(nonce)) return false;
    this.seen.set(nonce, now + this.ttlMs);
    return true;
  }
}

export type WsSecurityResult = { status: 'absent' } | { status: 'ok' } | { status: 'rejected'; reason: string };

/**
 * Checks the UsernameToken in a SOAP header. `cameraNowMs` is the camera's clock (which may be off): the
 * token's Created must be within `toleranceMs` of it, as on a real camera.
 */
export function verifyWsSecurity(
  header: XmlElement | undefined,
  creds: SimCredentials,
  cameraNowMs: number,
  toleranceMs: number,
  nonces: NonceCache,
): WsSecurityResult {
  const token = findDeep(child(header, 'Security'), 'UsernameToken');
  if (!token) return { status: 'absent' };
  const username = textOf(child(token, 'Username'));
  const passwordEl = child(token, 'Password');
  const password = textOf(passwordEl);
  const nonce = textOf(child(token, 'Nonce'));
  const created = textOf(child(token, 'Created'));
  if (!safeEqual(username, creds.username)) return { status: 'rejected', reason: 'unknown user' };
  if ((passwordEl?.attrs.Type ?? '').endsWith(PASSWORD_TEXT)) {
    return safeEqual(password, creds.password) ? { status: 'ok' } : { status: 'rejected', reason: 'wrong password' };
  }
  const createdMs = Date.parse(created);
  if (!created || Number.isNaN(createdMs)) return { status: 'rejected', reason: 'missing Created' };
  if (Math.abs(createdMs - cameraNowMs) > toleranceMs) return { status: 'rejected', reason: 'Created outside the clock tolerance' };
  const expected = createHash('sha1')
    .update(Buffer.concat([Buffer.from(nonce, 'base64'), Buffer.from(created, 'utf8'), Buffer.from(creds.password, 'utf8')]))
    .digest('base64');
  if (!safeEqual(password, expected)) return { status: 'rejected', reason: 'wrong password digest' };
  if (!nonce || !nonces.add(nonce)) return { status: 'rejected', reason: 'nonce replayed' };
  return { status: 'ok' };
}

export function parseDigestHeader(value: string): Record<string, string> | null {
  const m = /^\s*Digest\s+(.*)$/is.exec(value);
  if (!m) return null;
  const out: Record<string, string> = {};
  const re = /([a-zA-Z0-9_-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]*))\s*,?/g;
  let part: RegExpExecArray | null;
  while ((part = re.exec(m[1]!)) !== null) out[part[1]!.toLowerCase()] = part[2] ?? part[3] ?? '';
  return out;
}

const md5 = (s: string) => createHash('md5').update(s).digest('hex');

/** HTTP Digest with stateless nonces (an HMAC of their issue time). */
export class DigestAuth {
  private readonly secret = randomBytes(16);
  constructor(
    readonly realm: string,
    private readonly nonceTtlMs = 300_000,
  ) {}

  private sign(ts: string): string {
    return createHmac('sha256', this.secret).update(ts).digest('hex').slice(0, 24);
  }

  challenge(): string {
    const ts = Date.now().toString(16);
    return `Digest realm="${this.realm}", qop="auth", nonce="${ts}${this.sign(ts)}", algorithm=MD5, stale=FALSE`;
  }

  verify(header: string | undefined, method: string, url: string, creds: SimCredentials): boolean {
    if (!header) return false;
    const p = parseDigestHeader(header);
    if (!p || !p.nonce || !p.response || !p.uri) return false;
    const ts = p.nonce.slice(0, -24);
    if (!ts || !safeEqual(p.nonce.slice(-24), this.sign(ts))) return false;
    if (Date.now() - parseInt(ts, 16) > this.nonceTtlMs) return false;
    if (p.algorithm && p.algorithm.toUpperCase() !== 'MD5') return false;
    if (p.uri !== url || p.realm !== this.realm || !safeEqual(p.username ?? '', creds.username)) return false;
    const ha1 = md5(`${creds.username}:${this.realm}:${creds.password}`);
    const ha2 = md5(`${method}:${p.uri}`);
    const expected = p.qop
      ? md5(`${ha1}:${p.nonce}:${p.nc ?? ''}:${p.cnonce ?? ''}:${p.qop}:${ha2}`)
      : md5(`${ha1}:${p.nonce}:${ha2}`);
    return safeEqual(p.response, expected);
  }
}
