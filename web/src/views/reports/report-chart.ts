// Bars of the period against the same period last year, per week or month: plain SVG (no chart library), sized by
// its viewBox so it fits the screen and the A4 page alike. Each bar carries its number; the figures are in the tables.
import type { ReportSummaryDto } from '../../../../server/contracts.ts';
import { h } from '../../dom.ts';
import type { I18n } from '../../i18n/i18n.ts';

const NS = 'http://www.w3.org/2000/svg';

function svg<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number>, text?: string): SVGElementTagNameMap[K] {
  const el = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  if (text !== undefined) el.textContent = text;
  return el;
}

/** A round step for the value axis: 1, 2, 5 × 10^n, giving about four lines. */
export function axisStep(max: number): number {
  const raw = Math.max(1, max) / 4;
  const pow = 10 ** Math.floor(Math.log10(raw));
  return [1, 2, 5, 10].map((m) => m * pow).find((s) => s >= raw && Number.isInteger(s)) ?? Math.ceil(raw);
}

export function renderReportChart(i18n: I18n, r: ReportSummaryDto): HTMLElement {
  const buckets = r.series.buckets;
  const vi = i18n.lang() === 'vi';
  const fmt = new Intl.NumberFormat(i18n.locale());
  const max = Math.max(1, ...buckets.flatMap((b) => [b.count, b.lastYear]));
  const step = axisStep(max);
  const top = Math.ceil(max / step) * step;
  const [left, right, upper, lower] = [36, 8, 16, 34];
  const group = buckets.length > 8 ? 46 : 70;
  const width = left + right + group * buckets.length;
  const height = 220;
  const plot = height - upper - lower;
  const y = (v: number) => upper + plot - (v / top) * plot;
  const title = i18n.t(r.series.unit === 'week' ? 'reports.chartWeek' : 'reports.chartMonth');
  const root = svg('svg', { viewBox: `0 0 ${width} ${height}`, class: 'report-chart-svg', role: 'img', 'aria-label': title });
  for (let v = 0; v <= top; v += step) {
    root.append(svg('line', { x1: left, x2: width - right, y1: y(v), y2: y(v), class: 'grid' }));
    root.append(svg('text', { x: left - 6, y: y(v) + 4, class: 'axis', 'text-anchor': 'end' }, fmt.format(v)));
  }
  const bar = (group - 14) / 2;
  buckets.forEach((b, i) => {
    const x = left + i * group + 7;
    for (const [k, v, cls] of [[0, b.count, 'now'], [1, b.lastYear, 'last-year']] as const) {
      const bx = x + k * bar;
      const rect = svg('rect', { x: bx, y: y(v), width: bar - 2, height: Math.max(0, y(0) - y(v)), class: `bar ${cls}`,
        'data-testid': `bar-${cls}` });
      rect.append(svg('title', {}, `${vi ? b.labelVi : b.labelEn}: ${fmt.format(v)}`));
      root.append(rect);
      root.append(svg('text', { x: bx + (bar - 2) / 2, y: y(v) - 3, class: 'value', 'text-anchor': 'middle' }, fmt.format(v)));
    }
    root.append(svg('text', { x: x + bar, y: height - lower + 16, class: 'axis', 'text-anchor': 'middle' }, vi ? b.labelVi : b.labelEn));
  });
  const legend = h('div', { class: 'report-legend' },
    h('span', { class: 'swatch now', 'aria-hidden': 'true' }), i18n.text(h('span', {}), 'reports.legendNow'),
    h('span', { class: 'swatch last-year', 'aria-hidden': 'true' }), i18n.text(h('span', {}), 'reports.legendLastYear'));
  return h('figure', { class: 'report-chart', 'data-testid': 'report-chart' }, h('figcaption', {}, title), root, legend);
}
