// Camera diagnostics (/api/cameras/:id/health) and alerts (/api/alerts, acknowledge).
import type { AlertDto, AlertPageDto, CameraHealthDto } from '../../../server/contracts.ts';
import type { HttpClient } from './http-client.ts';

export interface HealthApi {
  cameraHealth(cameraId: string): Promise<CameraHealthDto>;
  /** newest first; `before`: the previous page's nextBefore */
  alerts(state: 'open' | 'all', before?: number | null): Promise<AlertPageDto>;
  acknowledge(id: number): Promise<AlertDto>;
}

export function createHealthApi(http: HttpClient): HealthApi {
  return {
    cameraHealth: async (id) => (await http.get<{ health: CameraHealthDto }>(`/api/cameras/${encodeURIComponent(id)}/health`)).health,
    alerts: (state, before) => http.get<AlertPageDto>(`/api/alerts?state=${state}${before ? `&before=${before}` : ''}`),
    acknowledge: async (id) => (await http.post<{ alert: AlertDto }>(`/api/alerts/${id}/ack`)).alert,
  };
}
