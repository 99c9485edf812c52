// Composition root: config → db → migrate → services → listen; graceful shutdown.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import { createApp } from './app.ts';
import { AuthService } from './auth/auth-service.ts';
import { LoginRateLimiter, loginLimitsFrom } from './auth/login-rate-limiter.ts';
import { PasswordHasher } from './auth/password-hash.ts';
import { UserService } from './auth/user-service.ts';
import { aggregateStatus, CameraService } from './cameras/camera-service.ts';
import { syncDemoCameras } from './cameras/demo-cameras.ts';
import { loadTls, TlsError } from './tls/tls-files.ts';
import { startDemoSimulators } from './cameras/demo-simulators.ts';
import { DiscoveryService } from './cameras/discovery-service.ts';
import { grabFrame } from './cameras/frame-grab.ts';
import { PreviewService } from './cameras/preview-service.ts';
import { PtzService } from './cameras/ptz-service.ts';
import { SnapshotService } from './cameras/snapshot-service.ts';
import { ResidentCameraService } from './cameras/resident-cameras.ts';
import { loadSecretKey, SecretBox } from './cameras/secret-box.ts';
import { ConfigError, loadConfig } from './config/load-config.ts';
import { mediaOptionsFrom } from './config/media-options.ts';
import { CamerasRepo } from './db/cameras-repo.ts';
import { migrate, openDatabase } from './db/database.ts';
import { makeDataPrivate } from './db/private-files.ts';
import { IncidentLogRepo } from './db/incident-log-repo.ts';
import { IncidentsRepo } from './db/incidents-repo.ts';
import { RecordingsRepo } from './db/recordings-repo.ts';
import { SessionsRepo } from './db/sessions-repo.ts';
import { UsersRepo } from './db/users-repo.ts';
import { AreasRepo } from './db/areas-repo.ts';
import { InvitationsRepo } from './db/invitations-repo.ts';
import { AreaService } from './areas/area-service.ts';
import { InvitationService } from './areas/invitation-service.ts';
import { WallViewsRepo } from './db/wall-views-repo.ts';
import { ReportsRepo } from './db/reports-repo.ts';
import { ReportService } from './reports/report-service.ts';
import { FootageRequestsRepo } from './db/footage-requests-repo.ts';
import { FootageRequestService } from './requests/footage-request-service.ts';
import { pushFootageRequestEvents } from './requests/push-footage-requests.ts';
import { ClipService } from './incidents/clip-service.ts';
import { IncidentService } from './incidents/incident-service.ts';
import { IngestService } from './ingest/ingest-service.ts';
import { followCamerasWithSessions } from './media/follow-cameras.ts';
import { MediaService } from './media/media-service.ts';
import type { StreamName } from './media/types.ts';
import { followCamerasWithRecorder } from './recording/follow-cameras.ts';
import { Recorder } from './recording/recorder.ts';
import { pushCameraEvents } from './realtime/camera-events.ts';
import { cameraRoomsOf } from './realtime/camera-rooms.ts';
import { repairRecordings } from './recording/repair.ts';
import { Retention } from './recording/retention.ts';
import { VodService } from './recording/vod.ts';
import { WallViewService } from './wall/wall-view-service.ts';
import { AuditService } from './audit/audit-service.ts';
import { AuditRepo } from './db/audit-repo.ts';
import { HealthRepo } from './db/health-repo.ts';
import { AlertRules } from './health/alert-rules.ts';
import { AlertService } from './health/alert-service.ts';
import { followCameraHealth } from './health/follow-status.ts';
import { HealthService } from './health/health-service.ts';
import { pushAlertEvents } from './health/push-alerts.ts';
import { StatusHistory } from './health/status-history.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const GB = 1e9;

async function main() {
  const config = loadConfig({ configDir: path.join(ROOT, 'config'), localFile: process.env.HUB_LOCAL_CONFIG });
  const logger = pino({ level: config.log.level, redact: ['*.password', '*.url', 'url'] });
  const version = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version as string;

  const dataDir = path.resolve(config.dataDir);
  const recordingsDir = path.resolve(config.recording.dir);
  process.umask(0o077); // what the hub creates (database, key, evidence, recordings) is the hub user's alone
  const loosened = makeDataPrivate(dataDir);
  if (loosened.length) logger.warn({ files: loosened.length }, 'data files were readable by others: made private');
  const { tls: tlsConfig } = config.server;
  const tls = loadTls(tlsConfig.mode === 'files' ? { mode: 'files', cert: tlsConfig.cert!, key: tlsConfig.key! }
    : tlsConfig.mode === 'self-signed' ? { mode: 'self-signed', hostnames: tlsConfig.hostnames } : { mode: 'off' }, dataDir);
  fs.mkdirSync(recordingsDir, { recursive: true });
  const db = openDatabase(path.join(dataDir, 'hub.sqlite'));
  const applied = migrate(db);
  if (applied.length) logger.info({ applied }, 'database migrated');

  // people
  const users = new UsersRepo(db);
  const sessionsRepo = new SessionsRepo(db);
  const loginLimiter = new LoginRateLimiter(loginLimitsFrom(config.auth));
  const hasher = new PasswordHasher(config.auth.hashConcurrency);
  const auth = new AuthService(users, sessionsRepo, loginLimiter, config.auth.sessionTtlHours * 3600_000, hasher,
    config.auth.sessionIdleMinutes * 60_000);
  const areasRepo = new AreasRepo(db);
  const userService = new UserService(users, sessionsRepo, loginLimiter, (ids) => areasRepo.existing(ids), hasher);
  const areas = new AreaService(areasRepo, userService);
  const invitations = new InvitationService({
    repo: new InvitationsRepo(db), users, areas, auth, hasher, limiter: new LoginRateLimiter(loginLimitsFrom(config.auth)),
  });
  const firstAdmin = await auth.ensureFirstAdmin(config.auth.adminPassword);

  // cameras and live media: the media service asks the registry for sources, the registry asks it for status
  const camerasRepo = new CamerasRepo(db);
  const demo = syncDemoCameras(camerasRepo, config.demo);
  const box = new SecretBox(loadSecretKey(dataDir, config.secrets.key));
  const mediaOptions = mediaOptionsFrom(config);
  let cameras: CameraService | undefined;
  const media = new MediaService(mediaOptions, (id: string, stream: StreamName) => cameras?.resolve(id, stream), logger);
  const ingest = new IngestService({
    enabled: config.ingest.enabled, host: config.ingest.host ?? config.server.host, port: config.ingest.port,
    publicHost: config.ingest.publicHost, publicPort: config.ingest.publicPort,
  }, () => camerasRepo.streamKeyHashes(), logger.child({ module: 'ingest' }));
  cameras = new CameraService(camerasRepo, box, media, {
    mode: config.recording.defaultMode, stream: config.recording.defaultStream, retentionDays: config.recording.retentionDays,
  }, { nvrTemplates: config.nvr.templates, onvifTimeoutMs: config.onvif.timeoutMs, ingest });
  const cameraService = cameras;
  const snapshots = new SnapshotService({
    source: (id, user) => cameraService.snapshotSource(id, user),
    grabFrame: (id) => grabFrame(media, id, { ffmpegPath: mediaOptions.ffmpegPath, timeoutMs: config.snapshots.timeoutMs + media.readyTimeoutMs }),
  }, { cacheMs: config.snapshots.cacheSec * 1000, timeoutMs: config.snapshots.timeoutMs, maxBytes: config.snapshots.maxBytes });
  const ptz = new PtzService(cameraService, { timeoutMs: config.onvif.ptzTimeoutMs }, logger);
  const discovery = new DiscoveryService(config.discovery, () => cameraService.registeredAddresses());
  const preview = new PreviewService({
    nvrTemplates: config.nvr.templates, onvifTimeoutMs: config.onvif.timeoutMs, ffmpegPath: mediaOptions.ffmpegPath,
    connectTimeoutMs: mediaOptions.connectTimeoutMs, snapshotTimeoutMs: config.snapshots.timeoutMs, snapshotMaxBytes: config.snapshots.maxBytes,
  });
  if (config.ingest.enabled && cameraService.hasPushCameras()) {
    ingest.ensureRunning().catch((err: Error) => logger.warn({ err: err.message }, 'RTMP ingest not available'));
  }
  const sims = demo && config.discovery.demoSimulators.count > 0
    ? await startDemoSimulators(config.discovery.demoSimulators, logger.child({ module: 'demo-onvif' }))
    : null;

  // recordings
  const recordingsRepo = new RecordingsRepo(db);
  repairRecordings(recordingsRepo, recordingsDir, logger);
  const retention = new Retention(recordingsRepo, {
    dir: recordingsDir,
    retentionDays: (id) => cameraService.retentionDays(id),
    maxTotalBytes: config.recording.maxTotalGB * GB,
    minFreeBytes: config.recording.minFreeGB * GB,
  }, logger);
  const recorder = new Recorder(media, recordingsRepo, retention, {
    dir: recordingsDir, segmentMs: config.recording.segmentSec * 1000,
  }, logger);
  const vod = new VodService(recordingsRepo, recordingsDir);

  // incidents and evidence
  const incidentsRepo = new IncidentsRepo(db);
  incidentsRepo.seedCategories(config.incidents.categories);
  const incidents = new IncidentService(incidentsRepo, new IncidentLogRepo(db), users, camerasRepo, {
    preRollSec: config.incidents.defaultPreRollSec, postRollSec: config.incidents.defaultPostRollSec,
  });
  const clips = new ClipService(incidentsRepo, recordingsRepo, {
    ffmpegPath: mediaOptions.ffmpegPath, recordingsDir, evidenceDir: path.join(dataDir, 'evidence'), settleMs: 1500,
  }, logger);
  incidents.on('created', () => clips.schedulePending());

  // camera health: status history, persistent alerts (server/health/README.md)
  const healthRepo = new HealthRepo(db);
  const statusHistory = new StatusHistory(healthRepo, { flapMs: config.health.flapSec * 1000 });
  statusHistory.startup(Date.now());
  const alerts = new AlertService(healthRepo, (id) => camerasRepo.get(id)?.name ?? null, Date.now, (u) => cameraService.hiddenFrom(u));
  const alertRules = new AlertRules(alerts, { offlineAlertMs: config.health.offlineAlertMinutes * 60_000 });
  const health = new HealthService({
    repo: healthRepo, alerts, camera: (id, user) => cameraService.get(id, user),
    media: (id, stream) => media.streamInfo(id, stream),
  });
  recorder.on('storage-alert', (a) => alerts.storage(a));
  incidents.on('created', (i) => alerts.incident(i));

  // review reports: counts per day and month kept by the database (migrations 010, 011), cameras as the registry sees them now
  const reports = new ReportService({
    repo: new ReportsRepo(db),
    categories: () => incidentsRepo.categories(),
    cameras: () => {
      const recording = new Set(cameraService.recordingPlan().map((p) => p.cameraId));
      return camerasRepo.list().map((c) => ({ id: c.id, name: c.name, groupName: c.groupName, recording: recording.has(c.id), areaId: c.areaId }));
    },
    areas: () => areasRepo.list(),
    commune: config.commune,
    uptime: (id, from, to) => health.uptimeBetween(id, from, to),
  });

  // the access log: one hash chain; repeated views of the same thing within 10 minutes are one entry
  const audit = new AuditService(new AuditRepo(db), { dedupWindowMs: 600_000, cameraName: (id) => camerasRepo.get(id)?.name });

  // residents' cameras: consent takes effect at once (recording stopped, footage released but for incident holds)
  const residentCameras = new ResidentCameraService({
    cameras: cameraService, repo: camerasRepo, audit,
    footage: { stopRecording: (id) => recorder.stop(id), release: (id, remove) => retention.releaseCamera(id, remove) },
    allowPrivateAddresses: config.residents.allowPrivateAddresses,
  });

  // police asking camera owners for footage; an approval cuts the clip into the incident (server/requests)
  const footageRequests = new FootageRequestService({
    repo: new FootageRequestsRepo(db), cameras: cameraService, camerasRepo, incidents, incidentsRepo, clips, audit,
  }, config.footageRequests);

  // saved wall views
  const wallViews = new WallViewService(new WallViewsRepo(db), cameraService);

  const { server, io, livePush } = createApp({
    config, logger, auth, users: userService, cameras: cameraService, media, incidents, clips, recorder, vod, version,
    ingest, snapshots, ptz, discovery, preview, wallViews, audit, health, alerts, reports, residentCameras, areas, invitations,
    footageRequests,
    webDir: path.join(ROOT, 'dist', 'web'),
    tls,
  });
  // every module that reacts to cameras follows the registry's events (camera-events.ts) on its own
  followCamerasWithSessions(media, cameraService);
  followCamerasWithRecorder(recorder, cameraService, () => cameraService.recordingPlan());
  snapshots.followCameras(cameraService);
  pushCameraEvents(io, cameraService, media, (id) => aggregateStatus(media.streamStatuses(id)), cameraRoomsOf((u) => cameraService.visibleTo(u)));
  followCameraHealth(media, cameraService, (id) => aggregateStatus(media.streamStatuses(id)), statusHistory, alertRules);
  pushAlertEvents(io, alerts, recorder);
  pushFootageRequestEvents(io, footageRequests);
  ingest.on('publish-start', (hash) => cameraService.publishChanged(hash, true));
  ingest.on('publish-end', (hash) => cameraService.publishChanged(hash, false));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.server.port, config.server.host, resolve);
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.server.port;
  const host = config.server.host === '0.0.0.0' || config.server.host === '::' ? '127.0.0.1' : config.server.host;

  recorder.apply(cameraService.recordingPlan());
  clips.schedulePending();
  // a background job that throws is logged, never the end of the hub
  const guarded = (job: string, fn: () => unknown) => () => {
    try {
      fn();
    } catch (err) {
      logger.error({ err, job }, 'background job failed');
    }
  };
  process.on('unhandledRejection', (err) => logger.error({ err }, 'unhandled rejection (a bug): the hub keeps running'));
  const housekeeping = [
    setInterval(guarded('purge-sessions', () => auth.purgeExpired()), 3600_000),
    setInterval(guarded('retention', () => retention.run()), config.recording.retentionCheckSec * 1000),
    setInterval(guarded('health-history', () => {
      statusHistory.purge(Date.now(), config.health.historyDays);
      alerts.purge(config.health.historyDays);
    }), 3600_000),
  ];
  housekeeping.forEach((t) => t.unref());

  // Printed for the person who started the hub (not a log line: the password must not end up in log files).
  console.log(`\nMắt Thần ${version} is listening on ${tls ? 'https' : 'http'}://${host}:${port}`);
  if (tls) {
    console.log(`  HTTPS: ${tls.generated ? 'chứng chỉ tự ký vừa tạo / self-signed certificate created' : 'chứng chỉ / certificate'} ${tls.certFile}`);
    console.log(`  SHA-256: ${tls.fingerprint}`);
  }
  console.log(`  dữ liệu / data: ${dataDir}`);
  if (demo) console.log('  camera demo đang bật / demo cameras are on (HUB_DEMO=off to hide them)');
  if (sims?.addresses.length) {
    const d = config.discovery.demoSimulators;
    console.log(`  camera ONVIF mô phỏng / simulated ONVIF cameras: ${sims.addresses.join(', ')}`
      + ` (user ${d.username}, password ${d.password}; ONVIF and snapshots only, no video)`);
    console.log(`    → Thêm camera › Tìm tự động / Add camera › Discover: interface "lo", range "${sims.addresses[0]}-${
      sims.addresses[0]!.replace(/\d+$/, (n) => String(Math.min(254, Number(n) + 7)))}"`);
  }
  if (firstAdmin.created) {
    console.log('  tài khoản quản trị đầu tiên / first admin: admin');
    if (firstAdmin.password) console.log(`  mật khẩu / password: ${firstAdmin.password}   (shown once — change it)`);
    else console.log('  mật khẩu / password: the one in HUB_ADMIN_PASSWORD');
  }
  console.log('');

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    housekeeping.forEach((t) => clearInterval(t));
    clips.close();
    alertRules.close();
    ptz.close();
    livePush.close();
    io.close();
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
    await recorder.close();
    await media.close();
    await ingest.close();
    await sims?.close();
    db.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((err) => {
  console.error('Mắt Thần cannot start:', err instanceof ConfigError || err instanceof TlsError ? err.message : err);
  process.exit(1);
});
