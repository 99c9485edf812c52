// The report's tables: kind, status, camera (and area, once cameras belong to areas), each with this period, the
// same period last year, the change and its percentage.
import type { ReportChangeDto, ReportRowDto, ReportSummaryDto } from '../../../../server/contracts.ts';
import { h } from '../../dom.ts';
import type { I18n, MessageKey } from '../../i18n/i18n.ts';

export function changeText(c: ReportChangeDto, locale: string): { change: string; percent: string } {
  const n = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  const sign = (v: number) => (v > 0 ? '+' : v < 0 ? '−' : '');
  return {
    change: `${sign(c.change)}${n.format(Math.abs(c.change))}`,
    percent: c.changePercent === null ? '—' : `${sign(c.changePercent)}${n.format(Math.abs(c.changePercent))}%`,
  };
}

function table(i18n: I18n, testid: string, rows: { label: string; c: ReportChangeDto; strong?: boolean }[]): HTMLTableElement {
  const n = new Intl.NumberFormat(i18n.locale());
  const th = (key: MessageKey, cls = '') => i18n.text(h('th', { scope: 'col', class: cls }), key);
  return h('table', { class: 'report-table', 'data-testid': testid },
    h('thead', {}, h('tr', {}, th('reports.colItem'), th('reports.colCount', 'num'), th('reports.colLastYear', 'num'),
      th('reports.colChange', 'num'), th('reports.colPercent', 'num'))),
    h('tbody', {}, ...rows.map((r) => {
      const ch = changeText(r.c, i18n.locale());
      const dir = r.c.change > 0 ? 'up' : r.c.change < 0 ? 'down' : 'same';
      return h('tr', { class: r.strong ? 'total' : '' },
        h('th', { scope: 'row' }, r.label), h('td', { class: 'num' }, n.format(r.c.count)),
        h('td', { class: 'num' }, n.format(r.c.lastYear)), h('td', { class: `num change ${dir}` }, ch.change),
        h('td', { class: `num change ${dir}` }, ch.percent));
    })));
}

const section = (i18n: I18n, key: MessageKey, ...body: (Node | null)[]) =>
  h('section', { class: 'report-section' }, i18n.text(h('h2', {}), key), ...body);

export function renderReportTables(i18n: I18n, r: ReportSummaryDto): HTMLElement[] {
  const vi = i18n.lang() === 'vi';
  const label = (x: ReportRowDto) => (vi ? x.labelVi : x.labelEn);
  const total = { label: i18n.t('reports.total'), c: r.total, strong: true };
  const cameras = r.byCamera.map((c) => ({ label: `${c.labelVi}${c.deleted ? ` ${i18n.t('reports.deletedCamera')}` : ''}`, c }));
  return [
    section(i18n, 'reports.byCategory', table(i18n, 'report-by-category', [...r.byCategory.map((c) => ({ label: label(c), c })), total])),
    section(i18n, 'reports.byStatus', table(i18n, 'report-by-status', [...r.byStatus.map((c) => ({ label: label(c), c })), total])),
    section(i18n, 'reports.byCamera', cameras.length ? table(i18n, 'report-by-camera', cameras) : i18n.text(h('p', { class: 'muted' }), 'reports.noCamera'),
      cameras.length ? i18n.text(h('p', { class: 'muted report-note' }), 'reports.cameraNote') : null),
    section(i18n, 'reports.byArea', r.areas.available
      ? table(i18n, 'report-by-area', r.areas.rows.map((c) => ({ label: label(c), c })))
      : i18n.text(h('p', { class: 'muted' }), 'reports.areasLater')),
    section(i18n, 'reports.cameras',
      i18n.text(h('p', {}), 'reports.camerasLine', { total: r.cameras.total, recording: r.cameras.recording, notRecording: r.cameras.notRecording }),
      ...uptime(i18n, r.cameras)),
  ];
}

const UPTIME_ROWS = 10;

/** all cameras' uptime in the period, and the cameras with the lowest */
function uptime(i18n: I18n, c: ReportSummaryDto['cameras']): (HTMLElement | null)[] {
  if (c.uptimePercent === null) return [i18n.text(h('p', { class: 'muted', 'data-testid': 'report-uptime' }), 'reports.uptimeNone')];
  const n = new Intl.NumberFormat(i18n.locale(), { maximumFractionDigits: 1 });
  const th = (key: MessageKey, cls = '') => i18n.text(h('th', { scope: 'col', class: cls }), key);
  const rows = c.uptime.slice(0, UPTIME_ROWS);
  return [
    i18n.text(h('p', { 'data-testid': 'report-uptime' }), 'reports.uptimeLine', { pct: n.format(c.uptimePercent), hours: n.format(c.offlineHours) }),
    rows.length ? h('table', { class: 'report-table', 'data-testid': 'report-uptime-table' },
      h('thead', {}, h('tr', {}, th('reports.uptimeCamera'), th('reports.uptimePct', 'num'), th('reports.uptimeOffline', 'num'))),
      h('tbody', {}, ...rows.map((u) => h('tr', {}, h('th', { scope: 'row' }, u.label), h('td', { class: 'num' }, `${n.format(u.pct)}%`),
        h('td', { class: 'num' }, n.format(u.offlineHours)))))) : null,
    c.uptime.length > UPTIME_ROWS ? i18n.text(h('p', { class: 'muted report-note' }), 'reports.uptimeLowest', { n: UPTIME_ROWS }) : null,
  ];
}
