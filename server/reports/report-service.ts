// The review report (sơ kết / tổng kết): counts of a period by kind, status, camera and area, against the same
// period one year earlier, a chart series, the camera summary and the summary sentence in Vietnamese and English.
import type {
  IncidentStatus, ReportCameraRowDto, ReportPeriodDto, ReportRowDto, ReportSeriesBucketDto, ReportSummaryDto,
  ReportUptimeRowDto,
} from '../contracts.ts';
import type { DayRange, ReportsRepo } from '../db/reports-repo.ts';
import {
  dayParts, dayStartUtc, formatDay, lastYearOf, type Period, seriesBuckets, seriesUnitOf, shapeOf,
} from './period.ts';
import {
  changeOf, type CommuneInfo, communePlace, periodLabel, policePostName, reportTitle, summarySentence,
} from './wording.ts';

export interface ReportCamera {
  id: string;
  name: string;
  groupName: string | null;
  recording: boolean;
  /** the area the camera is in now (server/areas); null when not placed */
  areaId: number | null;
}

export interface ReportServiceDeps {
  repo: ReportsRepo;
  /** incident kinds in configured order (inactive ones after) */
  categories(): { id: string; vi: string; en: string; active: boolean }[];
  /** the cameras registered now, with their effective recording mode */
  cameras(): ReportCamera[];
  /** the commune's areas (thôn / tổ dân phố); none: the report has no by-area table */
  areas?(): { id: number; name: string }[];
  commune: CommuneInfo;
  /** a camera's time online and offline in [from, to) ms, from its status history (HealthService.uptimeBetween) */
  uptime?(cameraId: string, from: number, to: number): { onlineMs: number; offlineMs: number };
  now?: () => Date;
}

const STATUSES: { id: IncidentStatus; vi: string; en: string }[] = [
  { id: 'new', vi: 'Mới', en: 'New' },
  { id: 'in_progress', vi: 'Đang xử lý', en: 'In progress' },
  { id: 'resolved', vi: 'Đã giải quyết', en: 'Resolved' },
  { id: 'closed', vi: 'Đã đóng', en: 'Closed' },
];

const dayRange = (p: Period): DayRange => ({ from: formatDay(p.from), to: formatDay(p.to) });

const periodDto = (p: Period): ReportPeriodDto => ({
  from: formatDay(p.from), to: formatDay(p.to), lastDay: formatDay(p.to - 1), days: p.to - p.from,
  fromUtc: dayStartUtc(p.from).toISOString(), toUtc: dayStartUtc(p.to).toISOString(),
});

const sum = (m: Map<string, number>, from: number, to: number) => {
  const [f, t] = [formatDay(from), formatDay(to)];
  let n = 0;
  for (const [day, count] of m) if (day >= f && day < t) n += count;
  return n;
};

const pad2 = (n: number) => String(n).padStart(2, '0');
const dm = (day: number) => {
  const { month, date } = dayParts(day);
  return `${pad2(date)}/${pad2(month)}`;
};

export class ReportService {
  private readonly now: () => Date;
  /** one collator: localeCompare(…, 'vi') builds a new one per call, which costs more than the whole report */
  private readonly collator = new Intl.Collator('vi');

  constructor(private readonly deps: ReportServiceDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  summary(p: Period): ReportSummaryDto {
    const { repo, commune } = this.deps;
    const ly = lastYearOf(p);
    const [cur, prev] = [dayRange(p), dayRange(ly)];
    const ks = repo.countsByKindStatus(cur);
    const ksLy = repo.countsByKindStatus(prev);
    const total = changeOf(ks.reduce((a, r) => a + r.n, 0), ksLy.reduce((a, r) => a + r.n, 0));

    const tally = (rows: typeof ks, key: 'categoryId' | 'status') => {
      const m = new Map<string, number>();
      for (const r of rows) m.set(r[key], (m.get(r[key]) ?? 0) + r.n);
      return m;
    };
    const [cat, catLy] = [tally(ks, 'categoryId'), tally(ksLy, 'categoryId')];
    const byCategory: ReportRowDto[] = this.deps.categories()
      .filter((c) => c.active || cat.has(c.id) || catLy.has(c.id))
      .map((c) => ({ key: c.id, labelVi: c.vi, labelEn: c.en, ...changeOf(cat.get(c.id) ?? 0, catLy.get(c.id) ?? 0) }));
    const [st, stLy] = [tally(ks, 'status'), tally(ksLy, 'status')];
    const byStatus: ReportRowDto[] = STATUSES.map((s) => ({
      key: s.id, labelVi: s.vi, labelEn: s.en, ...changeOf(st.get(s.id) ?? 0, stLy.get(s.id) ?? 0),
    }));

    const cameras = this.deps.cameras();
    // per camera, this period and last year's: read once, for the camera and the area tables
    const [perCamera, perCameraLy] = [repo.countsByCamera(cur), repo.countsByCamera(prev)];
    const byCamera = this.cameraRows(cameras, perCamera, perCameraLy);

    const unit = seriesUnitOf(p);
    const buckets = seriesBuckets(p, unit);
    // weeks: one read of the period's days; months: each month's total (whole months come from the monthly counts)
    const [days, daysLy] = unit === 'week' ? [repo.countsByDay(cur), repo.countsByDay(prev)] : [null, null];
    const count = (perDay: Map<string, number> | null, from: number, to: number) =>
      perDay ? sum(perDay, from, to) : repo.countTotal({ from: formatDay(from), to: formatDay(to) });
    const series: ReportSeriesBucketDto[] = buckets.current.map((b, i) => {
      const l = buckets.lastYear[i]!;
      const { month, year } = dayParts(b.from);
      const [labelVi, labelEn] = unit === 'month'
        ? [`T${month}/${year}`, `${pad2(month)}/${year}`]
        : [`${dm(b.from)}–${dm(b.to - 1)}`, `${dm(b.from)}–${dm(b.to - 1)}`];
      return {
        from: formatDay(b.from), to: formatDay(b.to), labelVi, labelEn, count: count(days, b.from, b.to),
        lastYearFrom: formatDay(l.from), lastYearTo: formatDay(l.to), lastYear: count(daysLy, l.from, l.to),
      };
    });

    const kinds = byCategory.map((c) => ({ id: c.key, vi: c.labelVi, en: c.labelEn, count: c.count }));
    const recording = cameras.filter((c) => c.recording).length;
    const up = this.uptime(cameras, p);
    return {
      commune: { ...commune, policePost: policePostName(commune), placeVi: communePlace(commune, 'vi'), placeEn: communePlace(commune, 'en') },
      kind: shapeOf(p).kind,
      period: periodDto(p),
      lastYearPeriod: periodDto(ly),
      labelVi: periodLabel(p, 'vi'),
      labelEn: periodLabel(p, 'en'),
      titleVi: reportTitle(p, 'vi'),
      titleEn: reportTitle(p, 'en'),
      total,
      byCategory,
      byStatus,
      byCamera,
      areas: this.areaRows(cameras, perCamera, perCameraLy),
      series: { unit, buckets: series },
      cameras: { total: cameras.length, recording, notRecording: cameras.length - recording, ...up },
      sentenceVi: summarySentence(p, commune, total, kinds, 'vi'),
      sentenceEn: summarySentence(p, commune, total, kinds, 'en'),
      generatedAt: this.now().toISOString(),
    };
  }

  /** uptime as server/health defines it, per camera and for all cameras together (online / wanted time) */
  private uptime(cameras: ReportCamera[], p: Period): Pick<ReportSummaryDto['cameras'], 'uptimePercent' | 'offlineHours' | 'uptime'> {
    const [from, to] = [dayStartUtc(p.from).getTime(), dayStartUtc(p.to).getTime()];
    const hours = (ms: number) => Math.round(ms / 360_000) / 10;
    const pct = (on: number, off: number) => Math.round((on / (on + off)) * 1000) / 10;
    let [online, offline] = [0, 0];
    const rows: ReportUptimeRowDto[] = [];
    for (const c of this.deps.uptime ? cameras : []) {
      const u = this.deps.uptime!(c.id, from, to);
      online += u.onlineMs;
      offline += u.offlineMs;
      if (u.onlineMs + u.offlineMs > 0) rows.push({ key: c.id, label: c.name, pct: pct(u.onlineMs, u.offlineMs), offlineHours: hours(u.offlineMs) });
    }
    rows.sort((a, b) => a.pct - b.pct || b.offlineHours - a.offlineHours || this.collator.compare(a.label, b.label));
    return { uptimePercent: online + offline > 0 ? pct(online, offline) : null, offlineHours: hours(offline), uptime: rows };
  }

  /**
   * Incidents by the area their camera is in now (an incident seen by two cameras counts for both, as by camera);
   * cameras deleted since, or not placed, count under "no area".
   */
  private areaRows(cameras: ReportCamera[], cur: Map<string, number>, prev: Map<string, number>): ReportSummaryDto['areas'] {
    const areas = this.deps.areas?.() ?? [];
    if (areas.length === 0) return { available: false, rows: [] };
    const areaOf = new Map(cameras.map((c) => [c.id, c.areaId]));
    const add = (into: Map<number | null, number>, counts: Map<string, number>) => {
      for (const [id, n] of counts) {
        const a = areaOf.get(id) ?? null;
        into.set(a, (into.get(a) ?? 0) + n);
      }
      return into;
    };
    const [now, ly] = [add(new Map(), cur), add(new Map(), prev)];
    const rows: ReportRowDto[] = areas.map((a) => ({ key: String(a.id), labelVi: a.name, labelEn: a.name, ...changeOf(now.get(a.id) ?? 0, ly.get(a.id) ?? 0) }));
    if (now.has(null) || ly.has(null)) {
      rows.push({ key: 'none', labelVi: 'Chưa gán khu vực', labelEn: 'No area', ...changeOf(now.get(null) ?? 0, ly.get(null) ?? 0) });
    }
    return { available: true, rows: rows.filter((r) => r.count > 0 || r.lastYear > 0).sort((a, b) => b.count - a.count || b.lastYear - a.lastYear) };
  }

  private cameraRows(cameras: ReportCamera[], cur: Map<string, number>, prev: Map<string, number>): ReportCameraRowDto[] {
    const known = new Map(cameras.map((c) => [c.id, c]));
    const ids = new Set([...cur.keys(), ...prev.keys()]);
    return [...ids].map((id) => {
      const c = known.get(id);
      const name = c?.name ?? this.deps.repo.lastCameraName(id) ?? id;
      return {
        key: id, labelVi: name, labelEn: name, groupName: c?.groupName ?? null, deleted: !c,
        ...changeOf(cur.get(id) ?? 0, prev.get(id) ?? 0),
      };
    }).sort((a, b) => b.count - a.count || b.lastYear - a.lastYear || this.collator.compare(a.labelVi, b.labelVi));
  }
}
