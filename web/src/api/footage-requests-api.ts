// /api/footage-requests: officers ask camera owners for footage of a time range; owners answer (server/requests).
import type { FootageRequestDto, FootageRequestStatus, NewFootageRequestDto } from '../../../server/contracts.ts';
import type { HttpClient } from './http-client.ts';

export interface FootageRequestsApi {
  /** residents: the requests on their cameras; officers: those in their areas and their own */
  list(status?: FootageRequestStatus): Promise<FootageRequestDto[]>;
  create(input: NewFootageRequestDto): Promise<FootageRequestDto>;
  answer(id: number, decision: 'approve' | 'decline', note?: string): Promise<FootageRequestDto>;
  withdraw(id: number): Promise<FootageRequestDto>;
}

export function createFootageRequestsApi(http: HttpClient): FootageRequestsApi {
  const path = (id: number) => `/api/footage-requests/${encodeURIComponent(String(id))}`;
  const one = async (p: Promise<{ request: FootageRequestDto }>) => (await p).request;
  return {
    list: async (status) => (await http.get<{ requests: FootageRequestDto[] }>(
      `/api/footage-requests${status ? `?status=${encodeURIComponent(status)}` : ''}`)).requests,
    create: (input) => one(http.post('/api/footage-requests', input)),
    answer: (id, decision, note) => one(http.post(`${path(id)}/answer`, note ? { decision, note } : { decision })),
    withdraw: (id) => one(http.post(`${path(id)}/withdraw`)),
  };
}
