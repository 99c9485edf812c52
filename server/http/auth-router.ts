import { Router } from 'express';
import { z } from 'zod';
import type { AuthService } from '../auth/auth-service.ts';
import type { UserDto } from '../contracts.ts';
import { requireSession, sessionOf } from './auth-middleware.ts';
import { SESSION_COOKIE, setSessionCookie } from './cookies.ts';

const loginBody = z.strictObject({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(256),
});

export interface SessionEvents {
  /** a login succeeded (written to the access log) */
  onLogin?(user: UserDto, ip: string): void;
  /** a session ended (logout): its sockets are closed */
  onLogout(sessionId: string): void;
}

export function createAuthRouter(auth: AuthService, opts: { secureCookies: boolean }, events: SessionEvents) {
  const r = Router();

  r.post('/login', async (req, res) => {
    const body = loginBody.parse(req.body);
    const { token, expiresAt, user } = await auth.login(body.username, body.password, {
      ip: req.ip ?? 'unknown',
      userAgent: req.get('user-agent') ?? null,
    });
    events.onLogin?.(user, req.ip ?? 'unknown');
    setSessionCookie(res, token, expiresAt, opts.secureCookies);
    res.json({ user });
  });

  r.post('/logout', requireSession(auth), (req, res) => {
    const { sessionId } = sessionOf(req);
    auth.logout(sessionId);
    events.onLogout(sessionId);
    res.clearCookie(SESSION_COOKIE, { path: '/' });
    res.status(204).end();
  });

  r.get('/me', requireSession(auth), (req, res) => {
    res.json({ user: sessionOf(req).user });
  });

  return r;
}
