import { Router, type Request } from 'express';
import { changePasswordBody, createUserBody, updateUserBody } from '../auth/user-schemas.ts';
import type { UserService } from '../auth/user-service.ts';
import { requireRole, sessionOf } from './auth-middleware.ts';

/** /api/users — admins manage accounts; police and operators may list active staff. Mounted behind requireSession. */
export function createUsersRouter(users: UserService) {
  const r = Router();

  r.get('/', (req, res) => {
    res.json({ users: users.list(sessionOf(req).user) });
  });

  r.post('/', requireRole('admin'), async (req, res) => {
    res.status(201).json({ user: await users.create(createUserBody.parse(req.body)) });
  });

  r.patch('/:id', requireRole('admin'), async (req: Request<{ id: string }>, res) => {
    const body = updateUserBody.parse(req.body);
    res.json({ user: await users.update(Number(req.params.id), body, sessionOf(req)) });
  });

  return r;
}

/** POST /api/auth/password — any signed-in user changes their own password. Mounted behind requireSession. */
export function createOwnPasswordRouter(users: UserService) {
  const r = Router();
  r.post('/', async (req, res) => {
    await users.changeOwnPassword(changePasswordBody.parse(req.body), sessionOf(req), req.ip ?? 'unknown');
    res.status(204).end();
  });
  return r;
}
