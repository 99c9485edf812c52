// Diagnostics of one camera (GET /api/cameras/:id/health): status, last error, push viewers, reconnects, uptime
// over 24 h / 7 / 30 days and the last 24 h as intervals.
import type { CameraHealthDto, LiveStreamName, StreamMediaInfoDto, StreamName, StreamStatus, StreamStatusDto, UptimeDto, SessionUserDto } from '../contracts.ts';
import type { HealthRepo } from '../db/health-repo.ts';
import type { AlertService } from './alert-service.ts';
import { LONG_GOP_SEC, type StreamInfo } from '../media/stream-stats.ts';
import { intervals, reconnects, toIntervalDtos, uptime, type Transition } from './uptime.ts';

const HOUR = 3600_000;
const DAY = 24 * HOUR;

export interface HealthDeps {
  repo: HealthRepo;
  alerts: AlertService;
  /** the camera as the user may see it (throws 404 camera-not-found otherwise: CameraService.get) */
  camera(cameraId: string, user: SessionUserDto): {
    id: string; name: string; hasSub: boolean; status: StreamStatus; lastError: string | null;
    streams: Partial<Record<StreamName, StreamStatusDto>>;
  };
  /** what a running stream of the camera (or its transcode) is (MediaService.streamInfo); null when it is not running */
  media?: (cameraId: string, stream: LiveStreamName) => StreamInfo | null;
  now?: () => number;
}

const UNKNOWN_MEDIA: StreamMediaInfoDto = {
  codec: null, codecName: null, profile: null, width: null, height: null, fps: null, gopSec: null, gopMaxSec: null,
  longGop: false, longGopLimitSec: LONG_GOP_SEC, bitrateKbps: null, audio: null,
};

function mediaDto(info: StreamInfo | null | undefined): StreamMediaInfoDto {
  if (!info) return { ...UNKNOWN_MEDIA };
  return {
    codec: info.codec, codecName: info.codecName, profile: info.profile, width: info.width, height: info.height,
    fps: info.fps, gopSec: info.gopSec, gopMaxSec: info.gopMaxSec, longGop: info.longGop, longGopLimitSec: LONG_GOP_SEC,
    bitrateKbps: info.bitrateKbps, audio: info.audio ?? null,
  };
}

export class HealthService {
  constructor(private readonly d: HealthDeps) {}

  /** `pushViewers`: live push subscribers of the camera now (the HTTP side knows the push server); null: unknown */
  cameraHealth(cameraId: string, user: SessionUserDto, pushViewers: (cameraId: string) => number | null = () => null): CameraHealthDto {
    const cam = this.d.camera(cameraId, user);
    const now = (this.d.now ?? Date.now)();
    const rows: Transition[] = this.d.repo.statusSince(cameraId, now - 30 * DAY, now);
    const window = (ms: number) => intervals(rows, now - ms, now);
    const day = window(DAY);
    const newest = rows.at(-1);
    const lastOffline = cam.lastError ? null : this.d.repo.lastOffline(cameraId);
    const transcode = this.d.media?.(cameraId, 'transcode') ?? null;
    return {
      cameraId: cam.id,
      name: cam.name,
      status: cam.status,
      since: newest && newest.status === cam.status ? new Date(newest.at).toISOString() : null,
      streams: cam.streams,
      lastError: cam.lastError
        ? { reason: cam.lastError, at: Object.values(cam.streams).find((s) => s?.lastError)?.at ?? new Date(now).toISOString() }
        : lastOffline?.reason ? { reason: lastOffline.reason, at: new Date(lastOffline.at).toISOString() } : null,
      pushViewers: pushViewers(cameraId),
      reconnects: {
        h24: reconnects(rows, now - DAY), d7: reconnects(rows, now - 7 * DAY), d30: reconnects(rows, now - 30 * DAY),
      },
      uptime: { h24: uptime(day), d7: uptime(window(7 * DAY)), d30: uptime(window(30 * DAY)) },
      strip: { from: new Date(now - DAY).toISOString(), to: new Date(now).toISOString(), intervals: toIntervalDtos(day) },
      media: {
        main: mediaDto(this.d.media?.(cameraId, 'main')),
        sub: cam.hasSub ? mediaDto(this.d.media?.(cameraId, 'sub')) : null,
        transcode: transcode && mediaDto(transcode),
      },
      openAlerts: this.d.alerts.openCount(cameraId, user),
    };
  }

  /** Uptime of a camera over any window (for reports); no permission check: the caller decides. */
  uptimeBetween(cameraId: string, from: number, to: number): UptimeDto {
    const now = (this.d.now ?? Date.now)();
    return uptime(intervals(this.d.repo.statusSince(cameraId, from, to), from, to, Math.min(to, now)));
  }
}
