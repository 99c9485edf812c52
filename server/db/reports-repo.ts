import type { IncidentStatus } from '../contracts.ts';
import type { Db } from './database.ts';

/** Local days YYYY-MM-DD (Asia/Ho_Chi_Minh), `to` exclusive. */
export interface DayRange {
  from: string;
  to: string;
}

export interface KindStatusCount {
  categoryId: string;
  status: IncidentStatus;
  n: number;
}

/** A day range as part-month days at the start, whole months (YYYY-MM, `to` exclusive), part-month days at the end. */
export interface SplitRange {
  head: DayRange;
  months: DayRange;
  tail: DayRange;
}

const monthAfter = (day: string) => {
  const [y, m] = [Number(day.slice(0, 4)), Number(day.slice(5, 7))];
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
};

export function splitByMonths(r: DayRange): SplitRange {
  const firstWhole = r.from.endsWith('-01') ? r.from : monthAfter(r.from);
  const lastWhole = `${r.to.slice(0, 7)}-01`;
  if (firstWhole >= lastWhole) return { head: r, months: { from: '', to: '' }, tail: { from: '', to: '' } };
  return {
    head: { from: r.from, to: firstWhole },
    months: { from: firstWhole.slice(0, 7), to: lastWhole.slice(0, 7) },
    tail: { from: lastWhole, to: r.to },
  };
}

const params = (r: DayRange) => {
  const s = splitByMonths(r);
  return { d1: s.head.from, d2: s.head.to, m1: s.months.from, m2: s.months.to, d3: s.tail.from, d4: s.tail.to };
};

/** rows of a per-day table in the range, read as per-day ends + per-month middle */
const union = (cols: string, daily: string, monthly: string) => `
  SELECT ${cols}, n FROM ${daily} WHERE day >= @d1 AND day < @d2
  UNION ALL SELECT ${cols}, n FROM ${monthly} WHERE month >= @m1 AND month < @m2
  UNION ALL SELECT ${cols}, n FROM ${daily} WHERE day >= @d3 AND day < @d4`;

/**
 * The review report's counts, read from the per-day and per-month tables of migrations 010 and 011 (kept by
 * triggers on incidents and incident_cameras), never from the incidents themselves: a year is about twelve months
 * of kinds × statuses and cameras, whatever the number of incidents.
 */
export class ReportsRepo {
  private readonly byKindStatus;
  private readonly byDay;
  private readonly total;
  private readonly byCamera;
  private readonly cameraName;

  constructor(db: Db) {
    this.byKindStatus = db.prepare(`SELECT category_id AS categoryId, status, SUM(n) AS n FROM (${union('category_id, status',
      'report_daily_incidents', 'report_monthly_incidents')}) GROUP BY category_id, status HAVING SUM(n) > 0`);
    this.total = db.prepare(`SELECT COALESCE(SUM(n), 0) FROM (${union('category_id', 'report_daily_incidents',
      'report_monthly_incidents')})`).pluck();
    this.byDay = db.prepare(`SELECT day, SUM(n) AS n FROM report_daily_incidents WHERE day >= ? AND day < ?
      GROUP BY day HAVING SUM(n) > 0`);
    this.byCamera = db.prepare(`SELECT camera_id AS cameraId, SUM(n) AS n FROM (${union('camera_id', 'report_daily_cameras',
      'report_monthly_cameras')}) GROUP BY camera_id HAVING SUM(n) > 0`);
    // the name a camera had on its newest incident: for cameras deleted since
    this.cameraName = db.prepare(`SELECT camera_name FROM incident_cameras WHERE camera_id = ?
      ORDER BY occurred_at DESC LIMIT 1`).pluck();
  }

  countsByKindStatus(r: DayRange): KindStatusCount[] {
    return this.byKindStatus.all(params(r)) as KindStatusCount[];
  }

  /** All incidents of a range. */
  countTotal(r: DayRange): number {
    return this.total.get(params(r)) as number;
  }

  /** Incidents per local day with any (meant for short ranges: the weekly chart). */
  countsByDay(r: DayRange): Map<string, number> {
    return new Map((this.byDay.all(r.from, r.to) as { day: string; n: number }[]).map((x) => [x.day, x.n]));
  }

  /** Incidents per camera (an incident seen by two cameras counts for both). */
  countsByCamera(r: DayRange): Map<string, number> {
    return new Map((this.byCamera.all(params(r)) as { cameraId: string; n: number }[]).map((x) => [x.cameraId, x.n]));
  }

  /** The name a camera had when its newest incident was made (null: no incident names it). */
  lastCameraName(cameraId: string): string | null {
    return (this.cameraName.get(cameraId) as string | undefined) ?? null;
  }
}
