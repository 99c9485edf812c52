// /api/cameras/:id/ptz: pan/tilt/zoom moves, stop, presets (ONVIF cameras with PTZ; admin, police, operator).
import type { PtzPresetDto } from '../../../server/contracts.ts';
import type { HttpClient } from './http-client.ts';

/** Speeds in −1…1: pan right > 0, tilt up > 0, zoom in > 0. */
export interface PtzVelocity {
  pan: number;
  tilt: number;
  zoom: number;
}

export type PtzCommand =
  | ({ action: 'move'; durationMs: number } & PtzVelocity)
  | { action: 'stop' }
  | { action: 'goto-preset'; preset: string };

export interface PtzApi {
  command(cameraId: string, cmd: PtzCommand): Promise<void>;
  presets(cameraId: string): Promise<PtzPresetDto[]>;
}

export function createPtzApi(http: HttpClient): PtzApi {
  const base = (id: string) => `/api/cameras/${encodeURIComponent(id)}/ptz`;
  return {
    command: (id, cmd) => http.post<void>(base(id), cmd),
    presets: async (id) => (await http.get<{ presets: PtzPresetDto[] }>(`${base(id)}/presets`)).presets,
  };
}
