import { Router, type Request } from 'express';
import { acceptInvitationBody, createInvitationBody, invitationSecretBody } from '../areas/invitation-schemas.ts';
import type { InvitationService } from '../areas/invitation-service.ts';
import type { UserDto } from '../contracts.ts';
import { requireRole, sessionOf } from './auth-middleware.ts';
import { setSessionCookie } from './cookies.ts';

/**
 * /api/invitations/lookup and /accept — the only routes a person without a session may call besides the login:
 * the token or code is the credential, counted per address like login attempts. Mounted BEFORE requireSession.
 */
export function createPublicInvitationsRouter(invitations: InvitationService, opts: {
  secureCookies: boolean;
  /** the new resident is signed in (written to the access log as a login) */
  onLogin?(user: UserDto, ip: string): void;
}) {
  const r = Router();

  r.post('/lookup', (req, res) => {
    res.json(invitations.lookup(invitationSecretBody.parse(req.body), req.ip ?? 'unknown'));
  });

  r.post('/accept', async (req, res) => {
    const ip = req.ip ?? 'unknown';
    const { token, expiresAt, user } = await invitations.accept(acceptInvitationBody.parse(req.body), {
      ip, userAgent: req.get('user-agent') ?? null,
    });
    opts.onLogin?.(user, ip);
    setSessionCookie(res, token, expiresAt, opts.secureCookies);
    res.status(201).json({ user });
  });

  return r;
}

/** /api/invitations — staff invite residents into the areas they work in, list and revoke. Behind requireSession. */
export function createInvitationsRouter(invitations: InvitationService) {
  const r = Router();
  r.use(requireRole('admin', 'police', 'operator'));

  r.get('/', (req, res) => {
    res.json({ invitations: invitations.list(sessionOf(req).user) });
  });

  r.post('/', (req, res) => {
    res.status(201).json({ invitation: invitations.create(createInvitationBody.parse(req.body), sessionOf(req).user) });
  });

  r.delete('/:id', (req: Request<{ id: string }>, res) => {
    res.json({ invitation: invitations.revoke(Number(req.params.id), sessionOf(req).user) });
  });

  return r;
}
