import { describe, expect, it } from 'vitest';
import { dayAfter, lastDayOf, parseReportQuery, presetRange, reportSearch, todayVn } from '../../../web/src/views/reports/report-periods.ts';

describe('the report page presets (local days in Vietnam)', () => {
  // 17:30Z on 31 December is already 1 January in Vietnam
  const newYearVn = new Date('2026-12-31T17:30:00Z');
  const midYear = new Date('2026-06-15T03:00:00Z');

  it('reads today in UTC+7', () => {
    expect(todayVn(newYearVn)).toEqual({ year: 2027, month: 1, date: 1 });
    expect(todayVn(new Date('2026-12-31T16:59:00Z'))).toEqual({ year: 2026, month: 12, date: 31 });
  });

  it('gives this month, last month across a year, the quarter, the half and the year', () => {
    expect(presetRange('this-month', newYearVn)).toEqual({ from: '2027-01-01', to: '2027-02-01' });
    expect(presetRange('last-month', newYearVn)).toEqual({ from: '2026-12-01', to: '2027-01-01' });
    expect(presetRange('quarter', midYear)).toEqual({ from: '2026-04-01', to: '2026-07-01' });
    expect(presetRange('half', midYear)).toEqual({ from: '2026-01-01', to: '2026-07-01' });
    expect(presetRange('half', new Date('2026-07-01T00:00:00Z'))).toEqual({ from: '2026-07-01', to: '2027-01-01' });
    expect(presetRange('year', midYear)).toEqual({ from: '2026-01-01', to: '2027-01-01' });
    expect(presetRange('quarter', new Date('2026-12-01T00:00:00Z'))).toEqual({ from: '2026-10-01', to: '2027-01-01' });
  });

  it('turns the typed last day into an exclusive end and back, across a leap day', () => {
    expect(dayAfter('2028-02-28')).toBe('2028-02-29');
    expect(lastDayOf({ from: '2028-02-01', to: '2028-03-01' })).toBe('2028-02-29');
  });

  it('reads and writes the address: a preset, or a custom range; anything else is this month', () => {
    expect(parseReportQuery(new URLSearchParams('period=year'), midYear)).toEqual({ preset: 'year', range: { from: '2026-01-01', to: '2027-01-01' } });
    expect(parseReportQuery(new URLSearchParams('from=2026-03-05&to=2026-04-01'), midYear))
      .toEqual({ preset: 'custom', range: { from: '2026-03-05', to: '2026-04-01' } });
    expect(parseReportQuery(new URLSearchParams('period=bogus&from=x'), midYear).preset).toBe('this-month');
    expect(reportSearch('custom', { from: '2026-03-05', to: '2026-04-01' })).toBe('?from=2026-03-05&to=2026-04-01');
    expect(reportSearch('last-month', { from: '2026-05-01', to: '2026-06-01' })).toBe('?period=last-month');
  });
});
