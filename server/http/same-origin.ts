// Cross-site request refusal. Cookies are SameSite=Lax, which still lets another site on the same host (another
// port is "same-site") post forms to the hub and lets any site link to a GET. So:
// - a browser that says where a request comes from (`Sec-Fetch-Site`) must say `same-origin` or `none` (typed in
//   the address bar, a bookmark); `same-site` and `cross-site` are refused on every route but the static app;
// - a state-changing request (or a WebSocket handshake) that carries an `Origin` must carry ours (browsers without
//   Fetch Metadata still send Origin on cross-origin POSTs and on every WebSocket handshake).
// Requests with neither header come from programs, not from a page another site controls: they need a session
// like everything else.
import type { IncomingMessage } from 'node:http';
import type { NextFunction, Request, Response } from 'express';
import { AppError } from '../errors.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function hostOf(origin: string): string | null {
  try {
    return new URL(origin).host.toLowerCase();
  } catch {
    return null; // "null" (sandboxed frames, file:) and garbage are not ours
  }
}

/** The Origin header names this hub (same host and port as the request's Host). */
export function originIsOurs(req: IncomingMessage): boolean {
  const origin = req.headers.origin;
  const host = req.headers.host?.toLowerCase();
  return typeof origin === 'string' && !!host && hostOf(origin) === host;
}

/** Why the request is refused as cross-site, or null when it may go on. */
export function crossSiteReason(req: IncomingMessage, opts: { stateChanging: boolean }): string | null {
  const site = req.headers['sec-fetch-site'];
  if (typeof site === 'string' && site !== 'same-origin' && site !== 'none') {
    return `a request from another site (${site}) is not accepted`;
  }
  if (opts.stateChanging && req.headers.origin !== undefined && !originIsOurs(req)) {
    return 'a request from another origin is not accepted';
  }
  return null;
}

/** Express middleware: 403 `cross-site-request` for requests another site made the browser send. */
export function sameOriginOnly() {
  return (req: Request, _res: Response, next: NextFunction) => {
    const reason = crossSiteReason(req, { stateChanging: !SAFE_METHODS.has(req.method) });
    if (reason) return next(new AppError('cross-site-request', `Refused: ${reason}.`));
    next();
  };
}
