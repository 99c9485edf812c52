// Types shared by the server and the web app (the web app imports them type-only): users, streams, cameras,
// discovery, PTZ and the socket.io event map here; the other areas in server/contracts/, re-exported below so
// everyone imports from this one file.
import type { IncidentDto } from './contracts/incidents.ts';
import type { AlertDto } from './contracts/health.ts';

export type * from './contracts/errors.ts';
export type * from './contracts/incidents.ts';
export type * from './contracts/wall-views.ts';
export type * from './contracts/health.ts';
export type * from './contracts/reports.ts';
export type * from './contracts/audit.ts';
export type * from './contracts/residents.ts';
export type * from './contracts/commune.ts';
import type { Approval, Consent } from './access/permissions.ts';
import type { FootageRequestDto } from './contracts/residents.ts';
import type { CameraApprovalEventDto } from './contracts/residents.ts';

export type Role = 'admin' | 'police' | 'operator' | 'resident';

export interface UserDto {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  /** a resident's home area (tổ/thôn); null for staff and for residents not yet placed */
  areaId: number | null;
  /** only in the signed-in user's own DTO: the password was generated and must be changed first */
  mustChangePassword?: boolean;
}

/**
 * The signed-in user as the hub and their own browser see them: with the areas they may act in (their limits
 * with everything under them; null = the whole commune). The permission rules (server/access/permissions.ts) take it.
 */
export interface SessionUserDto extends UserDto {
  areaScope: number[] | null;
}

/** A user as admins see it in user management (GET/POST/PATCH /api/users). Never carries a password or hash. */
export interface AdminUserDto extends UserDto {
  /** staff limited to these areas (and what is under them); empty = the whole commune */
  areaLimits: number[];
  disabled: boolean;
  createdAt: string;
  updatedAt: string;
}

export type StreamName = 'main' | 'sub';
/**
 * What live viewers (the push socket, LL-HLS `/live`) may ask for: a camera stream, or `transcode`, the camera's
 * own stream re-encoded to H.264 (≤ 640×360) by the hub for a browser that cannot decode it (server/media/transcodes.ts).
 */
export type LiveStreamName = StreamName | 'transcode';

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
  /** the area the camera is in; null when not placed yet (only unlimited staff see such a post camera) */
  areaId: number | null;
  /** where it looks, in the owner's words */
  place: string | null;
  /** null: the police post's own camera; otherwise the resident who registered it */
  owner: { id: number; displayName: string } | null;
  /** what the owner shares, each a separate choice (the post's own cameras: empty, they need none) */
  shares: Consent[];
  approval: { state: Approval; reason: string | null; at: string | null; by: string | null };
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
  /** to a camera's owner (room user:<id>): staff approved, declined or suspended it, with the reason */
  'camera:approval': (e: CameraApprovalEventDto) => void;
  'incident:created': (i: IncidentDto) => void;
  'incident:updated': (i: IncidentDto) => void;
  'clip:ready': (e: { incidentId: number; cameraId: string; sha256: string }) => void;
  /** to the camera's owner and the requester (rooms user:<id>): a footage request was made, answered, withdrawn,
   *  expired, or its clip became ready or failed */
  'footage-request:created': (r: FootageRequestDto) => void;
  'footage-request:updated': (r: FootageRequestDto) => void;
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
