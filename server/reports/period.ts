// Period maths for the review report, in local days of Asia/Ho_Chi_Minh (UTC+7 all year, no daylight saving).
// A period is [from, to): `from` is the first local day, `to` the first day after it. Pure functions, no clock.
import { AppError } from '../errors.ts';

/** Vietnam has kept UTC+7 since 1975 */
export const VN_OFFSET_MS = 7 * 3600_000;
export const MAX_REPORT_DAYS = 366;
const DAY_MS = 86_400_000;

/** A local calendar day as days since 1970-01-01 (so adding days is plain arithmetic). */
export type DayNumber = number;

export type PeriodKind = 'month' | 'quarter' | 'half' | 'months' | 'year' | 'custom';

export interface Period {
  from: DayNumber;
  /** exclusive */
  to: DayNumber;
}

export interface PeriodShape {
  kind: PeriodKind;
  year: number;
  /** month (1–12) for month, quarter (1–4), half (1–2), number of months from January for months */
  index: number;
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function parseDay(s: string): DayNumber | null {
  const m = DATE_RE.exec(s);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = Date.UTC(y, mo - 1, d);
  const back = new Date(t);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return null;
  return t / DAY_MS;
}

export const dayParts = (day: DayNumber) => {
  const d = new Date(day * DAY_MS);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, date: d.getUTCDate() };
};

export const dayOf = (year: number, month: number, date: number): DayNumber => Date.UTC(year, month - 1, date) / DAY_MS;

export const formatDay = (day: DayNumber): string => new Date(day * DAY_MS).toISOString().slice(0, 10);

/** The UTC instant a local day starts at. */
export const dayStartUtc = (day: DayNumber): Date => new Date(day * DAY_MS - VN_OFFSET_MS);

/** The local day an instant falls on. */
export const localDayOf = (at: Date | number): DayNumber => Math.floor((+at + VN_OFFSET_MS) / DAY_MS);

const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

/**
 * The same day one year earlier. 29 February has no twin: as a first day it becomes 28 February, as an exclusive
 * end 1 March — so [1 Feb 2028, 29 Feb 2028) compares with [1 Feb 2027, 1 Mar 2027), the whole of both Februaries
 * but their last day (28 days each), and the single day [29 Feb, 1 Mar) 2028 compares with 28 February 2027.
 */
export function yearBefore(day: DayNumber, role: 'start' | 'end'): DayNumber {
  const { year, month, date } = dayParts(day);
  if (month === 2 && date === 29 && !isLeap(year - 1)) return role === 'start' ? dayOf(year - 1, 2, 28) : dayOf(year - 1, 3, 1);
  return dayOf(year - 1, month, date);
}

export const lastYearOf = (p: Period): Period => ({ from: yearBefore(p.from, 'start'), to: yearBefore(p.to, 'end') });

const rangeError = (message: string) => new AppError('report-bad-range', message);

/** Reads ?from=&to= (local dates, to exclusive); throws 400 report-bad-range for anything a report cannot cover. */
export function parsePeriod(from: unknown, to: unknown): Period {
  if (typeof from !== 'string' || typeof to !== 'string') {
    throw rangeError('Give the period as from=YYYY-MM-DD&to=YYYY-MM-DD (local dates, "to" is the day after the last).');
  }
  const f = parseDay(from);
  const t = parseDay(to);
  if (f === null || t === null) throw rangeError(`"${f === null ? from.slice(0, 20) : to.slice(0, 20)}" is not a date (YYYY-MM-DD).`);
  const { year } = dayParts(f);
  if (year < 2000 || dayParts(t).year > 2100) throw rangeError('Reports cover the years 2000 to 2100.');
  if (t <= f) throw rangeError('The end of the period must come after its start.');
  if (t - f > MAX_REPORT_DAYS) throw rangeError(`A report covers at most ${MAX_REPORT_DAYS} days (one year).`);
  return { from: f, to: t };
}

/** What a period is, for its name: a month, a quarter, a half year, the first N months of a year, a year, or a range. */
export function shapeOf(p: Period): PeriodShape {
  const a = dayParts(p.from);
  const b = dayParts(p.to);
  const custom: PeriodShape = { kind: 'custom', year: a.year, index: 0 };
  if (a.date !== 1 || b.date !== 1) return custom;
  const months = (b.year - a.year) * 12 + (b.month - a.month);
  if (months === 1) return { kind: 'month', year: a.year, index: a.month };
  if (months === 12 && a.month === 1) return { kind: 'year', year: a.year, index: 0 };
  if (months === 3 && (a.month - 1) % 3 === 0) return { kind: 'quarter', year: a.year, index: (a.month + 2) / 3 };
  if (months === 6 && (a.month === 1 || a.month === 7)) return { kind: 'half', year: a.year, index: a.month === 1 ? 1 : 2 };
  if (a.month === 1 && months > 1 && months < 12) return { kind: 'months', year: a.year, index: months };
  return custom;
}

export interface Bucket {
  from: DayNumber;
  to: DayNumber;
}

export type SeriesUnit = 'week' | 'month';

/** Up to 3 months (92 days) the chart shows weeks, past that months. */
export const seriesUnitOf = (p: Period): SeriesUnit => (p.to - p.from <= 92 ? 'week' : 'month');

/**
 * The chart's buckets for a period and the matching buckets of last year. Weeks are counted from the period's first
 * day (the last may be shorter), so both years line up bucket by bucket; months are calendar months (the first and
 * last may be parts of one), moved back a year with yearBefore.
 */
export function seriesBuckets(p: Period, unit: SeriesUnit): { current: Bucket[]; lastYear: Bucket[] } {
  const ly = lastYearOf(p);
  const current: Bucket[] = [];
  const lastYear: Bucket[] = [];
  if (unit === 'week') {
    for (let d = p.from, i = 0; d < p.to; d += 7, i++) {
      current.push({ from: d, to: Math.min(d + 7, p.to) });
      const lf = ly.from + i * 7;
      lastYear.push({ from: Math.min(lf, ly.to), to: Math.min(lf + 7, ly.to) });
    }
    // a 29 February makes this year one day longer: its last bucket takes last year's remainder
    if (lastYear.length) lastYear[lastYear.length - 1]!.to = ly.to;
    return { current, lastYear };
  }
  let d = p.from;
  while (d < p.to) {
    const { year, month } = dayParts(d);
    const next = Math.min(month === 12 ? dayOf(year + 1, 1, 1) : dayOf(year, month + 1, 1), p.to);
    current.push({ from: d, to: next });
    lastYear.push({ from: yearBefore(d, 'start'), to: yearBefore(next, 'end') });
    d = next;
  }
  return { current, lastYear };
}
