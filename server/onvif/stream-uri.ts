// What a camera reports as its stream and snapshot addresses is not trusted: only rtsp/rtsps streams are
// accepted, credentials inside the URI are dropped, and the host is replaced by the one we reached the
// camera at whenever they differ (0.0.0.0, a stale DHCP address, the camera's LAN IP behind NAT, …).
import { parseCameraUrl } from '../cameras/camera-url.ts';
import { AppError } from '../errors.ts';

function urlHost(host: string): string {
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}

function sameHost(a: string, b: string): boolean {
  const norm = (h: string) => h.replace(/^\[|\]$/g, '').toLowerCase().replace(/\.$/, '');
  return norm(a) === norm(b);
}

/** Puts `connectedHost` in place of the URI's host when they differ; port, path and query are kept. */
export function rewriteHost(u: URL, connectedHost: string): URL {
  if (!sameHost(u.hostname, connectedHost)) u.hostname = urlHost(connectedHost);
  return u;
}

/** A camera-reported stream URI made usable, or AppError 502 `onvif-bad-uri`. */
export function acceptStreamUri(raw: unknown, connectedHost: string): string {
  let url: string;
  try {
    url = parseCameraUrl(raw, 'stream URI').url;
  } catch (err) {
    const why = err instanceof AppError ? err.message : 'not a valid URL';
    throw new AppError('onvif-bad-uri', `The camera reported a stream address that cannot be used: ${why}`);
  }
  const u = new URL(url);
  u.username = '';
  u.password = '';
  return rewriteHost(u, connectedHost).toString();
}

/** A camera-reported snapshot URI (http/https only), host rewritten; undefined when unusable. */
export function acceptSnapshotUri(raw: unknown, connectedHost: string): string | undefined {
  if (typeof raw !== 'string' || raw.length > 2048 || /[\u0000-\u0020\u007f-\u009f]/.test(raw)) return undefined;
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return undefined;
  }
  if ((u.protocol !== 'http:' && u.protocol !== 'https:') || !u.hostname || u.hash) return undefined;
  u.username = '';
  u.password = '';
  return rewriteHost(u, connectedHost).toString();
}
