// /api/cameras: list, add (RTSP, ONVIF, recorder channels, RTMP push), edit, recording settings, remove.
import type { CameraDto, PreviewDto, StreamName } from '../../../server/contracts.ts';
import type { HttpClient } from './http-client.ts';

export interface RtspSourceInput {
  kind: 'rtsp';
  /** as the user typed it: an empty password means "keep the stored one" (the server decides) */
  url: string;
  subUrl?: string | null;
}

export interface OnvifSourceInput {
  kind: 'onvif';
  host: string;
  port: number;
  username: string;
  password: string;
}

export interface NvrSourceInput {
  kind: 'nvr';
  vendor: string;
  host: string;
  port?: number;
  username: string;
  password: string;
  channels: number[];
}

export interface RtmpPushSourceInput {
  kind: 'rtmp-push';
}

export type SourceInput = RtspSourceInput | OnvifSourceInput | NvrSourceInput | RtmpPushSourceInput;

export interface CameraInput {
  name: string;
  source: RtspSourceInput;
}

export interface NewCameraInput {
  /** required for RTSP; the others have a default from the device */
  name?: string;
  source: SourceInput;
}

export interface RecordingPatch {
  mode: 'off' | 'continuous' | null;
  stream: StreamName | null;
  retentionDays: number | null;
}

/** A recorder vendor with RTSP URL templates (from the hub's config). */
export interface NvrVendor {
  id: string;
  label: string;
  aliases: string[];
  defaultPort: number;
  maxChannels: number;
}

/** What "Kiểm tra kết nối" learnt (POST /api/cameras/preview). Nothing is saved. */
export type CameraPreview = PreviewDto;

export interface CamerasApi {
  list(): Promise<CameraDto[]>;
  create(input: CameraInput): Promise<CameraDto>;
  /** any source kind; a recorder answers one camera per channel */
  add(input: NewCameraInput): Promise<CameraDto[]>;
  /** test connection with the body `add` would send: one picture and what the device says it is */
  preview(input: NewCameraInput): Promise<CameraPreview>;
  update(id: string, patch: Partial<CameraInput>): Promise<CameraDto>;
  setRecording(id: string, recording: RecordingPatch): Promise<CameraDto>;
  rotateKey(id: string): Promise<CameraDto>;
  nvrVendors(): Promise<NvrVendor[]>;
  remove(id: string): Promise<void>;
  snapshotUrl(id: string): string;
}

export function createCamerasApi(http: HttpClient): CamerasApi {
  const path = (id: string) => `/api/cameras/${encodeURIComponent(id)}`;
  const add = async (input: NewCameraInput): Promise<CameraDto[]> => {
    const res = await http.post<{ camera?: CameraDto; cameras?: CameraDto[] }>('/api/cameras', input);
    return res.cameras ?? (res.camera ? [res.camera] : []);
  };
  return {
    list: async () => (await http.get<{ cameras: CameraDto[] }>('/api/cameras')).cameras,
    create: async (input) => (await http.post<{ camera: CameraDto }>('/api/cameras', input)).camera,
    add,
    preview: async (input) => (await http.post<{ preview: CameraPreview }>('/api/cameras/preview', input)).preview,
    update: async (id, patch) => (await http.patch<{ camera: CameraDto }>(path(id), patch)).camera,
    setRecording: async (id, recording) => (await http.patch<{ camera: CameraDto }>(path(id), { recording })).camera,
    rotateKey: async (id) => (await http.post<{ camera: CameraDto }>(`${path(id)}/rotate-key`)).camera,
    nvrVendors: async () => (await http.get<{ vendors: NvrVendor[] }>('/api/cameras/nvr-vendors')).vendors,
    remove: (id) => http.delete(path(id)),
    snapshotUrl: (id) => `${path(id)}/snapshot.jpg`,
  };
}
