import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import path from 'node:path';
import express, { type NextFunction, type Request, type Response } from 'express';
import type { Logger } from 'pino';
import type { AuthService } from './auth/auth-service.ts';
import type { UserService } from './auth/user-service.ts';
import type { CameraService } from './cameras/camera-service.ts';
import type { DiscoveryService } from './cameras/discovery-service.ts';
import type { PreviewService } from './cameras/preview-service.ts';
import type { PtzService } from './cameras/ptz-service.ts';
import type { SnapshotService } from './cameras/snapshot-service.ts';
import type { HubConfig } from './config/schema.ts';
import { requireRole, requireSession, sessionOf } from './http/auth-middleware.ts';
import { createAuthRouter } from './http/auth-router.ts';
import { createApprovalsRouter, createCamerasRouter } from './http/cameras-router.ts';
import type { ResidentCameraService } from './cameras/resident-cameras.ts';
import { createDiscoveryRouter } from './http/discovery-router.ts';
import { createPtzRouter } from './http/ptz-router.ts';
import { createSnapshotRouter } from './http/snapshot-router.ts';
import { createOwnPasswordRouter, createUsersRouter } from './http/users-router.ts';
import { createWallViewsRouter } from './http/wall-views-router.ts';
import type { WallViewService } from './wall/wall-view-service.ts';
import type { IngestService } from './ingest/ingest-service.ts';
import { createIncidentsRouter } from './http/incidents-router.ts';
import type { ClipService } from './incidents/clip-service.ts';
import type { IncidentService } from './incidents/incident-service.ts';
import { createReportsRouter } from './http/reports-router.ts';
import { createCommuneRouter } from './http/commune-router.ts';
import { createFootageRequestsRouter } from './http/footage-requests-router.ts';
import type { FootageRequestService } from './requests/footage-request-service.ts';
import type { ReportService } from './reports/report-service.ts';
import { createRecordingsRouter, createVodRouter } from './http/recordings-router.ts';
import type { Recorder } from './recording/recorder.ts';
import { createAlertsRouter } from './http/alerts-router.ts';
import { createHealthRouter } from './http/health-router.ts';
import type { AlertService } from './health/alert-service.ts';
import type { HealthService } from './health/health-service.ts';
import type { VodService } from './recording/vod.ts';
import { errorMiddleware } from './http/error-middleware.ts';
import { sameOriginOnly } from './http/same-origin.ts';
import { AppError } from './errors.ts';
import { createLiveRouter } from './http/live-router.ts';
import type { MediaService } from './media/media-service.ts';
import { attachRealtime } from './realtime/realtime.ts';
import type { IncidentDto } from './contracts.ts';
import type { CameraRight } from './access/permissions.ts';
import { cameraRoomsOf, incidentRooms } from './realtime/camera-rooms.ts';
import { livePushOptionsFrom } from './config/media-options.ts';
import { createLiveDiagnosticsRouter } from './live-push/diagnostics-router.ts';
import { LivePushServer } from './live-push/push-server.ts';
import { auditOnSuccess, clientAddress, firstRange } from './audit/audit-http.ts';
import { livePushViewAudit } from './audit/live-push-audit.ts';
import type { AuditService } from './audit/audit-service.ts';
import { createAuditRouter } from './http/audit-router.ts';
import type { AreaService } from './areas/area-service.ts';
import type { InvitationService } from './areas/invitation-service.ts';
import { createAreasRouter } from './http/areas-router.ts';
import { createInvitationsRouter, createPublicInvitationsRouter } from './http/invitations-router.ts';

export interface AppDeps {
  config: HubConfig;
  logger: Logger;
  auth: AuthService;
  users: UserService;
  cameras: CameraService;
  /** residents' cameras: registration, consent, approval (server/cameras/resident-cameras.ts) */
  residentCameras: ResidentCameraService;
  media: MediaService;
  incidents: IncidentService;
  clips: ClipService;
  /** police asking camera owners for footage (server/requests) */
  footageRequests: FootageRequestService;
  recorder: Recorder;
  vod: VodService;
  ingest: IngestService;
  snapshots: SnapshotService;
  ptz: PtzService;
  discovery: DiscoveryService;
  preview: PreviewService;
  wallViews: WallViewService;
  /** camera diagnostics and alerts (server/health) */
  health: HealthService;
  alerts: AlertService;
  /** the access log (server/audit) */
  audit: AuditService;
  reports: ReportService;
  /** the commune's areas and residents' invitations (server/areas) */
  areas: AreaService;
  invitations: InvitationService;
  /** HTTPS certificate and key (server.tls); null/absent = plain HTTP */
  tls?: { cert: Buffer; key: Buffer } | null;
  /** built web app (dist/web); served with an SPA fallback when present */
  webDir: string;
  version: string;
}

const SECURITY_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'same-origin',
  'Content-Security-Policy': [
    "default-src 'self'", "img-src 'self' data: blob:", "media-src 'self' blob:", "worker-src 'self' blob:",
    "style-src 'self' 'unsafe-inline'", "connect-src 'self' ws: wss:", "frame-ancestors 'none'", "object-src 'none'",
  ].join('; '),
};

/** Builds the HTTP server, express app and socket.io. Never listens by itself (main.ts and tests do). */
export function createApp(deps: AppDeps) {
  const { config, logger, auth, cameras, media } = deps;
  const app = express();
  const server: http.Server = deps.tls ? https.createServer({ cert: deps.tls.cert, key: deps.tls.key }, app) : http.createServer(app);
  const realtime = attachRealtime(server, auth, logger, cameraRoomsOf((u) => cameras.visibleTo(u)));
  const { io } = realtime;
  // live video over one WebSocket per tab (/ws/live): the same permission as /live on every subscription
  const livePush = new LivePushServer(livePushOptionsFrom(config), {
    auth, media, logger, assertViewable: (id, user) => cameras.assertViewable(id, user),
    clientIp: (req) => clientAddress(req, app.get('trust proxy fn')),
    onViewStart: livePushViewAudit(deps.audit),
  });
  livePush.attach(server);
  cameras.on('removed', (id) => livePush.cameraRemoved(id));
  cameras.on('changed', (c) => {
    livePush.permissionsChanged();
    if (c.sourceChanged) livePush.cameraChanged(c.camera.id);
  });

  app.disable('x-powered-by');
  app.set('trust proxy', config.server.trustProxy);
  app.use((_req, res, next) => {
    res.set(SECURITY_HEADERS);
    next();
  });
  app.use(['/api', '/live', '/vod'], sameOriginOnly());
  app.use(express.json({ limit: '100kb' }));

  app.get('/api/health', (_req, res) => {
    res.json({ status: 'ok', version: deps.version });
  });
  // access log: each entry written once the request succeeded (server/audit/audit-http.ts)
  const { audit } = deps;
  app.use('/api/auth/logout', auditOnSuccess(audit, 'logout', { dedup: false }));
  app.use('/api/auth', createAuthRouter(auth, { secureCookies: config.auth.secureCookies || !!deps.tls }, {
    onLogin: (user, ip) => audit.record({ user, action: 'login', ip }),
    onLogout: (sessionId) => {
      realtime.closeSession(sessionId);
      livePush.closeSession(sessionId);
    },
  }));

  const session = requireSession(auth);
  app.use('/api/auth/password', session, createOwnPasswordRouter(deps.users));
  app.use('/api/users', session, createUsersRouter(deps.users));
  app.use('/api/areas', session, createAreasRouter(deps.areas));
  // who vouched for whom: an invitation made or revoked is in the access log (accepting it is a login)
  app.use('/api/invitations', auditOnSuccess(audit, 'invitation-created', {
    dedup: false, when: (req) => req.method === 'POST' && req.path === '/',
    pick: (_p, req) => ({ detail: invitationDetail(req.body) }),
  }));
  app.use('/api/invitations/:id', auditOnSuccess(audit, 'invitation-revoked', {
    dedup: false, when: (req) => req.method === 'DELETE', pick: (p) => ({ detail: `#${String(p.id).slice(0, 20)}` }),
  }));
  // lookup and accept need no session (the invitation is the credential): mounted before the session check
  app.use('/api/invitations', createPublicInvitationsRouter(deps.invitations, {
    secureCookies: config.auth.secureCookies || !!deps.tls, onLogin: (user, ip) => audit.record({ user, action: 'login', ip }),
  }), session, createInvitationsRouter(deps.invitations));
  deps.users.on('sessions-ended', (e) => {
    realtime.closeUser(e.userId, e.keepSessionId);
    livePush.closeUser(e.userId, e.keepSessionId);
  });
  app.use('/api/cameras/:id/snapshot.jpg', auditOnSuccess(audit, 'snapshot', { dedup: true, pick: (p) => ({ cameraId: p.id }) }));
  app.use('/api/cameras', session, createCamerasRouter(cameras, {
    nvrTemplates: config.nvr.templates,
    preview: deps.preview,
    residents: deps.residentCameras,
    adminView: (req) => ({ publishBase: deps.ingest.enabled ? deps.ingest.publishBase(req.hostname) : null }),
  }), createSnapshotRouter(deps.snapshots, config.snapshots.cacheSec), express.Router().use('/:id/ptz', createPtzRouter(deps.ptz)));
  app.use('/api/approvals', session, createApprovalsRouter(deps.residentCameras));
  deps.residentCameras.on('decided', ({ ownerId, ...e }) => io.to(`user:${ownerId}`).emit('camera:approval', e));
  app.use('/api/discovery', session, createDiscoveryRouter(deps.discovery, {
    progress: (userId, p) => io.to(`user:${userId}`).emit('discovery:progress', p),
    device: (userId, d) => io.to(`user:${userId}`).emit('discovery:device', d),
  }));
  // every media path asks the permission rules (server/access/permissions.ts) for the right it needs
  const holds = (right: CameraRight) => (req: Request<{ cameraId?: string; id?: string }>, _res: Response, next: NextFunction) => {
    cameras.assertRight(req.params.cameraId ?? req.params.id ?? '', sessionOf(req).user, right);
    next();
  };
  app.use('/api/cameras/:id/recordings', session, holds('recordings'), createRecordingsRouter(deps.vod));
  app.use('/api/wall-views', session, createWallViewsRouter(deps.wallViews));
  app.use('/api/incidents/:id/export', auditOnSuccess(audit, 'export', {
    dedup: false, when: (req) => req.method === 'POST', pick: (p) => ({ incidentId: Number(p.id) }),
  }));
  app.use('/api/incidents/:id/clips/:cameraId.mp4', auditOnSuccess(audit, 'clip-download', {
    dedup: true, when: firstRange, pick: (p) => ({ incidentId: Number(p.id), cameraId: p.cameraId }),
  }));
  app.use('/api/incidents', session, createIncidentsRouter(deps.incidents, deps.clips, deps.version));
  app.use('/api/footage-requests', session, createFootageRequestsRouter(deps.footageRequests));
  app.use('/api/reports', session, createReportsRouter(deps.reports));
  app.use('/api/commune', session, createCommuneRouter(config.commune));
  // an incident's events reach the staff of its cameras and the staff of the whole commune (camera-rooms.ts)
  const toIncident = (i: IncidentDto) => io.to(incidentRooms(i.clips.map((c) => c.cameraId)));
  deps.incidents.on('created', (i) => toIncident(i).emit('incident:created', i));
  deps.incidents.on('updated', (i) => toIncident(i).emit('incident:updated', i));
  deps.clips.on('ready', (e) => {
    const i = deps.incidents.get(e.incidentId);
    toIncident(i).emit('clip:ready', e);
    toIncident(i).emit('incident:updated', i);
  });
  deps.clips.on('failed', (e) => {
    const i = deps.incidents.get(e.incidentId);
    toIncident(i).emit('incident:updated', i);
  });
  // camera health and persistent alerts (server/health); storage alerts are stored there and pushed by main.ts
  app.use('/api/cameras/:id/health', session, createHealthRouter(deps.health, (id) => {
    const d = livePush.diagnostics();
    return d.enabled ? d.streams.filter((s) => s.cameraId === id).reduce((n, s) => n + s.subscribers, 0) : null;
  }));
  app.use('/api/alerts', session, requireRole('admin', 'police', 'operator'), createAlertsRouter(deps.alerts));
  app.use('/api/audit', session, createAuditRouter(audit));
  app.use('/api/diagnostics/live', session, requireRole('admin', 'police', 'operator'), createLiveDiagnosticsRouter(livePush));
  app.use('/api', (req) => {
    throw new AppError('not-found', `No API route ${req.method} ${req.path}.`);
  });

  app.use('/live/:cameraId', session, holds('live'));
  // LL-HLS: the first playlist of a (user, camera, stream) in 10 minutes is a live view; HTTP gives no reliable end
  app.use('/live/:cameraId/:stream/index.m3u8', auditOnSuccess(audit, 'live-view-start', {
    dedup: true, pick: (p) => ({ cameraId: p.cameraId, detail: `hls ${p.stream}`, key: p.stream }),
  }));
  app.use('/live', createLiveRouter(media));
  app.use('/vod/:cameraId', session, holds('recordings'));
  app.use('/vod/:cameraId/index.m3u8', auditOnSuccess(audit, 'playback', {
    dedup: true, pick: (p, req) => ({ cameraId: p.cameraId, detail: spanOf(req.query) }),
  }));
  app.use('/vod', createVodRouter(deps.vod));
  app.use(['/live', '/vod'], (req) => {
    throw new AppError('not-found', `No media at ${req.method} ${req.originalUrl.split('?')[0]}.`);
  });

  // the source maps show the app's source: only to people with a session
  app.get(/\.map$/, session);
  serveWeb(app, deps.webDir, logger);
  app.use(errorMiddleware(logger));
  return { app, server, io, livePush };
}

/** whom an invitation is for and where, as written in the access log */
function invitationDetail(body: unknown): string | null {
  const b = body as { displayName?: unknown; areaId?: unknown } | undefined;
  return typeof b?.displayName === 'string' ? `${b.displayName.slice(0, 80)} → area ${Number(b.areaId)}` : null;
}

/** the span a VOD playlist asked for, as written in the access log */
function spanOf(q: Request['query']): string | null {
  return typeof q.from === 'string' && typeof q.to === 'string' ? `${q.from.slice(0, 40)} → ${q.to.slice(0, 40)}` : null;
}

function serveWeb(app: express.Express, webDir: string, logger: Logger) {
  const index = path.join(webDir, 'index.html');
  if (!fs.existsSync(index)) {
    logger.warn({ webDir }, 'web app not built: only the API is served (run npm run build:web)');
    return;
  }
  app.use(express.static(webDir, { index: false, maxAge: '1h' }));
  // SPA fallback: any other GET that wants HTML gets the app shell, which shows the login page when needed.
  app.get(/^\/(?!api\/|live\/|vod\/|socket\.io\/).*/, (req, res, next) => {
    if (!req.accepts('html')) return next();
    res.set('Cache-Control', 'no-cache').sendFile(index);
  });
}
