import { AppError } from '../errors.ts';

export interface ParsedCameraUrl {
  /** the URL with the password removed (user name kept) */
  url: string;
  /** percent-encoded as typed, or null */
  password: string | null;
  username: string;
}

const ALLOWED = new Set(['rtsp:', 'rtsps:']);

/**
 * Checks a camera URL typed by a person (or reported by a device). Only rtsp:/rtsps: may ever reach ffmpeg:
 * anything else (file:, concat:, subfile:, pipe:, http:, …), control characters, spaces, or a leading "-"
 * (which ffmpeg would read as an option) is refused with a stable code.
 */
export function parseCameraUrl(raw: unknown, field = 'url'): ParsedCameraUrl {
  if (typeof raw !== 'string' || raw.length === 0) throw new AppError('url-invalid', `${field}: a URL is required.`);
  if (raw.length > 2048) throw new AppError('url-invalid', `${field}: the URL is too long (2048 characters at most).`);
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0020\u007f-\u009f]/.test(raw)) {
    throw new AppError('url-invalid', `${field}: the URL must not contain spaces, line breaks or control characters.`);
  }
  if (raw.startsWith('-')) throw new AppError('url-invalid', `${field}: the URL must not start with "-".`);
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(raw)?.[1]?.toLowerCase();
  if (!scheme || !ALLOWED.has(`${scheme}:`)) {
    throw new AppError('url-scheme-not-allowed',
      `${field}: only rtsp:// and rtsps:// camera URLs are accepted${scheme ? ` (got "${scheme}:")` : ''}.`);
  }
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    throw new AppError('url-invalid', `${field}: this is not a valid URL.`);
  }
  if (!u.hostname || !raw.slice(scheme.length + 1).startsWith('//')) {
    throw new AppError('url-invalid', `${field}: the URL needs a camera address, e.g. rtsp://192.168.1.64:554/stream.`);
  }
  if (u.hash) throw new AppError('url-invalid', `${field}: the URL must not contain "#".`);
  const password = u.password || null;
  u.password = '';
  return { url: u.toString(), password, username: u.username };
}

/** The stored URL with its password put back, for ffmpeg only. */
export function withPassword(url: string, password: string | null): string {
  if (!password) return url;
  const u = new URL(url);
  u.password = password;
  return u.toString();
}
