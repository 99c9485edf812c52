import { describe, expect, it } from 'vitest';
import { AppError } from '../../../server/errors.ts';
import { httpStatusOf } from '../../../server/http/error-status.ts';
import {
  dayStartUtc, formatDay, lastYearOf, localDayOf, parseDay, parsePeriod, type Period, seriesBuckets, seriesUnitOf,
  shapeOf, yearBefore,
} from '../../../server/reports/period.ts';

const d = (s: string) => parseDay(s)!;
const p = (from: string, to: string): Period => ({ from: d(from), to: d(to) });
const fmt = (x: Period) => `${formatDay(x.from)}..${formatDay(x.to)}`;

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    expect(httpStatusOf((e as AppError).code)).toBe(400);
    return (e as AppError).code;
  }
  return 'no error';
}

describe('local days (UTC+7)', () => {
  it('starts a local day at 17:00 UTC the day before, and puts 16:59:59Z and 17:00Z on different days', () => {
    expect(dayStartUtc(d('2026-11-01')).toISOString()).toBe('2026-10-31T17:00:00.000Z');
    expect(formatDay(localDayOf(Date.parse('2026-10-31T16:59:59.999Z')))).toBe('2026-10-31');
    expect(formatDay(localDayOf(Date.parse('2026-10-31T17:00:00.000Z')))).toBe('2026-11-01');
  });

  it('refuses dates that do not exist', () => {
    expect(parseDay('2026-02-29')).toBeNull();
    expect(parseDay('2028-02-29')).not.toBeNull();
    expect(parseDay('2026-13-01')).toBeNull();
    expect(parseDay('2026-1-01')).toBeNull();
    expect(parseDay('01/11/2026')).toBeNull();
  });
});

describe('parsePeriod', () => {
  it('accepts a month, a quarter, a year, a leap year and a single day', () => {
    expect(fmt(parsePeriod('2026-11-01', '2026-12-01'))).toBe('2026-11-01..2026-12-01');
    expect(parsePeriod('2028-01-01', '2029-01-01').to - parsePeriod('2028-01-01', '2029-01-01').from).toBe(366);
    expect(fmt(parsePeriod('2026-11-05', '2026-11-06'))).toBe('2026-11-05..2026-11-06');
  });

  it('answers report-bad-range for missing, malformed, impossible, reversed, empty and too long ranges', () => {
    expect(codeOf(() => parsePeriod(undefined, '2026-12-01'))).toBe('report-bad-range');
    expect(codeOf(() => parsePeriod('2026-11', '2026-12-01'))).toBe('report-bad-range');
    expect(codeOf(() => parsePeriod('2026-02-30', '2026-03-01'))).toBe('report-bad-range');
    expect(codeOf(() => parsePeriod('2026-12-01', '2026-11-01'))).toBe('report-bad-range');
    expect(codeOf(() => parsePeriod('2026-11-01', '2026-11-01'))).toBe('report-bad-range');
    expect(codeOf(() => parsePeriod('2025-01-01', '2026-01-03'))).toBe('report-bad-range');
    expect(codeOf(() => parsePeriod('1999-12-01', '2000-01-01'))).toBe('report-bad-range');
  });
});

describe('the same period last year', () => {
  it('moves ordinary days back a year', () => {
    expect(fmt(lastYearOf(p('2026-11-01', '2026-12-01')))).toBe('2025-11-01..2025-12-01');
    expect(fmt(lastYearOf(p('2026-01-01', '2027-01-01')))).toBe('2025-01-01..2026-01-01');
  });

  it('gives 29 February no twin: 28 Feb as a start, 1 March as an exclusive end', () => {
    expect(formatDay(yearBefore(d('2028-02-29'), 'start'))).toBe('2027-02-28');
    expect(formatDay(yearBefore(d('2028-02-29'), 'end'))).toBe('2027-03-01');
    // February 2028 (29 days) against February 2027 (28 days): whole months both
    expect(fmt(lastYearOf(p('2028-02-01', '2028-03-01')))).toBe('2027-02-01..2027-03-01');
    // the 28 days before the leap day against the whole of last February
    expect(fmt(lastYearOf(p('2028-02-01', '2028-02-29')))).toBe('2027-02-01..2027-03-01');
    // the leap day alone against 28 February
    expect(fmt(lastYearOf(p('2028-02-29', '2028-03-01')))).toBe('2027-02-28..2027-03-01');
    // a year after a leap year keeps its February and meets the leap day in last year's
    expect(fmt(lastYearOf(p('2029-02-01', '2029-03-01')))).toBe('2028-02-01..2028-03-01');
  });
});

describe('period shapes', () => {
  it('names months, quarters, halves, first N months, years and the rest', () => {
    expect(shapeOf(p('2026-11-01', '2026-12-01'))).toEqual({ kind: 'month', year: 2026, index: 11 });
    expect(shapeOf(p('2026-12-01', '2027-01-01'))).toEqual({ kind: 'month', year: 2026, index: 12 });
    expect(shapeOf(p('2026-10-01', '2027-01-01'))).toEqual({ kind: 'quarter', year: 2026, index: 4 });
    expect(shapeOf(p('2026-07-01', '2027-01-01'))).toEqual({ kind: 'half', year: 2026, index: 2 });
    expect(shapeOf(p('2026-01-01', '2026-10-01'))).toEqual({ kind: 'months', year: 2026, index: 9 });
    expect(shapeOf(p('2026-01-01', '2027-01-01'))).toEqual({ kind: 'year', year: 2026, index: 0 });
    expect(shapeOf(p('2026-02-01', '2026-05-01')).kind).toBe('custom'); // three months, not a quarter
    expect(shapeOf(p('2026-11-02', '2026-12-01')).kind).toBe('custom');
  });
});

describe('chart series', () => {
  it('uses weeks up to 92 days and months past that', () => {
    expect(seriesUnitOf(p('2026-10-01', '2027-01-01'))).toBe('week'); // 92 days
    expect(seriesUnitOf(p('2026-07-01', '2027-01-01'))).toBe('month');
  });

  it('cuts a month into weeks from its first day, the last one short, lined up with last year', () => {
    const { current, lastYear } = seriesBuckets(p('2026-11-01', '2026-12-01'), 'week');
    expect(current.map(fmt)).toEqual([
      '2026-11-01..2026-11-08', '2026-11-08..2026-11-15', '2026-11-15..2026-11-22', '2026-11-22..2026-11-29',
      '2026-11-29..2026-12-01',
    ]);
    expect(lastYear.map(fmt)).toEqual([
      '2025-11-01..2025-11-08', '2025-11-08..2025-11-15', '2025-11-15..2025-11-22', '2025-11-22..2025-11-29',
      '2025-11-29..2025-12-01',
    ]);
  });

  it('gives the last week of a leap February against the rest of last February', () => {
    const { current, lastYear } = seriesBuckets(p('2028-02-01', '2028-03-01'), 'week');
    expect(current.map(fmt).at(-1)).toBe('2028-02-29..2028-03-01');
    expect(lastYear.map(fmt).at(-1)).toBe('2027-03-01..2027-03-01'); // empty: last February had 28 days
    expect(lastYear.reduce((n, b) => n + b.to - b.from, 0)).toBe(28);
  });

  it('cuts a year into calendar months and a custom range into its parts of months', () => {
    const year = seriesBuckets(p('2026-01-01', '2027-01-01'), 'month');
    expect(year.current).toHaveLength(12);
    expect(fmt(year.current[1]!)).toBe('2026-02-01..2026-03-01');
    expect(fmt(year.lastYear[11]!)).toBe('2025-12-01..2026-01-01');
    const odd = seriesBuckets(p('2026-05-15', '2026-09-10'), 'month');
    expect(odd.current.map(fmt)).toEqual([
      '2026-05-15..2026-06-01', '2026-06-01..2026-07-01', '2026-07-01..2026-08-01', '2026-08-01..2026-09-01',
      '2026-09-01..2026-09-10',
    ]);
    const leap = seriesBuckets(p('2029-01-01', '2029-07-01'), 'month');
    expect(fmt(leap.lastYear[1]!)).toBe('2028-02-01..2028-03-01');
  });
});
