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

/**
 * The review report's counts, read from the per-day tables of migration 010 (kept by triggers on incidents and
 * incident_cameras), never from the incidents themselves: a year is at most 366 × kinds × statuses rows.
 */
export class ReportsRepo {
  private readonly byKindStatus;
  private readonly byDay;
  private readonly byCamera;
  private readonly cameraName;

  constructor(db: Db) {
    this.byKindStatus = db.prepare(`SELECT category_id AS categoryId, status, SUM(n) AS n FROM report_daily_incidents
      WHERE day >= ? AND day < ? GROUP BY category_id, status HAVING SUM(n) > 0`);
    this.byDay = db.prepare(`SELECT day, SUM(n) AS n FROM report_daily_incidents WHERE day >= ? AND day < ?
      GROUP BY day HAVING SUM(n) > 0`);
    this.byCamera = db.prepare(`SELECT camera_id AS cameraId, SUM(n) AS n FROM report_daily_cameras
      WHERE day >= ? AND day < ? GROUP BY camera_id HAVING SUM(n) > 0`);
    // the name a camera had on its newest incident: for cameras deleted since
    this.cameraName = db.prepare(`SELECT camera_name FROM incident_cameras WHERE camera_id = ?
      ORDER BY occurred_at DESC LIMIT 1`).pluck();
  }

  countsByKindStatus(r: DayRange): KindStatusCount[] {
    return this.byKindStatus.all(r.from, r.to) as KindStatusCount[];
  }

  /** Incidents per local day with any. */
  countsByDay(r: DayRange): Map<string, number> {
    return new Map((this.byDay.all(r.from, r.to) as { day: string; n: number }[]).map((x) => [x.day, x.n]));
  }

  /** Incidents per camera (an incident seen by two cameras counts for both). */
  countsByCamera(r: DayRange): Map<string, number> {
    return new Map((this.byCamera.all(r.from, r.to) as { cameraId: string; n: number }[]).map((x) => [x.cameraId, x.n]));
  }

  /** The name a camera had when its newest incident was made (null: no incident names it). */
  lastCameraName(cameraId: string): string | null {
    return (this.cameraName.get(cameraId) as string | undefined) ?? null;
  }
}
