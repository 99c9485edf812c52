import { Router, type Request } from 'express';
import type { CameraService } from '../cameras/camera-service.ts';
import { createCameraBody, updateCameraBody } from '../cameras/camera-service.ts';
import type { CameraDto } from '../contracts.ts';
import { requireRole, sessionOf } from './auth-middleware.ts';

export interface CameraEvents {
  created(c: CameraDto): void;
  updated(c: CameraDto, change: { sourceChanged: boolean; recordingChanged: boolean }): void;
  deleted(id: string): void;
}

/** Thin: validate → service → DTO. Mounted behind requireSession. */
export function createCamerasRouter(cameras: CameraService, events: CameraEvents) {
  const r = Router();
  const admin = requireRole('admin');

  r.get('/', (req, res) => {
    res.json({ cameras: cameras.list(sessionOf(req).user) });
  });

  r.get('/:id', (req: Request<{ id: string }>, res) => {
    res.json({ camera: cameras.get(req.params.id, sessionOf(req).user) });
  });

  r.post('/', admin, (req, res) => {
    const camera = cameras.create(createCameraBody.parse(req.body));
    events.created(camera);
    res.status(201).json({ camera });
  });

  r.patch('/:id', admin, (req: Request<{ id: string }>, res) => {
    const { camera, ...change } = cameras.update(req.params.id, updateCameraBody.parse(req.body));
    events.updated(camera, change);
    res.json({ camera });
  });

  r.delete('/:id', admin, (req: Request<{ id: string }>, res) => {
    cameras.delete(req.params.id);
    events.deleted(req.params.id);
    res.status(204).end();
  });

  return r;
}
