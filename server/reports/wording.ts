// The words of the review report: period names, titles, numbers and the summary sentence, in Vietnamese (as
// commune police write them: "Trong tháng 11/2026, trên địa bàn xã xảy ra 14 vụ việc liên quan đến ANTT, giảm 5 vụ
// (26,3%) so với cùng kỳ năm trước; trong đó …") and in English. Pure functions.
import { dayParts, type Period, shapeOf } from './period.ts';

export type Lang = 'vi' | 'en';

export interface CommuneInfo {
  /** 'xã', 'phường' or 'thị trấn' */
  kind: 'xã' | 'phường' | 'thị trấn';
  /** e.g. "Tân Lập"; empty = unnamed ("trên địa bàn xã") */
  name: string;
  /** e.g. "Công an xã Tân Lập"; empty = "Công an" + kind + name */
  policePost: string;
}

export interface Change {
  count: number;
  lastYear: number;
  change: number;
  /** null when last year had none (no base to divide by) */
  changePercent: number | null;
}

export interface CategoryCount {
  id: string;
  vi: string;
  en: string;
  count: number;
}

export function changeOf(count: number, lastYear: number): Change {
  const change = count - lastYear;
  return { count, lastYear, change, changePercent: lastYear === 0 ? null : Math.round((change / lastYear) * 1000) / 10 };
}

const groupThousands = (digits: string, sep: string) => digits.replace(/\B(?=(\d{3})+(?!\d))/g, sep);

/** 1234.5 → "1.234,5" (vi) or "1,234.5" (en); at most one decimal, none when it is 0. */
export function formatNumber(n: number, lang: Lang): string {
  const r = Math.round(Math.abs(n) * 10) / 10;
  const [int, dec] = r.toFixed(1).split('.') as [string, string];
  const [th, dp] = lang === 'vi' ? ['.', ','] : [',', '.'];
  return `${n < 0 && r !== 0 ? '-' : ''}${groupThousands(int, th)}${dec === '0' ? '' : dp + dec}`;
}

const pad2 = (n: number) => String(n).padStart(2, '0');
const dmy = (day: number) => {
  const { year, month, date } = dayParts(day);
  return `${pad2(date)}/${pad2(month)}/${year}`;
};
const ROMAN = ['I', 'II', 'III', 'IV'];
const MONTHS_EN = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October',
  'November', 'December'];

/** The period as it follows "Trong …" / "In …": "tháng 11/2026", "quý IV/2026", "6 tháng đầu năm 2026", … */
export function periodLabel(p: Period, lang: Lang): string {
  const s = shapeOf(p);
  const last = p.to - 1;
  if (lang === 'vi') {
    switch (s.kind) {
      case 'month': return `tháng ${s.index}/${s.year}`;
      case 'quarter': return `quý ${ROMAN[s.index - 1]}/${s.year}`;
      case 'half': return `6 tháng ${s.index === 1 ? 'đầu' : 'cuối'} năm ${s.year}`;
      case 'months': return `${s.index} tháng đầu năm ${s.year}`;
      case 'year': return `năm ${s.year}`;
      default: return last === p.from ? `ngày ${dmy(p.from)}` : `thời gian từ ngày ${dmy(p.from)} đến ngày ${dmy(last)}`;
    }
  }
  switch (s.kind) {
    case 'month': return `${MONTHS_EN[s.index - 1]} ${s.year}`;
    case 'quarter': return `Q${s.index} ${s.year}`;
    case 'half': return `the ${s.index === 1 ? 'first' : 'second'} half of ${s.year}`;
    case 'months': return `the first ${s.index} months of ${s.year}`;
    case 'year': return String(s.year);
    default: return last === p.from ? `the day ${dmy(p.from)}` : `the period ${dmy(p.from)} to ${dmy(last)}`;
  }
}

/** "BÁO CÁO SƠ KẾT TÌNH HÌNH AN NINH, TRẬT TỰ THÁNG 11/2026" (tổng kết for a whole year). */
export function reportTitle(p: Period, lang: Lang): string {
  const year = shapeOf(p).kind === 'year';
  const label = periodLabel(p, lang);
  if (lang === 'vi') {
    return `BÁO CÁO ${year ? 'TỔNG KẾT' : 'SƠ KẾT'} TÌNH HÌNH AN NINH, TRẬT TỰ ${label.replace(/^thời gian /, '')}`
      .toLocaleUpperCase('vi');
  }
  return `${year ? 'Annual' : 'Interim'} report on security and order: ${label.replace(/^the (period|day) /, '')}`;
}

export const communePlace = (c: CommuneInfo, lang: Lang): string => {
  if (lang === 'vi') return c.name ? `${c.kind} ${c.name}` : c.kind;
  const kind = c.kind === 'xã' ? 'commune' : c.kind === 'phường' ? 'ward' : 'township';
  return c.name ? `${c.name} ${kind}` : `the ${kind}`;
};

export const policePostName = (c: CommuneInfo): string => c.policePost || `Công an ${communePlace(c, 'vi')}`;

const lowerFirst = (s: string) => s.charAt(0).toLocaleLowerCase('vi') + s.slice(1);

function joinList(items: string[], and: string): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${and} ${items[items.length - 1]}`;
}

/** The Vietnamese words for one kind: "4 vụ trộm cắp", "2 vụ việc khác". */
const viKind = (c: CategoryCount) => `${formatNumber(c.count, 'vi')} ${c.id === 'other' ? 'vụ việc khác' : `vụ ${lowerFirst(c.vi)}`}`;
const enKind = (c: CategoryCount) => `${lowerFirst(c.en)} ${formatNumber(c.count, 'en')}`;

/**
 * The report's summary sentence. Kinds with incidents follow "trong đó", most frequent first (ties in the given
 * order, which is the configured order of categories), "other" last whatever its count.
 */
export function summarySentence(p: Period, commune: CommuneInfo, total: Change, categories: CategoryCount[], lang: Lang): string {
  const kinds = categories.filter((c) => c.count > 0)
    .sort((a, b) => Number(a.id === 'other') - Number(b.id === 'other') || b.count - a.count);
  const label = periodLabel(p, lang);
  const { count, lastYear, change, changePercent } = total;
  const pct = changePercent === null ? '' : ` (${formatNumber(Math.abs(changePercent), lang)}%)`;
  if (lang === 'vi') {
    const what = count === 0
      ? 'không xảy ra vụ việc nào liên quan đến ANTT'
      : `xảy ra ${formatNumber(count, 'vi')} vụ việc liên quan đến ANTT`;
    const cmp = change === 0
      ? 'không thay đổi so với cùng kỳ năm trước'
      : lastYear === 0
        ? `tăng ${formatNumber(change, 'vi')} vụ so với cùng kỳ năm trước (cùng kỳ không xảy ra vụ nào)`
        : `${change > 0 ? 'tăng' : 'giảm'} ${formatNumber(Math.abs(change), 'vi')} vụ${pct} so với cùng kỳ năm trước`;
    const detail = kinds.length ? `; trong đó ${joinList(kinds.map(viKind), 'và')}` : '';
    return `Trong ${label}, trên địa bàn ${communePlace(commune, 'vi')} ${what}, ${cmp}${detail}.`;
  }
  const place = communePlace(commune, 'en');
  const noun = (n: number) => (n === 1 ? 'incident' : 'incidents');
  const what = count === 0
    ? `no incidents related to security and order occurred in ${place}`
    : `${formatNumber(count, 'en')} ${noun(count)} related to security and order occurred in ${place}`;
  const cmp = change === 0
    ? 'unchanged from the same period last year'
    : lastYear === 0
      ? `${formatNumber(change, 'en')} more than in the same period last year (none then)`
      : `${formatNumber(Math.abs(change), 'en')} ${change > 0 ? 'more' : 'fewer'}${pct} than in the same period last year`;
  const detail = kinds.length ? `; by kind: ${joinList(kinds.map(enKind), 'and')}` : '';
  const sentence = `In ${label}, ${what}, ${cmp}${detail}.`;
  return sentence.charAt(0).toUpperCase() + sentence.slice(1);
}
