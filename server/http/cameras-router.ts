import { Router, type Request } from 'express';
import type { CameraService, DtoView } from '../cameras/camera-service.ts';
import { createCameraBody, updateCameraBody } from '../cameras/camera-service.ts';
import { listVendors, type NvrTemplates } from '../cameras/nvr-templates.ts';
import type { PreviewService } from '../cameras/preview-service.ts';
import { accessLogQuery, approvalBody, consentBody, type ResidentCameraService } from '../cameras/resident-cameras.ts';
import { requireRole, sessionOf } from './auth-middleware.ts';

export interface CamerasRouterOptions {
  nvrTemplates: NvrTemplates;
  preview: PreviewService;
  /** residents' cameras: registration, consent, approval, access log */
  residents: ResidentCameraService;
  /** the view of cameras for this request (RTMP publish URLs built for the host the user reached the hub at; the
   * registry shows a stream key only to whoever may manage the camera) */
  adminView(req: Request): DtoView;
}

/** Thin: validate → service → DTO. Mounted behind requireSession. The service announces changes (camera-events.ts). */
export function createCamerasRouter(cameras: CameraService, opts: CamerasRouterOptions) {
  const r = Router();
  // who adds cameras: admins (the post's), residents (their own)
  const adders = requireRole('admin', 'resident');
  const viewOf = (req: Request): DtoView => opts.adminView(req);
  const { residents } = opts;

  r.get('/', (req, res) => {
    res.json({ cameras: cameras.list(sessionOf(req).user, viewOf(req)) });
  });

  /** the recorder vendors the hub has URL templates for (Add camera → Đầu thu; a resident's recorder too) */
  r.get('/nvr-vendors', adders, (_req, res) => {
    res.json({ vendors: listVendors(opts.nvrTemplates) });
  });

  /** "test connection": the same body as POST /, nothing saved → { preview: { manufacturer, model, …, snapshot } } */
  r.post('/preview', async (req, res) => {
    const body = createCameraBody.parse(req.body);
    await residents.assertPreview(sessionOf(req).user, body);
    res.json({ preview: await opts.preview.preview(body) });
  });

  r.get('/:id', (req: Request<{ id: string }>, res) => {
    res.json({ camera: cameras.get(req.params.id, sessionOf(req).user, viewOf(req)) });
  });

  /** 201 { camera } — or { cameras } for a recorder's channels */
  r.post('/', async (req, res) => {
    const body = createCameraBody.parse(req.body);
    const created = await residents.register(sessionOf(req).user, body, viewOf(req));
    res.status(201).json(body.source.kind === 'nvr' ? { cameras: created } : { camera: created[0] });
  });

  r.patch('/:id', async (req: Request<{ id: string }>, res) => {
    const { camera } = await residents.update(req.params.id, sessionOf(req).user, updateCameraBody.parse(req.body));
    res.json({ camera: cameras.get(camera.id, sessionOf(req).user, viewOf(req)) });
  });

  /** a new RTMP stream key: the old one stops working, its publisher is cut */
  r.post('/:id/rotate-key', async (req: Request<{ id: string }>, res) => {
    cameras.assertRight(req.params.id, sessionOf(req).user, 'manage');
    const camera = await cameras.rotateKey(req.params.id, viewOf(req));
    res.json({ camera });
  });

  r.delete('/:id', async (req: Request<{ id: string }>, res) => {
    cameras.assertRight(req.params.id, sessionOf(req).user, 'manage');
    await cameras.delete(req.params.id);
    res.status(204).end();
  });

  /** the owner's choice, whole → { camera, heldForIncidents, deletedRecordings } */
  r.put('/:id/consent', async (req: Request<{ id: string }>, res) => {
    res.json(await residents.changeConsent(req.params.id, sessionOf(req).user, consentBody.parse(req.body), req.ip ?? null));
  });

  /** an officer's answer: approve, decline or suspend (with a reason the owner reads) → { camera } */
  r.post('/:id/approval', (req: Request<{ id: string }>, res) => {
    res.json({ camera: residents.decide(req.params.id, sessionOf(req).user, approvalBody.parse(req.body), req.ip ?? null) });
  });

  /** the owner: who else watched, played back, snapped or exported the camera → { entries, nextCursor } */
  r.get('/:id/access-log', (req: Request<{ id: string }>, res) => {
    res.json(residents.accessLog(req.params.id, sessionOf(req).user, accessLogQuery.parse(req.query)));
  });

  return r;
}

/** GET /api/approvals (officers): residents' cameras waiting for them, with what to judge → { cameras } */
export function createApprovalsRouter(residents: ResidentCameraService) {
  const r = Router();
  r.get('/', (req, res) => {
    res.json({ cameras: residents.pending(sessionOf(req).user) });
  });
  return r;
}
