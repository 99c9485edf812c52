// The review report as CSV for Excel: UTF-8 with a byte order mark (without it Excel reads Vietnamese as Windows-1258
// mojibake), CRLF line ends (RFC 4180). Vietnamese files use ";" between fields and "," in decimals — the list separator
// and decimal mark of Vietnamese Windows, so a double click opens columns as columns and 26,3 as a number; English
// files use "," and ".". Text cells that a spreadsheet would run as a formula (= + - @ tab) get a leading apostrophe.
import type { ReportChangeDto, ReportPeriodDto, ReportSummaryDto } from '../contracts.ts';
import { formatNumber, type Lang } from './wording.ts';

export const CSV_BOM = '\uFEFF';

/** A cell of text: quoted when it holds the separator, a quote, a line break or edge spaces; formulas defused. */
export function csvText(value: string, sep: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return safe.includes(sep) || /["\r\n]/.test(safe) || safe !== safe.trim() ? `"${safe.replace(/"/g, '""')}"` : safe;
}

const WORDS = {
  vi: {
    period: 'Kỳ báo cáo', lastYear: 'Cùng kỳ năm trước', generated: 'Lập lúc',
    head: ['Nhóm', 'Mục', 'Kỳ này', 'Cùng kỳ năm trước', 'Tăng (+) / giảm (-)', 'Tăng / giảm (%)'],
    total: 'Tổng số', totalItem: 'Tổng số vụ việc', kind: 'Loại vụ việc', status: 'Trạng thái', camera: 'Camera',
    week: 'Tuần', month: 'Tháng', summary: 'Tóm tắt', cameras: 'Camera của hệ thống', recording: 'đang ghi hình',
    notRecording: 'không ghi hình', uptime: 'Tỷ lệ hoạt động', noUptime: 'chưa có số liệu',
    uptimeHead: ['Camera', 'Tỷ lệ hoạt động (%)', 'Mất tín hiệu (giờ)'], offline: 'mất tín hiệu (giờ)',
    cameraNote: 'Một vụ việc ghi nhận bởi nhiều camera được tính cho mỗi camera',
  },
  en: {
    period: 'Period', lastYear: 'Same period last year', generated: 'Generated at',
    head: ['Section', 'Item', 'This period', 'Same period last year', 'Change', 'Change (%)'],
    total: 'Total', totalItem: 'All incidents', kind: 'Kind', status: 'Status', camera: 'Camera',
    week: 'Week', month: 'Month', summary: 'Summary', cameras: 'Cameras of the hub', recording: 'recording',
    notRecording: 'not recording', uptime: 'Uptime', noUptime: 'no data',
    uptimeHead: ['Camera', 'Uptime (%)', 'Offline (hours)'], offline: 'offline (hours)',
    cameraNote: 'An incident seen by several cameras counts for each of them',
  },
} as const;

const dmy = (d: string) => `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}`;
const span = (p: ReportPeriodDto) => `${dmy(p.from)} – ${dmy(p.lastDay)}`;

export function reportCsv(r: ReportSummaryDto, lang: Lang): string {
  const w = WORDS[lang];
  const sep = lang === 'vi' ? ';' : ',';
  const text = (s: string) => csvText(s, sep);
  // numbers are ours (digits, sign, a decimal mark that is never the separator): written as they are, no grouping
  const num = (n: number | null) => (n === null ? '' : formatNumber(n, lang).replace(lang === 'en' ? /,/g : /\./g, ''));
  const lines: string[] = [];
  const row = (...cells: string[]) => lines.push(cells.join(sep));
  const counts = (group: string, item: string, c: ReportChangeDto) =>
    row(text(group), text(item), num(c.count), num(c.lastYear), num(c.change), num(c.changePercent));

  row(text(lang === 'vi' ? r.titleVi : r.titleEn));
  row(text(r.commune.policePost));
  row(text(w.period), text(span(r.period)), text(w.lastYear), text(span(r.lastYearPeriod)));
  row(text(w.generated), text(r.generatedAt));
  row();
  row(...w.head.map(text));
  counts(w.total, w.totalItem, r.total);
  for (const c of r.byCategory) counts(w.kind, lang === 'vi' ? c.labelVi : c.labelEn, c);
  for (const s of r.byStatus) counts(w.status, lang === 'vi' ? s.labelVi : s.labelEn, s);
  for (const c of r.byCamera) counts(w.camera, c.labelVi, c);
  const unit = r.series.unit === 'week' ? w.week : w.month;
  for (const b of r.series.buckets) {
    row(text(unit), text(lang === 'vi' ? b.labelVi : b.labelEn), num(b.count), num(b.lastYear), num(b.count - b.lastYear),
      num(b.lastYear === 0 ? null : Math.round(((b.count - b.lastYear) / b.lastYear) * 1000) / 10));
  }
  row();
  const cams = r.cameras;
  row(text(w.cameras), text(`${cams.total}: ${cams.recording} ${w.recording}, ${cams.notRecording} ${w.notRecording}`));
  if (cams.uptimePercent === null) row(text(w.uptime), text(w.noUptime));
  else row(text(w.uptime), num(cams.uptimePercent), text(w.offline), num(cams.offlineHours));
  if (cams.uptime.length) {
    row();
    row(...w.uptimeHead.map(text));
    for (const u of cams.uptime) row(text(u.label), num(u.pct), num(u.offlineHours));
    row();
  }
  if (r.byCamera.length) row(text(w.camera), text(w.cameraNote));
  row(text(w.summary), text(lang === 'vi' ? r.sentenceVi : r.sentenceEn));
  return `${CSV_BOM}${lines.join('\r\n')}\r\n`;
}
