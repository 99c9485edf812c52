import { Router, type Request } from 'express';
import { createAreaBody, updateAreaBody } from '../areas/area-schemas.ts';
import type { AreaService } from '../areas/area-service.ts';
import { requireRole, sessionOf } from './auth-middleware.ts';

/** /api/areas — everyone signed in reads (residents: their own branch); admins shape the tree. Behind requireSession. */
export function createAreasRouter(areas: AreaService) {
  const r = Router();

  r.get('/', (req, res) => {
    res.json({ areas: areas.list(sessionOf(req).user) });
  });

  r.post('/', requireRole('admin'), (req, res) => {
    res.status(201).json({ area: areas.create(createAreaBody.parse(req.body)) });
  });

  r.patch('/:id', requireRole('admin'), (req: Request<{ id: string }>, res) => {
    res.json({ area: areas.update(Number(req.params.id), updateAreaBody.parse(req.body)) });
  });

  r.delete('/:id', requireRole('admin'), (req: Request<{ id: string }>, res) => {
    areas.delete(Number(req.params.id));
    res.status(204).end();
  });

  return r;
}
