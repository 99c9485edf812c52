// The period picker's presets, in local days of Asia/Ho_Chi_Minh (UTC+7, no daylight saving). Pure.

export type PeriodPreset = 'this-month' | 'last-month' | 'quarter' | 'half' | 'year' | 'custom';
export const PRESETS: PeriodPreset[] = ['this-month', 'last-month', 'quarter', 'half', 'year', 'custom'];

export interface DayRange {
  /** first day, YYYY-MM-DD */
  from: string;
  /** the day after the last, YYYY-MM-DD */
  to: string;
}

const VN_OFFSET_MS = 7 * 3600_000;
const DAY_MS = 86_400_000;
const iso = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d)).toISOString().slice(0, 10);

/** today's local date in Vietnam */
export function todayVn(now: Date): { year: number; month: number; date: number } {
  const t = new Date(now.getTime() + VN_OFFSET_MS);
  return { year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, date: t.getUTCDate() };
}

/** The range of a preset at `now`: this month, last month, this quarter, this half year, this year. */
export function presetRange(preset: Exclude<PeriodPreset, 'custom'>, now: Date): DayRange {
  const { year, month } = todayVn(now);
  switch (preset) {
    case 'this-month': return { from: iso(year, month, 1), to: iso(year, month + 1, 1) };
    case 'last-month': return { from: iso(year, month - 1, 1), to: iso(year, month, 1) };
    case 'quarter': {
      const first = month - ((month - 1) % 3);
      return { from: iso(year, first, 1), to: iso(year, first + 3, 1) };
    }
    case 'half': return month <= 6 ? { from: iso(year, 1, 1), to: iso(year, 7, 1) } : { from: iso(year, 7, 1), to: iso(year + 1, 1, 1) };
    case 'year': return { from: iso(year, 1, 1), to: iso(year + 1, 1, 1) };
  }
}

/** the last day of a range (what people type as "đến ngày") and back */
export const lastDayOf = (r: DayRange) => new Date(Date.parse(r.to) - DAY_MS).toISOString().slice(0, 10);
export const dayAfter = (day: string) => new Date(Date.parse(day) + DAY_MS).toISOString().slice(0, 10);

const DAY_RE = /^\d{4}-\d{2}-\d{2}$/;

/** The page's address → preset and range (custom when from/to are given, else the preset, else this month). */
export function parseReportQuery(q: URLSearchParams, now: Date): { preset: PeriodPreset; range: DayRange } {
  const from = q.get('from');
  const to = q.get('to');
  if (from && to && DAY_RE.test(from) && DAY_RE.test(to)) return { preset: 'custom', range: { from, to } };
  const p = q.get('period') as PeriodPreset | null;
  const preset = p && PRESETS.includes(p) && p !== 'custom' ? p : 'this-month';
  return { preset, range: presetRange(preset, now) };
}

export function reportSearch(preset: PeriodPreset, range: DayRange): string {
  return preset === 'custom' ? `?from=${range.from}&to=${range.to}` : `?period=${preset}`;
}
