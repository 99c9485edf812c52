import { Router, type Request } from 'express';
import type { CameraService, DtoView } from '../cameras/camera-service.ts';
import { createCameraBody, updateCameraBody } from '../cameras/camera-service.ts';
import { listVendors, type NvrTemplates } from '../cameras/nvr-templates.ts';
import type { PreviewService } from '../cameras/preview-service.ts';
import { requireRole, sessionOf } from './auth-middleware.ts';

export interface CamerasRouterOptions {
  nvrTemplates: NvrTemplates;
  preview: PreviewService;
  /** an admin's view of cameras (RTMP publish URLs built for the host the admin reached the hub at) */
  adminView(req: Request): DtoView;
}

/** Thin: validate → service → DTO. Mounted behind requireSession. The service announces changes (camera-events.ts). */
export function createCamerasRouter(cameras: CameraService, opts: CamerasRouterOptions) {
  const r = Router();
  const admin = requireRole('admin');
  const viewOf = (req: Request): DtoView => (sessionOf(req).user.role === 'admin' ? opts.adminView(req) : {});

  r.get('/', (req, res) => {
    res.json({ cameras: cameras.list(sessionOf(req).user, viewOf(req)) });
  });

  /** the recorder vendors the hub has URL templates for (Add camera → Đầu thu) */
  r.get('/nvr-vendors', admin, (_req, res) => {
    res.json({ vendors: listVendors(opts.nvrTemplates) });
  });

  /** "test connection": the same body as POST /, nothing saved → { preview: { manufacturer, model, …, snapshot } } */
  r.post('/preview', admin, async (req, res) => {
    res.json({ preview: await opts.preview.preview(createCameraBody.parse(req.body)) });
  });

  r.get('/:id', (req: Request<{ id: string }>, res) => {
    res.json({ camera: cameras.get(req.params.id, sessionOf(req).user, viewOf(req)) });
  });

  /** 201 { camera } — or { cameras } for a recorder's channels */
  r.post('/', admin, async (req, res) => {
    const body = createCameraBody.parse(req.body);
    const created = await cameras.create(body, opts.adminView(req));
    res.status(201).json(body.source.kind === 'nvr' ? { cameras: created } : { camera: created[0] });
  });

  r.patch('/:id', admin, (req: Request<{ id: string }>, res) => {
    const { camera } = cameras.update(req.params.id, updateCameraBody.parse(req.body));
    res.json({ camera: cameras.get(camera.id, sessionOf(req).user, opts.adminView(req)) });
  });

  /** a new RTMP stream key: the old one stops working, its publisher is cut */
  r.post('/:id/rotate-key', admin, async (req: Request<{ id: string }>, res) => {
    const camera = await cameras.rotateKey(req.params.id, opts.adminView(req));
    res.json({ camera });
  });

  r.delete('/:id', admin, async (req: Request<{ id: string }>, res) => {
    await cameras.delete(req.params.id);
    res.status(204).end();
  });

  return r;
}
