// Express middleware that writes an access-log entry for a request that succeeded, without touching the router
// that answers it: mounted in app.ts in front of that router, it reads the session the router's own checks put on
// the request (req.auth) once the response is over, and logs only when the answer was a success (2xx/3xx), so a
// refused or failed request leaves no entry.
import type { NextFunction, Request, Response } from 'express';
import type { AuditAction } from '../contracts.ts';
import type { AuditEvent, AuditService } from './audit-service.ts';

export interface AuditOnSuccessOptions {
  /** one entry per (user, action, camera, key) per de-duplication window; false: every request is logged */
  dedup: boolean;
  /** what to log from the matched path's params (read when the request arrives) */
  pick?(params: Record<string, string | undefined>, req: Request): Pick<AuditEvent, 'cameraId' | 'incidentId' | 'detail'> & { key?: string };
  /** only some requests of the mount point count (e.g. the first byte range of a clip) */
  when?(req: Request): boolean;
}

export function auditOnSuccess(audit: AuditService, action: AuditAction, opts: AuditOnSuccessOptions) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (opts.when && !opts.when(req)) return next();
    const picked = opts.pick?.(req.params as Record<string, string | undefined>, req) ?? {};
    const ip = req.ip ?? null;
    res.once('close', () => {
      const user = req.auth?.user;
      if (!user || !res.headersSent || res.statusCode >= 400) return;
      const { key, ...what } = picked;
      const event: AuditEvent = { user, action, ip, ...what };
      if (opts.dedup) audit.recordOnce(event, key);
      else audit.record(event);
    });
    next();
  };
}

/** The first byte range of a download (or no Range at all): a player's later range requests are the same download. */
export const firstRange = (req: Request) => !req.headers.range || /^bytes=0-/.test(req.headers.range);

/**
 * The client address of a raw HTTP request (the live push socket's upgrade), the way express computes req.ip:
 * the socket's peer, then X-Forwarded-For from the nearest hop while `trust` accepts the hop before it.
 * `trust` is express's compiled setting: `app.get('trust proxy fn')`.
 */
export function clientAddress(
  req: { socket: { remoteAddress?: string }; headers: Record<string, string | string[] | undefined> },
  trust: (addr: string, hop: number) => boolean,
): string | null {
  const peer = req.socket.remoteAddress;
  if (!peer) return null;
  const xff = req.headers['x-forwarded-for'];
  const forwarded = (Array.isArray(xff) ? xff.join(',') : xff ?? '').split(',').map((s) => s.trim()).filter(Boolean).reverse();
  const hops = [peer, ...forwarded];
  for (let i = 0; i < hops.length - 1; i++) {
    if (!trust(hops[i]!, i)) return hops[i]!;
  }
  return hops[hops.length - 1]!;
}
