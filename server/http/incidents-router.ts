import fs from 'node:fs';
import { pipeline } from 'node:stream';
import { Router, type Request } from 'express';
import type { ClipService } from '../incidents/clip-service.ts';
import { evidenceZip } from '../incidents/evidence-export.ts';
import type { IncidentService } from '../incidents/incident-service.ts';
import {
  createIncidentBody, listIncidentsQuery, noteBody, updateIncidentBody,
} from '../incidents/incident-schemas.ts';
import { requireRole, sessionOf } from './auth-middleware.ts';
import { AppError } from '../errors.ts';

const actor = (req: Request) => ({ user: sessionOf(req).user, ip: req.ip });

/** /api/incidents — admins, police and operators. Mounted behind requireSession. */
export function createIncidentsRouter(incidents: IncidentService, clips: ClipService, hubVersion: string) {
  const r = Router();
  r.use(requireRole('admin', 'police', 'operator'));

  r.get('/categories', (_req, res) => {
    res.json({ categories: incidents.categories() });
  });

  r.get('/', (req, res) => {
    res.json(incidents.list(listIncidentsQuery.parse(req.query), sessionOf(req).user));
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

  /** A clip, with range requests; the camera must be one of the incident's (so no path comes from the URL). */
  r.get('/:id/clips/:cameraId.mp4', (req: Request<{ id: string; cameraId: string }>, res, next) => {
    const incident = incidents.get(Number(req.params.id), sessionOf(req).user);
    const clip = incident.clips.find((c) => c.cameraId === req.params.cameraId);
    if (!clip) throw new AppError('clip-not-found', 'This incident has no clip for that camera.');
    if (clip.status !== 'ready') {
      throw new AppError('clip-not-ready', clip.status === 'failed' ? clip.error ?? 'The clip failed.' : 'The clip is still being prepared.');
    }
    if (!req.headers.range || /^bytes=0-/.test(req.headers.range)) {
      incidents.custody(incident.id, actor(req), 'clip-download', clip.cameraId);
    }
    res.set('Content-Disposition', `inline; filename="incident-${incident.id}-${clip.cameraId}.mp4"`);
    res.sendFile(clips.clipPath(incident.id, clip.cameraId), { acceptRanges: true, cacheControl: false }, (err) => {
      if (err && !res.headersSent) next(err);
    });
  });

  /**
   * The evidence zip. Exporting is itself written to the custody log before the log is packed. A POST, never a GET:
   * a link or an <img> on another page must not be able to write the custody log.
   */
  r.post('/:id/export', (req: Request<{ id: string }>, res, next) => {
    const incident = incidents.get(Number(req.params.id), sessionOf(req).user);
    const a = actor(req);
    incidents.custody(incident.id, a, 'export');
    const clipFiles = new Map(incident.clips.filter((c) => c.status === 'ready')
      .map((c) => [c.cameraId, clips.clipPath(incident.id, c.cameraId)] as const)
      .filter(([, f]) => fs.existsSync(f)));
    const zip = evidenceZip({
      incident, clipFiles, custody: incidents.custodyLog(incident.id), hubVersion,
      exportedBy: { username: a.user.username, displayName: a.user.displayName }, exportedAt: new Date(),
    });
    res.set({
      'Content-Type': 'application/zip',
      'Content-Disposition': `attachment; filename="vu-viec-${incident.id}.zip"`,
      'X-Manifest-SHA256': zip.manifestSha256,
    });
    // a clip unreadable mid-zip ends this download (logged by the error middleware), never the hub
    pipeline(zip.stream, res, (err) => {
      if (err) next(err);
    });
  });

  return r;
}
