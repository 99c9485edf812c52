import { Router } from 'express';
import { z } from 'zod';
import { parsePeriod } from '../reports/period.ts';
import { reportCsv } from '../reports/report-csv.ts';
import type { ReportService } from '../reports/report-service.ts';
import { requireRole } from './auth-middleware.ts';

const reportQuery = z.strictObject({
  from: z.string().max(40).optional().describe('first local day, YYYY-MM-DD (Asia/Ho_Chi_Minh)'),
  to: z.string().max(40).optional().describe('the day after the last, YYYY-MM-DD'),
  lang: z.enum(['vi', 'en']).default('vi').describe('CSV only: language of the labels and number format'),
});

/** /api/reports — the review report; admins, police and operators. Mounted behind requireSession. */
export function createReportsRouter(reports: ReportService) {
  const r = Router();
  r.use(requireRole('admin', 'police', 'operator'));

  r.get('/summary', (req, res) => {
    const q = reportQuery.parse(req.query);
    res.set('Cache-Control', 'no-store').json(reports.summary(parsePeriod(q.from, q.to)));
  });

  r.get('/summary.csv', (req, res) => {
    const q = reportQuery.parse(req.query);
    const report = reports.summary(parsePeriod(q.from, q.to));
    res.set({
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="bao-cao-${report.period.from}-${report.period.lastDay}.csv"`,
      'Cache-Control': 'no-store',
    }).send(reportCsv(report, q.lang));
  });

  return r;
}
