// HTTP authentication as cameras ask for it on their snapshot URIs: Digest (RFC 7616: MD5, MD5-sess, SHA-256;
// qop=auth or none) or Basic. Pure: the caller sends the request.
import { createHash, randomBytes } from 'node:crypto';

export interface DigestChallenge {
  realm: string;
  nonce: string;
  qop?: string;
  opaque?: string;
  algorithm: string;
}

/**
 * Each challenge of WWW-Authenticate on its own. Node joins repeated headers with ", ", and a camera may list
 * several in one line: a new challenge starts where a scheme name is followed by a parameter ("Basic realm=").
 */
export function challengesOf(header: string | string[] | undefined): string[] {
  return (Array.isArray(header) ? header : header ? [header] : [])
    .flatMap((v) => v.split(/,\s*(?=[A-Za-z][\w-]*\s+[\w-]+\s*=)/)).map((c) => c.trim()).filter(Boolean);
}

/** The Digest challenge of a WWW-Authenticate header, or null when it offers none we can answer. */
export function parseDigestChallenge(header: string | string[] | undefined): DigestChallenge | null {
  for (const value of challengesOf(header)) {
    const m = /^\s*Digest\s+(.*)$/is.exec(value);
    if (!m) continue;
    const p: Record<string, string> = {};
    const re = /([a-zA-Z0-9_-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]*))\s*,?/g;
    let part: RegExpExecArray | null;
    while ((part = re.exec(m[1]!)) !== null) p[part[1]!.toLowerCase()] = (part[2] ?? part[3] ?? '').replace(/\\(.)/g, '$1');
    const algorithm = (p.algorithm ?? 'MD5').toUpperCase();
    if (!p.nonce || p.realm === undefined || !['MD5', 'MD5-SESS', 'SHA-256', 'SHA-256-SESS'].includes(algorithm)) continue;
    const qops = (p.qop ?? '').split(',').map((q) => q.trim()).filter(Boolean);
    if (qops.length && !qops.includes('auth')) continue;
    return { realm: p.realm, nonce: p.nonce, opaque: p.opaque, algorithm, ...(qops.length ? { qop: 'auth' } : {}) };
  }
  return null;
}

export function offersBasic(header: string | string[] | undefined): boolean {
  return challengesOf(header).some((v) => /^Basic\b/i.test(v));
}

/** Any Digest challenge, even one we cannot answer: then Basic must not be used over plain HTTP. */
export function offersDigest(header: string | string[] | undefined): boolean {
  return challengesOf(header).some((v) => /^Digest\b/i.test(v));
}

const quote = (s: string) => `"${s.replace(/["\\]/g, '\\$&')}"`;

/** The Authorization header answering `c` for one request. */
export function digestAuthorization(
  c: DigestChallenge,
  o: { method: string; uri: string; username: string; password: string; cnonce?: string; nc?: number },
): string {
  const algo = c.algorithm.startsWith('SHA-256') ? 'sha256' : 'md5';
  const H = (s: string) => createHash(algo).update(s, 'utf8').digest('hex');
  const cnonce = o.cnonce ?? randomBytes(8).toString('hex');
  const nc = (o.nc ?? 1).toString(16).padStart(8, '0');
  let ha1 = H(`${o.username}:${c.realm}:${o.password}`);
  if (c.algorithm.endsWith('-SESS')) ha1 = H(`${ha1}:${c.nonce}:${cnonce}`);
  const ha2 = H(`${o.method}:${o.uri}`);
  const response = c.qop ? H(`${ha1}:${c.nonce}:${nc}:${cnonce}:${c.qop}:${ha2}`) : H(`${ha1}:${c.nonce}:${ha2}`);
  const fields = [
    `username=${quote(o.username)}`, `realm=${quote(c.realm)}`, `nonce=${quote(c.nonce)}`, `uri=${quote(o.uri)}`,
    `algorithm=${c.algorithm}`, `response=${quote(response)}`,
    ...(c.qop ? [`qop=${c.qop}`, `nc=${nc}`, `cnonce=${quote(cnonce)}`] : []),
    ...(c.opaque !== undefined ? [`opaque=${quote(c.opaque)}`] : []),
  ];
  return `Digest ${fields.join(', ')}`;
}

export function basicAuthorization(username: string, password: string): string {
  return `Basic ${Buffer.from(`${username}:${password}`, 'utf8').toString('base64')}`;
}
