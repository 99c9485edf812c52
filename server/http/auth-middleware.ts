import type { NextFunction, Request, Response } from 'express';
import type { AuthedSession, AuthService } from '../auth/auth-service.ts';
import type { Role } from '../contracts.ts';
import { AppError } from './errors.ts';
import { readCookie, SESSION_COOKIE } from './cookies.ts';

declare module 'express-serve-static-core' {
  interface Request {
    auth?: AuthedSession;
  }
}

export function sessionOf(req: Request): AuthedSession {
  if (!req.auth) throw new AppError(401, 'unauthenticated', 'Please log in.');
  return req.auth;
}

/** 401 unless the request carries a valid session cookie. */
export function requireSession(auth: AuthService) {
  return (req: Request, _res: Response, next: NextFunction) => {
    const session = auth.authenticate(readCookie(req.headers.cookie, SESSION_COOKIE));
    if (!session) return next(new AppError(401, 'unauthenticated', 'Please log in.'));
    req.auth = session;
    next();
  };
}

export function requireRole(...roles: Role[]) {
  return (req: Request, _res: Response, next: NextFunction) => {
    const { user } = sessionOf(req);
    if (!roles.includes(user.role)) {
      return next(new AppError(403, 'forbidden', 'Your role does not allow this action.'));
    }
    next();
  };
}
