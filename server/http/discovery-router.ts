import { Router } from 'express';
import { scanBody, type DiscoveryService } from '../cameras/discovery-service.ts';
import type { DiscoveredDeviceDto, DiscoveryProgressDto } from '../contracts.ts';
import { requireRole, sessionOf } from './auth-middleware.ts';

export interface DiscoveryEvents {
  /** pushed to the requesting user only (room user:<id>) */
  progress(userId: number, p: DiscoveryProgressDto): void;
  device(userId: number, d: DiscoveredDeviceDto): void;
}

/** /api/discovery — admins only. Behind requireSession. */
export function createDiscoveryRouter(discovery: DiscoveryService, events: DiscoveryEvents) {
  const r = Router();

  /** { interfaces?, ranges?, ports?, timeoutMs? } → { scanId, devices, checked, total, timedOut } */
  r.post('/scan', requireRole('admin'), async (req, res) => {
    const body = scanBody.parse(req.body);
    const userId = sessionOf(req).user.id;
    const ac = new AbortController();
    res.on('close', () => {
      if (!res.writableFinished) ac.abort();
    });
    const result = await discovery.scan(body, {
      progress: (p) => events.progress(userId, p),
      device: (d) => events.device(userId, d),
      signal: ac.signal,
    });
    res.json(result);
  });

  return r;
}
