// /api/audit: the access log (admins) — a page of entries, the chain check, the CSV export's address.
import type { AuditAction, AuditPageDto, AuditVerifyDto } from '../../../server/contracts.ts';
import type { HttpClient } from './http-client.ts';

export interface AuditFilter {
  cameraId?: string;
  userId?: number;
  action?: AuditAction;
  /** ISO instants; `to` is exclusive */
  from?: string;
  to?: string;
}

export interface AuditApi {
  /** newest first; pass the previous page's nextCursor for the next one */
  list(filter: AuditFilter, cursor?: string | null): Promise<AuditPageDto>;
  verify(): Promise<AuditVerifyDto>;
  /** the CSV of every entry the filter matches (a plain GET link: the browser downloads it) */
  csvUrl(filter: AuditFilter): string;
}

export function auditQuery(filter: AuditFilter, cursor?: string | null): string {
  const q = new URLSearchParams();
  if (filter.cameraId) q.set('cameraId', filter.cameraId);
  if (filter.userId !== undefined) q.set('userId', String(filter.userId));
  if (filter.action) q.set('action', filter.action);
  if (filter.from) q.set('from', filter.from);
  if (filter.to) q.set('to', filter.to);
  if (cursor) q.set('cursor', cursor);
  const s = q.toString();
  return s ? `?${s}` : '';
}

export function createAuditApi(http: HttpClient): AuditApi {
  return {
    list: (filter, cursor) => http.get<AuditPageDto>(`/api/audit${auditQuery(filter, cursor)}`),
    verify: () => http.get<AuditVerifyDto>('/api/audit/verify'),
    csvUrl: (filter) => `/api/audit/export.csv${auditQuery(filter)}`,
  };
}
