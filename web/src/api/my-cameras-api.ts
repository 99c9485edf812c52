// A resident's own cameras: register one (place and sharing choices with it), change what is shared, read who
// watched it, rename it; and the commune's police post for the printed notice (GET /api/commune).
import type { CameraAccessEntryDto, CameraAccessLogDto, CameraDto, CommuneDto, Consent, ConsentChangeDto } from '../../../server/contracts.ts';
import type { SourceInput } from './cameras-api.ts';
import type { HttpClient } from './http-client.ts';

export interface RegisterInput {
  name?: string;
  /** where it looks, in the owner's words ("cổng nhà, nhìn ra ngõ 12") */
  place: string;
  /** each a separate choice; none is sent unless ticked */
  shares: Consent[];
  source: SourceInput;
}

/** What a change of sharing did (PUT /api/cameras/:id/consent). */
export interface ConsentResult {
  camera: CameraDto;
  /** recordings kept because they belong to an incident (the police's legal hold) */
  heldForIncidents: number;
  deletedRecordings: number;
}

export interface MyCamerasApi {
  /** POST /api/cameras: a recorder answers one camera per channel */
  register(input: RegisterInput): Promise<CameraDto[]>;
  setConsent(id: string, change: ConsentChangeDto): Promise<ConsentResult>;
  /** who watched, played back, took stills of or exported this camera, newest first */
  accessLog(id: string): Promise<CameraAccessEntryDto[]>;
  edit(id: string, patch: { name?: string; place?: string }): Promise<CameraDto>;
  commune(): Promise<CommuneDto>;
}

export function createMyCamerasApi(http: HttpClient): MyCamerasApi {
  const path = (id: string) => `/api/cameras/${encodeURIComponent(id)}`;
  return {
    async register(input) {
      const res = await http.post<{ camera?: CameraDto; cameras?: CameraDto[] }>('/api/cameras', input);
      return res.cameras ?? (res.camera ? [res.camera] : []);
    },
    setConsent: (id, change) => http.put<ConsentResult>(`${path(id)}/consent`, change),
    accessLog: async (id) => (await http.get<CameraAccessLogDto>(`${path(id)}/access-log`)).entries,
    edit: async (id, patch) => (await http.patch<{ camera: CameraDto }>(path(id), patch)).camera,
    commune: async () => (await http.get<{ commune: CommuneDto }>('/api/commune')).commune,
  };
}
