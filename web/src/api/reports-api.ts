// /api/reports: the review report of a period (local days, `to` = the day after the last) and its CSV.
import type { ReportSummaryDto } from '../../../server/contracts.ts';
import type { HttpClient } from './http-client.ts';

export interface ReportsApi {
  summary(from: string, to: string): Promise<ReportSummaryDto>;
  /** a plain link: the browser downloads it with the session cookie */
  csvUrl(from: string, to: string, lang: 'vi' | 'en'): string;
}

export function createReportsApi(http: HttpClient): ReportsApi {
  const q = (from: string, to: string) => new URLSearchParams({ from, to }).toString();
  return {
    summary: (from, to) => http.get<ReportSummaryDto>(`/api/reports/summary?${q(from, to)}`),
    csvUrl: (from, to, lang) => `/api/reports/summary.csv?${q(from, to)}&lang=${lang}`,
  };
}
