import type { NextFunction, Request, Response } from 'express';
import type { AuthedSession, AuthService } from '../auth/auth-service.ts';
import type { Role } from '../contracts.ts';
import { AppError } from '../errors.ts';
import { readCookie, SESSION_COOKIE } from './cookies.ts';

declare module 'express-serve-static-core' {
  interface Request {
    auth?: AuthedSession;
  }
}

export function sessionOf(req: Request): AuthedSession {
  if (!req.auth) throw new AppError('unauthenticated', 'Please log in.');
  return req.auth;
}

/** What a session whose password must be changed may still do: change it, see who it is, log out. */
const WHILE_PASSWORD_MUST_CHANGE = new Set(['/api/auth/password', '/api/auth/me', '/api/auth/logout']);

/**
 * 401 unless the request carries a valid session cookie; 403 password-change-required for anything but the
 * routes above while the user's (generated) password has not been changed.
 */
export function requireSession(auth: AuthService) {
  return (req: Request, _res: Response, next: NextFunction) => {
    const session = auth.authenticate(readCookie(req.headers.cookie, SESSION_COOKIE), { passwordChange: true });
    if (!session) return next(new AppError('unauthenticated', 'Please log in.'));
    if (session.user.mustChangePassword && !WHILE_PASSWORD_MUST_CHANGE.has(pathOf(req.originalUrl))) {
      return next(new AppError('password-change-required', 'Change the password you were given before going on.'));
    }
    req.auth = session;
    next();
  };
}

function pathOf(url: string): string {
  const p = url.split('?')[0]!;
  return p.length > 1 && p.endsWith('/') ? p.slice(0, -1) : p;
}

export function requireRole(...roles: Role[]) {
  return (req: Request, _res: Response, next: NextFunction) => {
    const { user } = sessionOf(req);
    if (!roles.includes(user.role)) {
      return next(new AppError('forbidden', 'Your role does not allow this action.'));
    }
    next();
  };
}
