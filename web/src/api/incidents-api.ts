// /api/incidents: categories, the filtered list, one incident, flagging, edits, notes, clip and export URLs.
import type {
  IncidentCategoryDto, IncidentDetailDto, IncidentDto, IncidentPageDto, IncidentStatus,
} from '../../../server/contracts.ts';
import type { HttpClient } from './http-client.ts';

export interface CreateIncidentInput {
  cameraIds: string[];
  category: string;
  /** ISO; the server takes "now" when absent */
  occurredAt?: string;
  preRollSec?: number;
  postRollSec?: number;
  title?: string;
  note?: string;
}

export interface IncidentFilter {
  from?: string;
  to?: string;
  cameraId?: string;
  category?: string;
  status?: IncidentStatus;
  q?: string;
  limit?: number;
  cursor?: string;
}

export interface IncidentPatch {
  title?: string;
  category?: string;
  status?: IncidentStatus;
  assigneeId?: number | null;
}

export interface IncidentsApi {
  categories(): Promise<IncidentCategoryDto[]>;
  list(filter: IncidentFilter): Promise<IncidentPageDto>;
  get(id: number): Promise<IncidentDetailDto>;
  create(input: CreateIncidentInput): Promise<IncidentDto>;
  update(id: number, patch: IncidentPatch): Promise<IncidentDto>;
  addNote(id: number, body: string): Promise<IncidentDetailDto>;
  clipUrl(id: number, cameraId: string): string;
  exportUrl(id: number): string;
}

/** Query string of the set fields only. */
export function incidentQuery(filter: IncidentFilter): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(filter)) {
    if (v !== undefined && v !== '') q.set(k, String(v));
  }
  const s = q.toString();
  return s ? `?${s}` : '';
}

export function createIncidentsApi(http: HttpClient): IncidentsApi {
  const path = (id: number) => `/api/incidents/${encodeURIComponent(String(id))}`;
  return {
    categories: async () => (await http.get<{ categories: IncidentCategoryDto[] }>('/api/incidents/categories')).categories,
    list: (filter) => http.get<IncidentPageDto>(`/api/incidents${incidentQuery(filter)}`),
    get: async (id) => (await http.get<{ incident: IncidentDetailDto }>(path(id))).incident,
    create: async (input) => (await http.post<{ incident: IncidentDto }>('/api/incidents', input)).incident,
    update: async (id, patch) => (await http.patch<{ incident: IncidentDto }>(path(id), patch)).incident,
    addNote: async (id, body) => (await http.post<{ incident: IncidentDetailDto }>(`${path(id)}/notes`, { body })).incident,
    clipUrl: (id, cameraId) => `${path(id)}/clips/${encodeURIComponent(cameraId)}.mp4`,
    exportUrl: (id) => `${path(id)}/export`,
  };
}
