import { Router, type Request } from 'express';
import {
  answerFootageRequestBody, createFootageRequestBody, listFootageRequestsQuery,
} from '../requests/footage-request-schemas.ts';
import type { FootageRequestService } from '../requests/footage-request-service.ts';
import { sessionOf } from './auth-middleware.ts';

const actor = (req: Request) => ({ user: sessionOf(req).user, ip: req.ip });

/**
 * /api/footage-requests — officers ask camera owners for footage (server/requests/README.md). Who may do what is
 * decided by the service from the permission rules; mounted behind requireSession.
 */
export function createFootageRequestsRouter(requests: FootageRequestService) {
  const r = Router();

  r.get('/', (req, res) => {
    res.json({ requests: requests.list(sessionOf(req).user, listFootageRequestsQuery.parse(req.query).status) });
  });

  r.post('/', (req, res) => {
    res.status(201).json({ request: requests.create(createFootageRequestBody.parse(req.body), actor(req)) });
  });

  r.get('/:id', (req: Request<{ id: string }>, res) => {
    res.json({ request: requests.get(Number(req.params.id), sessionOf(req).user) });
  });

  r.post('/:id/answer', (req: Request<{ id: string }>, res) => {
    res.json({ request: requests.answer(Number(req.params.id), answerFootageRequestBody.parse(req.body), actor(req)) });
  });

  r.post('/:id/withdraw', (req: Request<{ id: string }>, res) => {
    res.json({ request: requests.withdraw(Number(req.params.id), actor(req)) });
  });

  return r;
}
