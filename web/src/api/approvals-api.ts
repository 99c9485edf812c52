// Residents' cameras waiting for an officer (/api/approvals), the officer's answer, and the names of areas.
import type { ApprovalDecision, AreaDto, CameraDto } from '../../../server/contracts.ts';
import { ApiError, type HttpClient } from './http-client.ts';

export interface ApprovalsApi {
  /** the pending cameras in the officer's areas, oldest first */
  pending(): Promise<CameraDto[]>;
  decide(cameraId: string, decision: ApprovalDecision, reason?: string): Promise<CameraDto>;
  /** the areas' names by id; empty when the hub has no areas API (the page shows ids then) */
  areaNames(): Promise<Map<number, string>>;
}

export function createApprovalsApi(http: HttpClient): ApprovalsApi {
  return {
    pending: async () => (await http.get<{ cameras: CameraDto[] }>('/api/approvals')).cameras,
    decide: async (cameraId, decision, reason) =>
      (await http.post<{ camera: CameraDto }>(`/api/cameras/${encodeURIComponent(cameraId)}/approval`, reason ? { decision, reason } : { decision })).camera,
    areaNames: async () => {
      try {
        const { areas } = await http.get<{ areas: AreaDto[] }>('/api/areas');
        return new Map(areas.map((a) => [a.id, a.name]));
      } catch (err) {
        if (err instanceof ApiError && err.status === 404) return new Map();
        throw err;
      }
    },
  };
}
