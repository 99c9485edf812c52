import { describe, expect, it } from 'vitest';
import type { ReportSummaryDto } from '../../../server/contracts.ts';
import { CSV_BOM, csvText, reportCsv } from '../../../server/reports/report-csv.ts';

describe('CSV cells', () => {
  it('leaves plain text alone and quotes separators, quotes, line breaks and edge spaces', () => {
    expect(csvText('Cổng chợ', ';')).toBe('Cổng chợ');
    expect(csvText('Ngõ 5; nhà văn hóa', ';')).toBe('"Ngõ 5; nhà văn hóa"');
    expect(csvText('Ngõ 5, nhà văn hóa', ';')).toBe('Ngõ 5, nhà văn hóa');
    expect(csvText('Ngõ 5, nhà văn hóa', ',')).toBe('"Ngõ 5, nhà văn hóa"');
    expect(csvText('camera "số 1"', ';')).toBe('"camera ""số 1"""');
    expect(csvText('dòng 1\ndòng 2', ';')).toBe('"dòng 1\ndòng 2"');
    expect(csvText(' lề ', ';')).toBe('" lề "');
  });

  it('defuses what a spreadsheet would run as a formula', () => {
    expect(csvText('=HYPERLINK("http://x")', ';')).toBe('"\'=HYPERLINK(""http://x"")"');
    expect(csvText('+1', ';')).toBe("'+1");
    expect(csvText('-1', ';')).toBe("'-1");
    expect(csvText('@cmd', ';')).toBe("'@cmd");
  });
});

const REPORT: ReportSummaryDto = {
  commune: { kind: 'xã', name: 'Tân Lập', policePost: 'Công an xã Tân Lập', placeVi: 'xã Tân Lập', placeEn: 'Tân Lập commune' },
  kind: 'month',
  period: { from: '2026-11-01', to: '2026-12-01', lastDay: '2026-11-30', days: 30, fromUtc: '2026-10-31T17:00:00.000Z', toUtc: '2026-11-30T17:00:00.000Z' },
  lastYearPeriod: { from: '2025-11-01', to: '2025-12-01', lastDay: '2025-11-30', days: 30, fromUtc: '2025-10-31T17:00:00.000Z', toUtc: '2025-11-30T17:00:00.000Z' },
  labelVi: 'tháng 11/2026', labelEn: 'November 2026',
  titleVi: 'BÁO CÁO SƠ KẾT TÌNH HÌNH AN NINH, TRẬT TỰ THÁNG 11/2026', titleEn: 'Interim report on security and order: November 2026',
  total: { count: 1234, lastYear: 1500, change: -266, changePercent: -17.7 },
  byCategory: [{ key: 'theft', labelVi: 'Trộm cắp', labelEn: 'Theft', count: 1234, lastYear: 1500, change: -266, changePercent: -17.7 }],
  byStatus: [{ key: 'new', labelVi: 'Mới', labelEn: 'New', count: 1234, lastYear: 1500, change: -266, changePercent: -17.7 }],
  byCamera: [{ key: 'c1', labelVi: '=Cổng; chợ', labelEn: '=Cổng; chợ', groupName: null, deleted: false, count: 3, lastYear: 0, change: 3, changePercent: null }],
  areas: { available: false, rows: [] },
  series: { unit: 'week', buckets: [{ from: '2026-11-01', to: '2026-11-08', labelVi: '01/11–07/11', labelEn: '01/11–07/11', count: 3, lastYear: 2, lastYearFrom: '2025-11-01', lastYearTo: '2025-11-08' }] },
  cameras: { total: 2, recording: 1, notRecording: 1, uptimePercent: 97.5, offlineHours: 1.5, uptime: [{ key: 'c1', label: 'Cổng chợ', pct: 97.5, offlineHours: 1.5 }] },
  sentenceVi: 'Trong tháng 11/2026, trên địa bàn xã Tân Lập xảy ra 1.234 vụ việc liên quan đến ANTT, giảm 266 vụ (17,7%) so với cùng kỳ năm trước.',
  sentenceEn: 'In November 2026, …',
  generatedAt: '2026-12-01T01:00:00.000Z',
};

describe('reportCsv', () => {
  it('writes a Vietnamese file for Excel: BOM, semicolons, comma decimals, no thousands dots, CRLF', () => {
    const csv = reportCsv(REPORT, 'vi');
    expect(csv.startsWith(CSV_BOM)).toBe(true);
    const lines = csv.slice(1).split('\r\n');
    expect(lines[0]).toBe('BÁO CÁO SƠ KẾT TÌNH HÌNH AN NINH, TRẬT TỰ THÁNG 11/2026');
    expect(lines[2]).toBe('Kỳ báo cáo;01/11/2026 – 30/11/2026;Cùng kỳ năm trước;01/11/2025 – 30/11/2025');
    expect(lines).toContain('Tổng số;Tổng số vụ việc;1234;1500;-266;-17,7');
    expect(lines).toContain('Loại vụ việc;Trộm cắp;1234;1500;-266;-17,7');
    expect(lines).toContain('Camera;"\'=Cổng; chợ";3;0;3;');
    expect(lines).toContain('Tuần;01/11–07/11;3;2;1;50');
    expect(lines.at(-2)).toBe(`Tóm tắt;${REPORT.sentenceVi}`);
    expect(lines).toContain('Tỷ lệ hoạt động;97,5;mất tín hiệu (giờ);1,5');
    expect(lines).toContain('Cổng chợ;97,5;1,5');
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csv.replace(/\r\n/g, '')).not.toMatch(/\n/);
  });

  it('writes an English file with commas and dot decimals', () => {
    const lines = reportCsv(REPORT, 'en').slice(1).split('\r\n');
    expect(lines).toContain('Total,All incidents,1234,1500,-266,-17.7');
    expect(lines).toContain('Camera,\'=Cổng; chợ,3,0,3,');
    expect(lines).toContain('Uptime,97.5,offline (hours),1.5');
  });

  it('says when there is no uptime yet', () => {
    const lines = reportCsv({ ...REPORT, cameras: { ...REPORT.cameras, uptimePercent: null, offlineHours: 0, uptime: [] } }, 'vi').split('\r\n');
    expect(lines).toContain('Tỷ lệ hoạt động;chưa có số liệu');
  });
});
