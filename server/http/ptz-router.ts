import { Router, type Request } from 'express';
import { ptzBody } from '../cameras/camera-schemas.ts';
import type { PtzService } from '../cameras/ptz-service.ts';
import { requireRole, sessionOf } from './auth-middleware.ts';

type Params = { id: string };

/** /api/cameras/:id/ptz — ONVIF cameras with PTZ; 400 ptz-not-supported for the others. Behind requireSession. */
export function createPtzRouter(ptz: PtzService) {
  const r = Router({ mergeParams: true });
  const may = requireRole('admin', 'police', 'operator');

  /** { action: 'move', pan, tilt, zoom, durationMs } | { action: 'stop' } | { action: 'goto-preset', preset } → 204 */
  r.post('/', may, async (req: Request<Params>, res) => {
    await ptz.command(req.params.id, sessionOf(req).user, ptzBody.parse(req.body));
    res.status(204).end();
  });

  r.get('/presets', may, async (req: Request<Params>, res) => {
    res.json({ presets: await ptz.presets(req.params.id, sessionOf(req).user) });
  });

  return r;
}
