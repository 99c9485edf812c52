// Shared with the web app (type-only there; re-exported by server/contracts.ts).
// The period review report (sơ kết / tổng kết), /api/reports.

/** Counted in a period and in the same period one year earlier. */
export interface ReportChangeDto {
  count: number;
  lastYear: number;
  /** count − lastYear */
  change: number;
  /** change / lastYear in %, one decimal; null when last year had none */
  changePercent: number | null;
}

/** One row of a table: a kind, a status, a camera or an area. */
export interface ReportRowDto extends ReportChangeDto {
  key: string;
  labelVi: string;
  labelEn: string;
}

export interface ReportCameraRowDto extends ReportRowDto {
  /** the recorder (DVR/NVR) group the camera is under, if any */
  groupName: string | null;
  /** the camera has been deleted since; its label is the name it had on its newest incident */
  deleted: boolean;
}

export type ReportPeriodKind = 'month' | 'quarter' | 'half' | 'months' | 'year' | 'custom';

export interface ReportPeriodDto {
  /** first local day (Asia/Ho_Chi_Minh), YYYY-MM-DD */
  from: string;
  /** the day after the last, YYYY-MM-DD */
  to: string;
  /** the last day, for people: YYYY-MM-DD */
  lastDay: string;
  days: number;
  /** the same instants in UTC (ISO), for /api/incidents?from=&to= */
  fromUtc: string;
  toUtc: string;
}

/** One bar pair of the chart: a week (counted from the period's first day) or a calendar month. */
export interface ReportSeriesBucketDto {
  from: string;
  to: string;
  labelVi: string;
  labelEn: string;
  count: number;
  lastYearFrom: string;
  lastYearTo: string;
  lastYear: number;
}

export interface ReportUptimeRowDto {
  key: string;
  label: string;
  /** % of the time wanted in the period that the camera was online */
  pct: number;
  offlineHours: number;
}

/** GET /api/reports/summary?from=YYYY-MM-DD&to=YYYY-MM-DD (staff only). */
export interface ReportSummaryDto {
  commune: { kind: 'xã' | 'phường' | 'thị trấn'; name: string; policePost: string; placeVi: string; placeEn: string };
  kind: ReportPeriodKind;
  period: ReportPeriodDto;
  lastYearPeriod: ReportPeriodDto;
  /** "tháng 11/2026", "quý IV/2026", … as they follow "Trong" / "In" */
  labelVi: string;
  labelEn: string;
  /** "BÁO CÁO SƠ KẾT TÌNH HÌNH AN NINH, TRẬT TỰ THÁNG 11/2026" */
  titleVi: string;
  titleEn: string;
  total: ReportChangeDto;
  /** every kind, configured order; kinds no longer configured appear when they have incidents */
  byCategory: ReportRowDto[];
  /** the four statuses, today's status of each incident of the period */
  byStatus: ReportRowDto[];
  /** cameras with incidents in either period, most first; an incident on two cameras counts for both */
  byCamera: ReportCameraRowDto[];
  /** by hamlet / residential group: the area each camera is in now (an incident seen by two cameras counts for both);
   *  not available while the commune has no areas */
  areas: { available: boolean; rows: ReportRowDto[] };
  series: { unit: 'week' | 'month'; buckets: ReportSeriesBucketDto[] };
  /** the cameras registered now, and their uptime in the period from the status history (server/health) */
  cameras: {
    total: number;
    recording: number;
    notRecording: number;
    /** online / (online + offline) over the period, all cameras together (server/health's definition); null when no
     *  camera was wanted — watched or recorded — in the period, or its history is gone (kept health.historyDays) */
    uptimePercent: number | null;
    /** hours cameras were wanted but offline in the period, all cameras together */
    offlineHours: number;
    /** cameras with an uptime in the period, lowest first */
    uptime: ReportUptimeRowDto[];
  };
  sentenceVi: string;
  sentenceEn: string;
  generatedAt: string;
}
