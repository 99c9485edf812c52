// GET /api/diagnostics/live: the live push transport's connections, subscriptions, queues and drops.
// Mounted behind the session and role checks (admins and staff; residents never see who watches what).
import { Router } from 'express';
import type { LivePushServer } from './push-server.ts';

export function createLiveDiagnosticsRouter(push: Pick<LivePushServer, 'diagnostics'>): Router {
  const router = Router();
  router.get('/', (_req, res) => {
    res.set('Cache-Control', 'no-store').json(push.diagnostics());
  });
  return router;
}
