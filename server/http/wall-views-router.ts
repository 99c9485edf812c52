import { Router, type Request } from 'express';
import { createWallViewBody, lastWallViewBody, updateWallViewBody } from '../wall/wall-view-schemas.ts';
import type { WallViewService } from '../wall/wall-view-service.ts';
import { sessionOf } from './auth-middleware.ts';

/** /api/wall-views — every signed-in user keeps their own views; staff may share. Mounted behind requireSession. */
export function createWallViewsRouter(views: WallViewService) {
  const r = Router();

  r.get('/', (req, res) => {
    res.json(views.list(sessionOf(req).user));
  });

  r.put('/last', (req, res) => {
    res.json(views.setLast(lastWallViewBody.parse(req.body).viewId, sessionOf(req).user));
  });

  r.post('/', (req, res) => {
    res.status(201).json({ view: views.create(createWallViewBody.parse(req.body), sessionOf(req).user) });
  });

  r.get('/:id', (req: Request<{ id: string }>, res) => {
    res.json({ view: views.get(Number(req.params.id), sessionOf(req).user) });
  });

  r.patch('/:id', (req: Request<{ id: string }>, res) => {
    res.json({ view: views.update(Number(req.params.id), updateWallViewBody.parse(req.body), sessionOf(req).user) });
  });

  r.delete('/:id', (req: Request<{ id: string }>, res) => {
    views.delete(Number(req.params.id), sessionOf(req).user);
    res.status(204).end();
  });

  return r;
}
