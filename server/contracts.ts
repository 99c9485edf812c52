// Types shared by the server and the web app (the web app imports them type-only).
// One place for the REST DTOs and the socket.io event map.

export type Role = 'admin' | 'police' | 'operator' | 'resident';

export interface UserDto {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  /** only in the signed-in user's own DTO: the password was generated and must be changed first */
  mustChangePassword?: boolean;
}

/** A user as admins see it in user management (GET/POST/PATCH /api/users). Never carries a password or hash. */
export interface AdminUserDto extends UserDto {
  disabled: boolean;
  createdAt: string;
  updatedAt: string;
}

export type StreamName = 'main' | 'sub';

/**
 * `idle`: nobody is watching, no camera session is open (not a fault);
 * `connecting`: ffmpeg started, no media yet; `online`: media is flowing; `offline`: the last attempt failed,
 * a retry is scheduled with backoff.
 */
export type StreamStatus = 'idle' | 'connecting' | 'online' | 'offline';

export interface StreamStatusDto {
  status: StreamStatus;
  lastError: string | null;
  /** ISO time of the last change */
  at: string;
}

export type CameraSourceDto =
  | {
      kind: 'rtsp';
      /** main stream URL without any password (the user name, if any, is kept) */
      url: string;
      subUrl: string | null;
      hasPassword: boolean;
    }
  | { kind: 'demo'; pattern: string }
  | {
      kind: 'onvif';
      /** the camera's ONVIF address and port */
      host: string;
      port: number;
      username: string | null;
      /** RTSP URLs read from the camera, host rewritten to `host`, user name only */
      url: string;
      subUrl: string | null;
      hasPassword: boolean;
      manufacturer: string | null;
      model: string | null;
      ptz: boolean;
      /** the camera offers a snapshot URI (else snapshots are grabbed from the stream) */
      snapshot: boolean;
    }
  | {
      kind: 'nvr';
      /** template id from the hub's config (nvr.templates) */
      vendor: string;
      host: string;
      /** RTSP port */
      port: number;
      channel: number;
      username: string | null;
      url: string;
      subUrl: string | null;
      hasPassword: boolean;
    }
  | {
      kind: 'rtmp-push';
      /** a publisher is pushing right now */
      publishing: boolean;
      /** rtmp://<hub>:<port>/live/<secret key>: sent to admins only, never in socket events */
      publishUrl?: string;
    };

export type CameraSourceKind = CameraSourceDto['kind'];

/** Cameras added together under one device (the channels of a recorder). */
export interface CameraGroupDto {
  id: string;
  name: string;
}

export interface CameraDto {
  id: string;
  name: string;
  /** demo cameras are created by HUB_DEMO=on and labelled as such in the UI */
  demo: boolean;
  source: CameraSourceDto;
  /** the recorder the camera was added through; null otherwise */
  group: CameraGroupDto | null;
  /** pan/tilt/zoom commands are available (POST /api/cameras/:id/ptz) */
  ptz: boolean;
  hasSub: boolean;
  /** aggregate over the camera's streams: online > connecting > offline > idle */
  status: StreamStatus;
  lastError: string | null;
  streams: Partial<Record<StreamName, StreamStatusDto>>;
  recording: CameraRecordingDto;
  createdAt: string;
  updatedAt: string;
}

export interface CameraRecordingDto {
  /** effective values (the camera's own setting, or the hub's default when it has none) */
  mode: 'off' | 'continuous';
  stream: StreamName;
  retentionDays: number;
  /** the camera's own settings; null = follows the hub default */
  own: { mode: 'off' | 'continuous' | null; stream: StreamName | null; retentionDays: number | null };
}

/**
 * Every error code the hub sends (HTTP error bodies, the live push socket's `error` messages and refused upgrades):
 * one list for both sides, so the web app cannot expect a code the hub never sends. The HTTP status of each is
 * mapped in server/http/error-status.ts.
 */
export type ErrorCode =
  | 'account-locked'
  | 'address-not-allowed'
  | 'alert-not-found'
  | 'assignee-not-found'
  | 'assignee-not-staff'
  | 'bad-cursor'
  | 'bad-message'
  | 'bad-request'
  | 'bad-stream'
  | 'bad-time-range'
  | 'body-too-large'
  | 'camera-deleted'
  | 'camera-not-found'
  | 'cannot-demote-self'
  | 'clip-not-found'
  | 'clip-not-ready'
  | 'cross-origin'
  | 'cross-site-request'
  | 'current-password-wrong'
  | 'demo-camera-readonly'
  | 'forbidden'
  | 'hls-bad-request'
  | 'hls-msn-too-far'
  | 'hls-part-not-found'
  | 'hls-part-too-far'
  | 'hls-segment-not-found'
  | 'hls-wait-timeout'
  | 'incident-not-found'
  | 'ingest-disabled'
  | 'ingest-unavailable'
  | 'interface-not-found'
  | 'internal-error'
  | 'invalid-alert-id'
  | 'invalid-credentials'
  | 'invalid-json'
  | 'invalid-query'
  | 'invalid-status-transition'
  | 'last-admin'
  | 'live-push-disabled'
  | 'media-closed'
  | 'name-required'
  | 'no-recording'
  | 'not-found'
  | 'not-rtmp-push'
  | 'nvr-channel-invalid'
  | 'nvr-vendor-unknown'
  | 'occurred-in-future'
  | 'onvif-auth-failed'
  | 'onvif-bad-response'
  | 'onvif-bad-uri'
  | 'onvif-host-invalid'
  | 'onvif-no-video-codec'
  | 'onvif-no-ptz'
  | 'onvif-not-onvif'
  | 'onvif-port-invalid'
  | 'onvif-timeout'
  | 'onvif-unreachable'
  | 'password-change-required'
  | 'password-too-short'
  | 'password-too-weak'
  | 'password-unchanged'
  | 'port-invalid'
  | 'preview-not-available'
  | 'preview-stream-failed'
  | 'ptz-invalid'
  | 'ptz-not-supported'
  | 'ptz-preset-not-found'
  | 'range-invalid'
  | 'range-too-large'
  | 'recording-not-found'
  | 'report-bad-range'
  | 'scan-busy'
  | 'scan-nothing-named'
  | 'scan-timeout-too-long'
  | 'snapshot-auth-failed'
  | 'snapshot-bad-uri'
  | 'snapshot-failed'
  | 'snapshot-not-jpeg'
  | 'snapshot-timeout'
  | 'snapshot-too-large'
  | 'snapshot-unavailable'
  | 'snapshot-unreachable'
  | 'source-change-not-supported'
  | 'stream-not-running'
  | 'stream-stopped'
  | 'stream-unavailable'
  | 'too-many-attempts'
  | 'too-many-subscriptions'
  | 'unauthenticated'
  | 'unknown-category'
  | 'url-invalid'
  | 'url-scheme-not-allowed'
  | 'user-not-found'
  | 'username-invalid'
  | 'username-taken'
  | 'validation-failed'
  | 'wall-view-camera-unknown'
  | 'wall-view-duplicate-camera'
  | 'wall-view-forbidden'
  | 'wall-view-limit'
  | 'wall-view-name-required'
  | 'wall-view-name-taken'
  | 'wall-view-name-too-long'
  | 'wall-view-not-found'
  | 'wall-view-share-forbidden'
  | 'wall-view-slots-mismatch';

export interface ApiErrorBody {
  error: { code: ErrorCode; message: string; details?: unknown };
}

export interface CameraStatusEvent {
  cameraId: string;
  status: StreamStatus;
  lastError: string | null;
  streams: Partial<Record<StreamName, StreamStatusDto>>;
  at: string;
}

export interface ServerToClientEvents {
  'camera:status': (e: CameraStatusEvent) => void;
  'camera:created': (c: CameraDto) => void;
  'camera:updated': (c: CameraDto) => void;
  'camera:deleted': (e: { cameraId: string }) => void;
  'incident:created': (i: IncidentDto) => void;
  'incident:updated': (i: IncidentDto) => void;
  'clip:ready': (e: { incidentId: number; cameraId: string; sha256: string }) => void;
  'storage:alert': (e: { code: string; message: string; cameraId: string; freedBytes: number; at: string }) => void;
  /** to the user who started a scan (room user:<id>) */
  'discovery:progress': (e: DiscoveryProgressDto) => void;
  'discovery:device': (d: DiscoveredDeviceDto) => void;
  /** a new alert (camera/incident alerts: camera watchers; storage alerts: admins) */
  'alert:created': (a: AlertDto) => void;
  'alert:acknowledged': (a: AlertDto) => void;
}

// ── discovery ───────────────────────────────────────────────────────────────────────────────────────────────

export interface DiscoveredDeviceDto {
  /** the address that answered (the only one ever contacted) */
  address: string;
  port: number;
  /** the device service URL, at `address` */
  xaddr: string;
  manufacturer: string | null;
  model: string | null;
  /** WS-Discovery name scope */
  name: string | null;
  hardware: string | null;
  foundBy: Array<'ws-discovery' | 'http'>;
  /** a camera of the hub already uses this address */
  registered: boolean;
  /** the scan this device belongs to (as in the scan's answer) */
  scanId: string;
}

export interface DiscoveryProgressDto {
  scanId: string;
  /** addresses checked so far, of `total` */
  checked: number;
  total: number;
  found: number;
}

export interface DiscoveryResultDto {
  scanId: string;
  devices: DiscoveredDeviceDto[];
  checked: number;
  total: number;
  /** the time limit ended the scan before every address was checked */
  timedOut: boolean;
}

export interface PtzPresetDto {
  token: string;
  name: string;
}

// socket.io is push-only: the client sends nothing.
export type ClientToServerEvents = Record<string, never>;

// ── incidents (vụ việc) ────────────────────────────────────────────────────────────────────────────────────

export type IncidentStatus = 'new' | 'in_progress' | 'resolved' | 'closed';

export interface IncidentCategoryDto {
  id: string;
  vi: string;
  en: string;
  active: boolean;
}

export interface UserRefDto {
  id: number;
  username: string;
  displayName: string;
}

export interface IncidentClipDto {
  cameraId: string;
  cameraName: string;
  status: 'pending' | 'ready' | 'failed';
  sha256: string | null;
  bytes: number | null;
  /** ISO UTC of the first and last recorded instant in the clip */
  start: string | null;
  end: string | null;
  error: string | null;
}

export interface IncidentDto {
  id: number;
  title: string;
  category: IncidentCategoryDto;
  status: IncidentStatus;
  occurredAt: string;
  preRollSec: number;
  postRollSec: number;
  assignee: UserRefDto | null;
  createdBy: UserRefDto;
  createdAt: string;
  updatedAt: string;
  clips: IncidentClipDto[];
}

export interface IncidentNoteDto {
  id: number;
  author: UserRefDto;
  body: string;
  createdAt: string;
}

export interface IncidentChangeDto {
  id: number;
  user: UserRefDto;
  changes: { field: string; from: unknown; to: unknown }[];
  at: string;
}

export interface IncidentDetailDto extends IncidentDto {
  notes: IncidentNoteDto[];
  history: IncidentChangeDto[];
}

export interface IncidentPageDto {
  incidents: IncidentDto[];
  /** pass as `cursor` for the next page; null on the last page */
  nextCursor: string | null;
}

/** What a connection test learnt (POST /api/cameras/preview). Nothing is saved. */
export interface PreviewDto {
  manufacturer: string | null;
  model: string | null;
  /** resolutions read over ONVIF */
  main: { width: number; height: number } | null;
  sub: { width: number; height: number } | null;
  ptz: boolean;
  /** a JPEG as a data: URL, or null with the reason in snapshotError */
  snapshot: string | null;
  snapshotError: string | null;
}

// ---- WallViewDto: saved wall views (/api/wall-views) ----

/** Tiles on the wall: 1, 2×2, 3×3, 4×4, 5×5, 6×6. */
export type WallLayout = 1 | 4 | 9 | 16 | 25 | 36;

/** A named arrangement of cameras on the wall, saved on the hub for one user and optionally shared with staff. */
export interface WallViewDto {
  id: number;
  name: string;
  layout: WallLayout;
  /** one entry per tile (left to right, top to bottom): a camera id, or null for an empty slot — also for a
   *  camera since deleted or one the reader may not see */
  slots: (string | null)[];
  /** shown to every staff member (admin, police, operator) */
  shared: boolean;
  /** the reader owns it */
  mine: boolean;
  ownerId: number;
  ownerName: string;
  createdAt: string;
  updatedAt: string;
}

/** GET /api/wall-views: the reader's views, then views shared by others; and the view the wall opens on. */
export interface WallViewListDto {
  views: WallViewDto[];
  /** null: the automatic wall of all cameras */
  lastViewId: number | null;
}

// ── Health/Alert: camera health and alerts (server/health) ─────────────────────────────────────────────────

export type AlertKind = 'camera-offline' | 'camera-online' | 'storage-low' | 'recording-failed' | 'incident';
export type AlertSeverity = 'critical' | 'warning' | 'info';

/** GET /api/alerts, POST /api/alerts/:id/ack, socket `alert:created` / `alert:acknowledged`. */
export interface AlertDto {
  id: number;
  kind: AlertKind;
  severity: AlertSeverity;
  cameraId: string | null;
  /** the camera's name when the alert was raised (kept after the camera is renamed or deleted) */
  cameraName: string | null;
  incidentId: number | null;
  /** English detail from the hub (a camera's reason, a disk message); the web app words the alert itself */
  message: string;
  /** camera-offline: `since` (ISO, when the outage began); camera-online: `outageMs`; storage: `freedBytes`;
   *  incident: `title`, `category` */
  detail: Record<string, unknown> | null;
  /** camera-online: the offline alert it closed */
  relatedId: number | null;
  createdAt: string;
  /** repeats of the same open storage alert raise `count` and move `lastAt` */
  lastAt: string;
  count: number;
  /** the condition ended (camera-offline: the camera came back) */
  resolvedAt: string | null;
  acknowledged: { by: UserRefDto; at: string } | null;
}

export interface AlertPageDto {
  alerts: AlertDto[];
  /** pass as `before` for the next page; null on the last page */
  nextBefore: number | null;
}

/** Time in each state over a window, and uptime = online / (online + offline): see server/health/README.md. */
export interface UptimeDto {
  /** null: the camera was never wanted (watched or recorded) in the window */
  pct: number | null;
  onlineMs: number;
  offlineMs: number;
  connectingMs: number;
  idleMs: number;
  /** time with no record (before the first row, or the hub not running) */
  unknownMs: number;
}

export interface StatusIntervalDto {
  /** ISO */
  from: string;
  to: string;
  status: StreamStatus | 'unknown';
  /** offline: the reason at the start of the interval */
  reason: string | null;
}

/** What a running stream is, read from ffmpeg's output (server/media/stream-stats.ts); null fields: not running. */
export interface StreamMediaInfoDto {
  /** RFC 6381 codec string, e.g. avc1.64001f, hvc1.1.6.L93.B0 */
  codec: string | null;
  /** 'H.264' / 'H.265' */
  codecName: string | null;
  profile: string | null;
  width: number | null;
  height: number | null;
  fps: number | null;
  /** seconds between the last two keyframes */
  gopSec: number | null;
  /** the longest keyframe interval of the last minute, including the one in progress */
  gopMaxSec: number | null;
  /** keyframes more than `longGopLimitSec` apart: smart codec (H.265+/H.264+) or a long I-frame interval */
  longGop: boolean;
  longGopLimitSec: number;
  bitrateKbps: number | null;
  /** not read yet: video only for now */
  audio: string | null;
}

/** GET /api/cameras/:id/health */
export interface CameraHealthDto {
  cameraId: string;
  name: string;
  status: StreamStatus;
  /** ISO: when the camera entered its current status (from the history); null when never seen */
  since: string | null;
  streams: Partial<Record<StreamName, StreamStatusDto>>;
  /** the current error, else the newest offline reason in the history; English, mapped to advice by the web app */
  lastError: { reason: string; at: string } | null;
  /** live push viewers now (LL-HLS viewers are not counted); null when the live push is off */
  pushViewers: number | null;
  /** offline → online transitions */
  reconnects: { h24: number; d7: number; d30: number };
  uptime: { h24: UptimeDto; d7: UptimeDto; d30: UptimeDto };
  /** the last 24 h, oldest first, adjacent intervals of one status merged */
  strip: { from: string; to: string; intervals: StatusIntervalDto[] };
  media: { main: StreamMediaInfoDto; sub: StreamMediaInfoDto | null };
  openAlerts: number;
}

// ---- Report…Dto: the review report (sơ kết / tổng kết), /api/reports ----

/** Counted in a period and in the same period one year earlier. */
export interface ReportChangeDto {
  count: number;
  lastYear: number;
  /** count − lastYear */
  change: number;
  /** change / lastYear in %, one decimal; null when last year had none */
  changePercent: number | null;
}

/** One row of a table: a kind, a status, a camera or an area. */
export interface ReportRowDto extends ReportChangeDto {
  key: string;
  labelVi: string;
  labelEn: string;
}

export interface ReportCameraRowDto extends ReportRowDto {
  /** the recorder (DVR/NVR) group the camera is under, if any */
  groupName: string | null;
  /** the camera has been deleted since; its label is the name it had on its newest incident */
  deleted: boolean;
}

export type ReportPeriodKind = 'month' | 'quarter' | 'half' | 'months' | 'year' | 'custom';

export interface ReportPeriodDto {
  /** first local day (Asia/Ho_Chi_Minh), YYYY-MM-DD */
  from: string;
  /** the day after the last, YYYY-MM-DD */
  to: string;
  /** the last day, for people: YYYY-MM-DD */
  lastDay: string;
  days: number;
  /** the same instants in UTC (ISO), for /api/incidents?from=&to= */
  fromUtc: string;
  toUtc: string;
}

/** One bar pair of the chart: a week (counted from the period's first day) or a calendar month. */
export interface ReportSeriesBucketDto {
  from: string;
  to: string;
  labelVi: string;
  labelEn: string;
  count: number;
  lastYearFrom: string;
  lastYearTo: string;
  lastYear: number;
}

export interface ReportUptimeRowDto {
  key: string;
  label: string;
  /** % of the time wanted in the period that the camera was online */
  pct: number;
  offlineHours: number;
}

/** GET /api/reports/summary?from=YYYY-MM-DD&to=YYYY-MM-DD (staff only). */
export interface ReportSummaryDto {
  commune: { kind: 'xã' | 'phường' | 'thị trấn'; name: string; policePost: string; placeVi: string; placeEn: string };
  kind: ReportPeriodKind;
  period: ReportPeriodDto;
  lastYearPeriod: ReportPeriodDto;
  /** "tháng 11/2026", "quý IV/2026", … as they follow "Trong" / "In" */
  labelVi: string;
  labelEn: string;
  /** "BÁO CÁO SƠ KẾT TÌNH HÌNH AN NINH, TRẬT TỰ THÁNG 11/2026" */
  titleVi: string;
  titleEn: string;
  total: ReportChangeDto;
  /** every kind, configured order; kinds no longer configured appear when they have incidents */
  byCategory: ReportRowDto[];
  /** the four statuses, today's status of each incident of the period */
  byStatus: ReportRowDto[];
  /** cameras with incidents in either period, most first; an incident on two cameras counts for both */
  byCamera: ReportCameraRowDto[];
  /** by hamlet / residential group: not available until cameras belong to areas (issue 9); rows empty until then */
  areas: { available: boolean; rows: ReportRowDto[] };
  series: { unit: 'week' | 'month'; buckets: ReportSeriesBucketDto[] };
  /** the cameras registered now, and their uptime in the period from the status history (server/health) */
  cameras: {
    total: number;
    recording: number;
    notRecording: number;
    /** online / (online + offline) over the period, all cameras together (server/health's definition); null when no
     *  camera was wanted — watched or recorded — in the period, or its history is gone (kept health.historyDays) */
    uptimePercent: number | null;
    /** hours cameras were wanted but offline in the period, all cameras together */
    offlineHours: number;
    /** cameras with an uptime in the period, lowest first */
    uptime: ReportUptimeRowDto[];
  };
  sentenceVi: string;
  sentenceEn: string;
  generatedAt: string;
}

// ---- AuditDto: the access log (/api/audit), append-only and hash-chained (server/audit/README.md) ----

/** What was done. A closed list: the hub refuses to log anything else. */
export type AuditAction =
  | 'live-view-start' | 'live-view-end' | 'playback' | 'snapshot' | 'export' | 'clip-download'
  | 'consent-change' | 'footage-request' | 'request-approved' | 'request-declined' | 'login' | 'logout';

/** One entry of the access log. */
export interface AuditEntryDto {
  id: number;
  /** UTC, ISO 8601, and the same instant in milliseconds */
  at: string;
  atMs: number;
  userId: number | null;
  username: string;
  displayName: string;
  role: Role;
  action: AuditAction;
  cameraId: string | null;
  /** the camera's name when the entry was written */
  cameraName: string | null;
  incidentId: number | null;
  /** e.g. the stream watched, the span played back */
  detail: string | null;
  /** the client address as the hub saw it; not shown to residents */
  ip: string | null;
  /** SHA-256 (hex) of the previous entry; 64 zeros for the first */
  prevHash: string;
  hash: string;
}

/** GET /api/audit: newest first, keyset paging. */
export interface AuditPageDto {
  entries: AuditEntryDto[];
  /** pass as `cursor` for the next (older) page; null on the last page */
  nextCursor: string | null;
}

/** Why the chain is broken at `firstBrokenId`. */
export type AuditBreakReason =
  /** the entry's content no longer gives its hash: a field was changed (or the row was renumbered) */
  | 'hash-mismatch'
  /** the entry does not point at the entry before it: rows inserted, removed with their ids rewritten, or reordered */
  | 'chain-mismatch'
  /** ids are not consecutive: the entry with this id was deleted */
  | 'missing-entry';

/** GET /api/audit/verify */
export type AuditVerifyDto =
  | { ok: true; entries: number; /** the newest entry, to note down and compare later (a cut tail) */ head: { id: number; hash: string } | null }
  | { ok: false; entries: number; firstBrokenId: number; reason: AuditBreakReason; message: string };
