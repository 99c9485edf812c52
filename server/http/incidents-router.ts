import { Router, type Request } from 'express';
import type { IncidentService } from '../incidents/incident-service.ts';
import {
  createIncidentBody, listIncidentsQuery, noteBody, updateIncidentBody,
} from '../incidents/incident-schemas.ts';
import { requireRole, sessionOf } from './auth-middleware.ts';

const actor = (req: Request) => ({ user: sessionOf(req).user, ip: req.ip });

/** /api/incidents — admins, police and operators. Mounted behind requireSession. */
export function createIncidentsRouter(incidents: IncidentService) {
  const r = Router();
  r.use(requireRole('admin', 'police', 'operator'));

  r.get('/categories', (_req, res) => {
    res.json({ categories: incidents.categories() });
  });

  r.get('/', (req, res) => {
    res.json(incidents.list(listIncidentsQuery.parse(req.query)));
  });

  r.post('/', (req, res) => {
    res.status(201).json({ incident: incidents.create(createIncidentBody.parse(req.body), actor(req)) });
  });

  r.get('/:id', (req: Request<{ id: string }>, res) => {
    res.json({ incident: incidents.detail(Number(req.params.id), actor(req)) });
  });

  r.patch('/:id', (req: Request<{ id: string }>, res) => {
    res.json({ incident: incidents.update(Number(req.params.id), updateIncidentBody.parse(req.body), actor(req)) });
  });

  r.post('/:id/notes', (req: Request<{ id: string }>, res) => {
    res.status(201).json({ incident: incidents.addNote(Number(req.params.id), noteBody.parse(req.body).body, actor(req)) });
  });

  return r;
}
