// Báo cáo: the review report of a period (this month, last month, quarter, 6 months, year or two days) against the
// same period last year — sentence, chart, tables, CSV for Excel and a printable A4 document in the Vietnamese
// administrative layout (window.print with the print stylesheet in styles/reports.css).
import type { ReportSummaryDto } from '../../../../server/contracts.ts';
import { errorMessage } from '../../api/error-message.ts';
import type { AppContext, Page } from '../../app-context.ts';
import { h } from '../../dom.ts';
import { renderReportChart } from './report-chart.ts';
import { renderLetterhead, renderSignature } from './report-letterhead.ts';
import {
  dayAfter, type DayRange, lastDayOf, parseReportQuery, type PeriodPreset, PRESETS, presetRange, reportSearch,
} from './report-periods.ts';
import { renderReportTables } from './report-tables.ts';

const dmy = (d: string) => `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}`;

export function createReportsPage(ctx: AppContext, query: URLSearchParams): Page {
  const { i18n } = ctx;
  let { preset, range } = parseReportQuery(query, new Date());
  let report: ReportSummaryDto | null = null;
  let generation = 0;

  const presetButtons = PRESETS.map((p) =>
    i18n.text(h('button', { type: 'button', class: 'seg-btn', 'data-preset': p, 'data-testid': `report-preset-${p}` }), `reports.preset.${p}`));
  const fromDay = h('input', { type: 'date', id: 'report-from', required: true, 'data-testid': 'report-from' });
  const toDay = h('input', { type: 'date', id: 'report-to', required: true, 'data-testid': 'report-to' });
  const show = i18n.text(h('button', { type: 'submit', class: 'btn btn-small' }), 'reports.show');
  const custom = h('div', { class: 'report-custom' },
    i18n.text(h('label', { for: 'report-from' }), 'reports.from'), fromDay,
    i18n.text(h('label', { for: 'report-to' }), 'reports.to'), toDay, show);
  const csv = i18n.text(h('a', { class: 'btn', download: '', 'data-testid': 'report-csv' }), 'reports.csv');
  const print = i18n.text(h('button', { type: 'button', class: 'btn btn-primary', 'data-testid': 'report-print' }), 'reports.print');
  const controls = h('form', { class: 'report-controls no-print', 'data-testid': 'report-controls' },
    h('div', { class: 'report-period' },
      i18n.text(h('span', { class: 'filter-label', id: 'report-period-label' }), 'reports.period'),
      h('div', { class: 'seg seg-small', role: 'group', 'aria-labelledby': 'report-period-label' }, ...presetButtons),
      custom),
    h('div', { class: 'report-actions' }, csv, print));
  const status = h('p', { class: 'list-status muted no-print', role: 'status', 'aria-live': 'polite', 'data-testid': 'report-status' });
  const doc = h('article', { class: 'report-doc', 'data-testid': 'report-doc', hidden: true });

  const el = h('section', { class: 'page reports-page' },
    h('div', { class: 'page-head no-print' }, i18n.text(h('h1', {}), 'reports.title')),
    controls, status, doc);

  const syncControls = () => {
    for (const b of presetButtons) b.setAttribute('aria-pressed', String(b.dataset.preset === preset));
    custom.hidden = preset !== 'custom';
    fromDay.value = range.from;
    toDay.value = lastDayOf(range);
    csv.href = ctx.reportsApi.csvUrl(range.from, range.to, i18n.lang());
  };

  const render = () => {
    if (!report) return;
    const r = report;
    const vi = i18n.lang() === 'vi';
    doc.replaceChildren(
      renderLetterhead(r, new Date()),
      h('h1', { class: 'report-title', 'data-testid': 'report-title' }, vi ? r.titleVi : r.titleEn),
      i18n.text(h('p', { class: 'report-period-line' }), 'reports.periodLine', {
        from: dmy(r.period.from), to: dmy(r.period.lastDay), lyFrom: dmy(r.lastYearPeriod.from), lyTo: dmy(r.lastYearPeriod.lastDay),
      }),
      h('p', { class: 'report-sentence', 'data-testid': 'report-sentence' }, vi ? r.sentenceVi : r.sentenceEn),
      renderReportChart(i18n, r),
      ...renderReportTables(i18n, r),
      renderSignature(i18n, r),
    );
    doc.hidden = false;
  };

  const load = async () => {
    const gen = ++generation;
    syncControls();
    status.hidden = false;
    i18n.text(status, 'reports.loading');
    print.disabled = true;
    try {
      const r = await ctx.reportsApi.summary(range.from, range.to);
      if (gen !== generation) return;
      report = r;
      status.hidden = true;
      print.disabled = false;
      render();
    } catch (err) {
      if (gen !== generation) return;
      report = null;
      doc.hidden = true;
      status.removeAttribute('data-i18n');
      status.textContent = errorMessage(i18n, err);
    }
  };

  const choose = (next: PeriodPreset, nextRange: DayRange) => {
    preset = next;
    range = nextRange;
    ctx.replaceUrl(`/reports${reportSearch(preset, range)}`);
    void load();
  };
  for (const b of presetButtons) {
    b.addEventListener('click', () => {
      const p = b.dataset.preset as PeriodPreset;
      if (p === 'custom') {
        preset = 'custom';
        syncControls();
        fromDay.focus();
      } else choose(p, presetRange(p, new Date()));
    });
  }
  controls.addEventListener('submit', (ev) => {
    ev.preventDefault();
    if (!fromDay.value || !toDay.value || toDay.value < fromDay.value) {
      status.hidden = false;
      i18n.text(status, 'reports.badRange');
      return;
    }
    choose('custom', { from: fromDay.value, to: dayAfter(toDay.value) });
  });
  print.addEventListener('click', () => window.print());
  const offLang = i18n.onChange(() => {
    syncControls();
    render();
  });

  void load();
  return {
    el,
    destroy() {
      generation++;
      offLang();
    },
  };
}
