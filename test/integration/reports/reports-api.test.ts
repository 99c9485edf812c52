// The review report against the real hub process and its SQLite file: incidents flagged through the API at chosen
// times (this year's November and last year's), counted by kind, status and camera, compared, worded, exported.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CameraDto, IncidentDto, ReportSummaryDto } from '../../../server/contracts.ts';
import { residentArea } from '../../helpers/areas.ts';
import { login, startTestHub, type TestHub } from '../../helpers/hub.ts';

let hub: TestHub;
let admin: string;
let cams: CameraDto[];

async function api(method: string, p: string, body?: unknown, cookie: string | null = admin) {
  const res = await fetch(`${hub.url}${p}`, {
    method,
    headers: { ...(cookie ? { cookie } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, text, headers: res.headers, json: text && text.startsWith('{') ? JSON.parse(text) : undefined };
}

async function flag(category: string, occurredAt: string, cameraIds = [cams[0]!.id]): Promise<IncidentDto> {
  const r = await api('POST', '/api/incidents', { cameraIds, category, occurredAt });
  expect(r.status, r.text).toBe(201);
  return r.json.incident as IncidentDto;
}

const summary = async (from: string, to: string) => {
  const r = await api('GET', `/api/reports/summary?from=${from}&to=${to}`);
  expect(r.status, r.text).toBe(200);
  return r.json as ReportSummaryDto;
};

beforeAll(async () => {
  hub = await startTestHub({ demo: true, config: { commune: { name: 'Tân Lập' } } });
  admin = await login(hub.url, 'admin', hub.adminPassword);
  cams = (await api('GET', '/api/cameras')).json.cameras as CameraDto[];
  expect(cams.length).toBeGreaterThanOrEqual(2);

  // November 2025 in Vietnam runs from 2025-10-31T17:00Z to 2025-11-30T17:00Z
  await flag('theft', '2025-10-31T17:00:00Z'); // 00:00 on 1 Nov, local: in
  await flag('theft', '2025-11-12T03:00:00Z', [cams[0]!.id, cams[1]!.id]); // seen by two cameras
  await flag('theft', '2025-11-30T16:59:59Z'); // 23:59:59 on 30 Nov, local: in
  await flag('traffic-accident', '2025-11-05T01:00:00Z', [cams[1]!.id]);
  const moving = await flag('traffic-accident', '2025-11-20T10:00:00Z', [cams[1]!.id]);
  await flag('fire', '2025-11-21T10:00:00Z');
  await flag('theft', '2025-10-31T16:59:59Z'); // 23:59:59 on 31 Oct, local: out
  await flag('theft', '2025-11-30T17:00:00Z'); // 00:00 on 1 Dec, local: out
  // November 2024: 8
  for (const at of ['01', '03', '09', '15', '28']) await flag('theft', `2024-11-${at}T05:00:00Z`);
  for (const at of ['02', '10']) await flag('traffic-accident', `2024-11-${at}T05:00:00Z`);
  const recat = await flag('theft', '2024-11-11T05:00:00Z');
  // today's status and kind count, not the ones at flagging time
  expect((await api('PATCH', `/api/incidents/${moving.id}`, { status: 'in_progress' })).status).toBe(200);
  expect((await api('PATCH', `/api/incidents/${recat.id}`, { category: 'drugs' })).status).toBe(200);
}, 60_000);

afterAll(async () => {
  await hub?.close();
});

describe('GET /api/reports/summary', () => {
  it('counts a month by kind, status and camera against the same month last year, in local days', async () => {
    const r = await summary('2025-11-01', '2025-12-01');
    expect(r.kind).toBe('month');
    expect(r.period).toMatchObject({ from: '2025-11-01', to: '2025-12-01', lastDay: '2025-11-30', days: 30, fromUtc: '2025-10-31T17:00:00.000Z' });
    expect(r.lastYearPeriod).toMatchObject({ from: '2024-11-01', to: '2024-12-01' });
    expect(r.total).toEqual({ count: 6, lastYear: 8, change: -2, changePercent: -25 });
    const cat = Object.fromEntries(r.byCategory.map((c) => [c.key, [c.count, c.lastYear, c.changePercent]]));
    expect(cat).toMatchObject({ theft: [3, 5, -40], 'traffic-accident': [2, 2, 0], fire: [1, 0, null], drugs: [0, 1, -100], other: [0, 0, null] });
    expect(r.byCategory.find((c) => c.key === 'theft')).toMatchObject({ labelVi: 'Trộm cắp', labelEn: 'Theft' });
    const st = Object.fromEntries(r.byStatus.map((s) => [s.key, s.count]));
    expect(st).toEqual({ new: 5, in_progress: 1, resolved: 0, closed: 0 });
    const byCam = Object.fromEntries(r.byCamera.map((c) => [c.key, [c.count, c.lastYear]]));
    expect(byCam[cams[0]!.id]).toEqual([4, 8]);
    expect(byCam[cams[1]!.id]).toEqual([3, 0]);
    expect(r.byCamera[0]!.labelVi).toBe(cams[0]!.name);
    expect(r.areas).toEqual({ available: false, rows: [] });
    expect(r.cameras.total).toBe(cams.length);
    expect(r.cameras.uptimePercent).toBeNull(); // no status history a year ago
  });

  it('words the period the seeds\' way, with the commune from config', async () => {
    const r = await summary('2025-11-01', '2025-12-01');
    expect(r.titleVi).toBe('BÁO CÁO SƠ KẾT TÌNH HÌNH AN NINH, TRẬT TỰ THÁNG 11/2025');
    expect(r.commune).toMatchObject({ name: 'Tân Lập', policePost: 'Công an xã Tân Lập' });
    expect(r.sentenceVi).toBe('Trong tháng 11/2025, trên địa bàn xã Tân Lập xảy ra 6 vụ việc liên quan đến ANTT, giảm 2 vụ (25%)'
      + ' so với cùng kỳ năm trước; trong đó 3 vụ trộm cắp, 2 vụ tai nạn giao thông và 1 vụ cháy nổ.');
    expect(r.sentenceEn).toMatch(/^In November 2025, 6 incidents related to security and order occurred in Tân Lập commune, 2 fewer \(25%\)/);
  });

  it('gives a month a weekly series from its first day, lined up with last year, adding up to the totals', async () => {
    const r = await summary('2025-11-01', '2025-12-01');
    expect(r.series.unit).toBe('week');
    expect(r.series.buckets.map((b) => [b.from, b.count, b.lastYearFrom, b.lastYear])).toEqual([
      ['2025-11-01', 2, '2024-11-01', 3], ['2025-11-08', 1, '2024-11-08', 3], ['2025-11-15', 2, '2024-11-15', 1],
      ['2025-11-22', 0, '2024-11-22', 1], ['2025-11-29', 1, '2024-11-29', 0],
    ]);
  });

  it('gives a year monthly bars and the year word "tổng kết"', async () => {
    const r = await summary('2025-01-01', '2026-01-01');
    expect(r.kind).toBe('year');
    expect(r.titleVi).toMatch(/^BÁO CÁO TỔNG KẾT .* NĂM 2025$/);
    expect(r.series.unit).toBe('month');
    expect(r.series.buckets).toHaveLength(12);
    expect(r.series.buckets.map((b) => b.count)).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 6, 1]);
    expect(r.total).toMatchObject({ count: 8, lastYear: 8 });
  });

  it('gives camera uptime in the period from the status history once a camera has been watched', async () => {
    const now = new Date(Date.now() + 7 * 3600_000); // the local month, UTC+7
    const [y, m] = [now.getUTCFullYear(), now.getUTCMonth() + 1];
    const month = (yy: number, mm: number) => new Date(Date.UTC(yy, mm - 1, 1)).toISOString().slice(0, 10);
    const [from, to] = [month(y, m), month(y, m + 1)];
    const before = await summary(from, to);
    expect(before.cameras.uptimePercent).toBeNull(); // nothing watched nor recorded yet: nobody wanted a camera
    expect(before.cameras.uptime).toEqual([]);
    const live = await fetch(`${hub.url}/live/${cams[0]!.id}/sub/index.m3u8`, { headers: { cookie: admin } });
    expect(live.status).toBe(200);
    await live.text();
    await expect.poll(async () => (await summary(from, to)).cameras.uptime.map((u) => u.key), { timeout: 20_000, interval: 250 })
      .toEqual([cams[0]!.id]);
    const after = await summary(from, to);
    expect(after.cameras.uptimePercent).toBeGreaterThan(0);
    expect(after.cameras.uptime[0]).toMatchObject({ label: cams[0]!.name, pct: after.cameras.uptimePercent });
  });

  it('refuses bad and too long ranges with report-bad-range', async () => {
    for (const q of ['from=2025-12-01&to=2025-11-01', 'from=2025-11-01&to=2025-11-01', 'from=2024-01-01&to=2025-06-01',
      'from=2025-02-29&to=2025-03-01', 'from=2025-11', 'to=2025-12-01', 'from=hôm-qua&to=2025-12-01']) {
      const r = await api('GET', `/api/reports/summary?${encodeURI(q)}`);
      expect(r.status, q).toBe(400);
      expect(r.json.error.code, q).toBe('report-bad-range');
      expect(r.json.error.message.length).toBeGreaterThan(10);
    }
    expect((await api('GET', '/api/reports/summary?from=2025-11-01&to=2025-12-01&x=1')).json.error.code).toBe('validation-failed');
  });

  it('is for staff only: residents get 403, no session 401', async () => {
    expect((await api('POST', '/api/users', { username: 'dan', displayName: 'Người dân', role: 'resident', password: 'resident-pass-1', areaId: await residentArea(hub.url, admin) })).status).toBe(201);
    const resident = await login(hub.url, 'dan', 'resident-pass-1');
    const r = await api('GET', '/api/reports/summary?from=2025-11-01&to=2025-12-01', undefined, resident);
    expect(r.status).toBe(403);
    expect((await api('GET', '/api/reports/summary.csv?from=2025-11-01&to=2025-12-01', undefined, resident)).status).toBe(403);
    expect((await api('GET', '/api/reports/summary?from=2025-11-01&to=2025-12-01', undefined, null)).status).toBe(401);
  });
});

describe('GET /api/reports/summary.csv', () => {
  it('sends UTF-8 with a BOM, semicolons and Vietnamese labels, as an attachment', async () => {
    const res = await fetch(`${hub.url}/api/reports/summary.csv?from=2025-11-01&to=2025-12-01`, { headers: { cookie: admin } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="bao-cao-2025-11-01-2025-11-30.csv"');
    const bytes = Buffer.from(await res.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString('utf8').split('\r\n');
    expect(lines[0]).toBe('BÁO CÁO SƠ KẾT TÌNH HÌNH AN NINH, TRẬT TỰ THÁNG 11/2025');
    expect(lines).toContain('Tổng số;Tổng số vụ việc;6;8;-2;-25');
    expect(lines).toContain('Loại vụ việc;Trộm cắp;3;5;-2;-40');
    const en = await api('GET', '/api/reports/summary.csv?from=2025-11-01&to=2025-12-01&lang=en');
    expect(en.text.split('\r\n')).toContain('Total,All incidents,6,8,-2,-25');
  });
});
