// The incidents page's filters as they live in the address bar (/incidents?range=7d&status=new&q=…), turned
// into the API's query, and the check of a pushed incident against them.
import type { IncidentDto, IncidentStatus } from '../../../../server/contracts.ts';
import type { IncidentFilter } from '../../api/incidents-api.ts';
import { shiftDay, vnDay, vnDayBounds } from '../../time-format.ts';
import { STATUSES } from './incident-labels.ts';

export type RangePreset = 'today' | '7d' | '30d' | 'all' | 'custom';
export const RANGE_PRESETS: readonly RangePreset[] = ['today', '7d', '30d', 'all', 'custom'];

export interface IncidentView {
  range: RangePreset;
  /** custom range, local days YYYY-MM-DD (inclusive) */
  fromDay: string;
  toDay: string;
  cameraId: string;
  category: string;
  status: IncidentStatus | '';
  q: string;
}

export function parseView(q: URLSearchParams, now: Date): IncidentView {
  const range = (RANGE_PRESETS as readonly string[]).includes(q.get('range') ?? '') ? (q.get('range') as RangePreset) : '7d';
  const status = q.get('status') ?? '';
  const today = vnDay(now);
  const day = (v: string | null, fallback: string) => (v && vnDayBounds(v) ? v : fallback);
  return {
    range,
    fromDay: day(q.get('from'), shiftDay(today, -6)),
    toDay: day(q.get('to'), today),
    cameraId: q.get('camera') ?? '',
    category: q.get('category') ?? '',
    status: (STATUSES as readonly string[]).includes(status) ? (status as IncidentStatus) : '',
    q: (q.get('q') ?? '').slice(0, 200),
  };
}

export function viewToSearch(v: IncidentView): string {
  const q = new URLSearchParams();
  if (v.range !== '7d') q.set('range', v.range);
  if (v.range === 'custom') {
    q.set('from', v.fromDay);
    q.set('to', v.toDay);
  }
  if (v.cameraId) q.set('camera', v.cameraId);
  if (v.category) q.set('category', v.category);
  if (v.status) q.set('status', v.status);
  if (v.q.trim()) q.set('q', v.q.trim());
  const s = q.toString();
  return s ? `?${s}` : '';
}

/** The time span of a view: presets end "now or later" (open), so new incidents keep arriving. */
export function viewSpan(v: IncidentView, now: Date): { from?: Date; to?: Date } {
  const today = vnDay(now);
  const startOf = (day: string) => vnDayBounds(day)?.start;
  switch (v.range) {
    case 'today':
      return { from: startOf(today) };
    case '7d':
      return { from: startOf(shiftDay(today, -6)) };
    case '30d':
      return { from: startOf(shiftDay(today, -29)) };
    case 'all':
      return {};
    case 'custom': {
      const [a, b] = v.fromDay <= v.toDay ? [v.fromDay, v.toDay] : [v.toDay, v.fromDay];
      return { from: startOf(a), to: vnDayBounds(b)?.end };
    }
  }
}

export function viewToFilter(v: IncidentView, now: Date): IncidentFilter {
  const span = viewSpan(v, now);
  return {
    from: span.from?.toISOString(),
    to: span.to?.toISOString(),
    cameraId: v.cameraId || undefined,
    category: v.category || undefined,
    status: v.status || undefined,
    q: v.q.trim() || undefined,
  };
}

/**
 * Whether a pushed incident belongs in the list. Text search runs on the hub (diacritics folded, notes
 * included), so with words typed the answer is "unknown" and the page offers to reload instead.
 */
export function matchesView(i: IncidentDto, v: IncidentView, now: Date): boolean | 'unknown' {
  const span = viewSpan(v, now);
  const at = Date.parse(i.occurredAt);
  if (span.from && at < span.from.getTime()) return false;
  if (span.to && at >= span.to.getTime()) return false;
  if (v.cameraId && !i.clips.some((c) => c.cameraId === v.cameraId)) return false;
  if (v.category && i.category.id !== v.category) return false;
  if (v.status && i.status !== v.status) return false;
  return v.q.trim() ? 'unknown' : true;
}
