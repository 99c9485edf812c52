import { Router, type Request } from 'express';
import type { HealthService } from '../health/health-service.ts';
import { sessionOf } from './auth-middleware.ts';

/**
 * GET /api/cameras/:id/health — mounted behind requireSession; HealthService checks the camera permission.
 * `pushViewers`: live push subscribers of a camera now (LivePushServer diagnostics), null when unknown.
 */
export function createHealthRouter(health: HealthService, pushViewers: (cameraId: string) => number | null) {
  const r = Router({ mergeParams: true });
  r.get('/', (req: Request<{ id: string }>, res) => {
    res.json({ health: health.cameraHealth(req.params.id, sessionOf(req).user, pushViewers) });
  });
  return r;
}
