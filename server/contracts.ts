// Types shared by the server and the web app (the web app imports them type-only).
// One place for the REST DTOs and the socket.io event map.

export type Role = 'admin' | 'police' | 'operator' | 'resident';

export interface UserDto {
  id: number;
  username: string;
  displayName: string;
  role: Role;
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
  | { kind: 'demo'; pattern: string };

export interface CameraDto {
  id: string;
  name: string;
  /** demo cameras are created by HUB_DEMO=on and labelled as such in the UI */
  demo: boolean;
  source: CameraSourceDto;
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

export interface ApiErrorBody {
  error: { code: string; message: string; details?: unknown };
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
