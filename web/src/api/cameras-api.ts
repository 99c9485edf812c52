// /api/cameras: list, add, edit, remove.
import type { CameraDto } from '../../../server/contracts.ts';
import type { HttpClient } from './http-client.ts';

export interface RtspSourceInput {
  kind: 'rtsp';
  /** as the user typed it: an empty password means "keep the stored one" (the server decides) */
  url: string;
  subUrl?: string | null;
}

export interface CameraInput {
  name: string;
  source: RtspSourceInput;
}

export interface CamerasApi {
  list(): Promise<CameraDto[]>;
  create(input: CameraInput): Promise<CameraDto>;
  update(id: string, patch: Partial<CameraInput>): Promise<CameraDto>;
  remove(id: string): Promise<void>;
}

export function createCamerasApi(http: HttpClient): CamerasApi {
  const path = (id: string) => `/api/cameras/${encodeURIComponent(id)}`;
  return {
    list: async () => (await http.get<{ cameras: CameraDto[] }>('/api/cameras')).cameras,
    create: async (input) => (await http.post<{ camera: CameraDto }>('/api/cameras', input)).camera,
    update: async (id, patch) => (await http.patch<{ camera: CameraDto }>(path(id), patch)).camera,
    remove: (id) => http.delete(path(id)),
  };
}
