// Shared with the web app (type-only there; re-exported by server/contracts.ts).
// Camera health and alerts (/api/cameras/:id/health, /api/alerts, socket alert:*).
import type { StreamName, StreamStatus, StreamStatusDto, UserRefDto } from '../contracts.ts';

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
  /** the camera's audio as it sends it → as the hub keeps it ("G.711 A-law 8 kHz → AAC"); null: none (or not known yet) */
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
  /** `transcode`: the hub's H.264 transcode of the camera while one runs (server/media/transcodes.ts), else null */
  media: { main: StreamMediaInfoDto; sub: StreamMediaInfoDto | null; transcode: StreamMediaInfoDto | null };
  openAlerts: number;
}
