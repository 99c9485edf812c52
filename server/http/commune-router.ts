// GET /api/commune — the commune and its police post as the printed camera notice names them; any signed-in user
// (a resident prints the notice for their gate). Mounted behind requireSession.
import { Router } from 'express';
import type { HubConfig } from '../config/schema.ts';
import type { CommuneDto } from '../contracts.ts';
import { policePostName } from '../reports/wording.ts';

export function communeDto(c: HubConfig['commune']): CommuneDto {
  return { kind: c.kind, name: c.name, policePost: policePostName(c), contact: c.contact };
}

export function createCommuneRouter(commune: HubConfig['commune']) {
  const r = Router();
  const body = { commune: communeDto(commune) };
  r.get('/', (_req, res) => {
    res.json(body);
  });
  return r;
}
