import { Router, type Request } from 'express';
import { z } from 'zod';
import type { AlertService } from '../health/alert-service.ts';
import { sessionOf } from './auth-middleware.ts';
import { AppError } from '../errors.ts';

const listQuery = z.strictObject({
  state: z.enum(['open', 'all']).default('open'),
  before: z.coerce.number().int().min(1).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(100),
});

/** /api/alerts — staff only (mounted behind requireSession + requireRole); storage alerts are listed to admins. */
export function createAlertsRouter(alerts: AlertService) {
  const r = Router();

  r.get('/', (req, res) => {
    const q = listQuery.safeParse(req.query);
    if (!q.success) throw new AppError('invalid-query', 'state must be open or all; before and limit are whole numbers (limit ≤ 200).');
    res.json(alerts.list(sessionOf(req).user, { open: q.data.state === 'open', before: q.data.before, limit: q.data.limit }));
  });

  r.post('/:id/ack', (req: Request<{ id: string }>, res) => {
    const id = Number(req.params.id);
    if (!Number.isSafeInteger(id) || id < 1) throw new AppError('invalid-alert-id', 'The alert id is a positive whole number.');
    res.json({ alert: alerts.acknowledge(id, sessionOf(req).user) });
  });

  return r;
}
