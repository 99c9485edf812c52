// The parts of a Vietnamese administrative document around the report (shown on paper only): the issuing body and
// the national motto with the place and date line at the top, recipients and the signature block at the bottom.
// The header stays in Vietnamese whatever the screen language: it is the form of the official copy.
import type { ReportSummaryDto } from '../../../../server/contracts.ts';
import { h } from '../../dom.ts';
import type { I18n } from '../../i18n/i18n.ts';
import { todayVn } from './report-periods.ts';

/** days below 10 and the months January, February take a leading zero in the date line */
const dd = (n: number) => String(n).padStart(2, '0');
const mm = (n: number) => (n <= 2 ? dd(n) : String(n));

export function dateLine(place: string, now: Date): string {
  const t = todayVn(now);
  return `${place || '……'}, ngày ${dd(t.date)} tháng ${mm(t.month)} năm ${t.year}`;
}

export function renderLetterhead(r: ReportSummaryDto, now: Date): HTMLElement {
  const body = r.commune.name ? r.commune.policePost : `${r.commune.policePost} ………`;
  return h('header', { class: 'report-letterhead print-only', 'data-testid': 'report-letterhead', lang: 'vi' },
    h('div', { class: 'lh-left' },
      h('div', { class: 'lh-body' }, body.toLocaleUpperCase('vi')),
      h('div', { class: 'lh-rule', 'aria-hidden': 'true' }),
      h('div', { class: 'lh-number' }, 'Số: ……/BC-CA')),
    h('div', { class: 'lh-right' },
      h('div', { class: 'lh-nation' }, 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM'),
      h('div', { class: 'lh-motto' }, 'Độc lập - Tự do - Hạnh phúc'),
      h('div', { class: 'lh-rule', 'aria-hidden': 'true' }),
      h('div', { class: 'lh-date' }, dateLine(r.commune.name, now))));
}

export function renderSignature(i18n: I18n, r: ReportSummaryDto): HTMLElement {
  const place = (i18n.lang() === 'vi' ? r.commune.kind : r.commune.placeEn).toLocaleUpperCase(i18n.locale());
  return h('footer', { class: 'report-sign print-only', 'data-testid': 'report-sign' },
    h('div', { class: 'sign-recipients' },
      i18n.text(h('div', { class: 'sign-recipients-title' }), 'reports.recipients'),
      i18n.text(h('div', {}), 'reports.recipientUp'),
      i18n.text(h('div', {}), 'reports.recipientFile')),
    h('div', { class: 'sign-block' },
      i18n.text(h('div', { class: 'sign-title' }), 'reports.signTitle', { place }),
      i18n.text(h('div', { class: 'sign-hint' }), 'reports.signHint')));
}
