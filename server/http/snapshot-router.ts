import { Router, type Request } from 'express';
import type { SnapshotService } from '../cameras/snapshot-service.ts';
import { sessionOf } from './auth-middleware.ts';

/** GET /api/cameras/:id/snapshot.jpg — for whoever may view the camera. Behind requireSession. */
export function createSnapshotRouter(snapshots: SnapshotService, cacheSec: number) {
  const r = Router();
  r.get('/:id/snapshot.jpg', async (req: Request<{ id: string }>, res) => {
    const jpeg = await snapshots.get(req.params.id, sessionOf(req).user);
    res.set({
      'Content-Type': 'image/jpeg',
      'Content-Length': String(jpeg.length),
      'Cache-Control': `private, max-age=${Math.max(0, Math.floor(cacheSec))}`,
    });
    res.end(jpeg);
  });
  return r;
}
