// Footage requests (trích xuất hình ảnh) end to end, through the real hub process: a GStreamer RTSP camera recorded
// continuously belongs to a resident who shares it with the police on request; an officer asks for a range, the
// owner approves, the clip is cut into a new incident (ffprobe) and the custody log names the consent. Declines,
// withdrawals, expiry, footage that was never recorded, who may see and answer what, audit entries, the chain.
//
// The resident registers the camera with the consent "police on request" and an officer approves it through the
// hub's own endpoints (POST /api/cameras, POST /api/cameras/:id/approval), so the recorder records it because the
// rules say it may (mayRecord); people and areas are written into the database as the other resident tests do.
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Consent, FootageRequestDto, IncidentDetailDto } from '../../../server/contracts.ts';
import { RtspCamera } from '../../fixtures/rtsp-camera.ts';
import { login, startTestHub, type TestHub } from '../../helpers/hub.ts';
import { addAreas, hubDb, person } from '../residents/resident-setup.ts';
import { apiClient, connectSocket, eventually, type ApiAnswer } from '../sources/source-helpers.ts';

let cam: RtspCamera;
let hub: TestHub;
let db: Database.Database;
const cookies: Record<string, string> = {};
const ids: Record<string, number> = {};
/** the resident's camera shared on request; another shared live only; one shared with nobody */
let onRequest: string;
let liveOnly: string;
let unshared: string;
let ownerSocket: Socket;
let officerSocket: Socket;
const seen: { who: string; event: string; r: FootageRequestDto }[] = [];

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const as = (who: string, method: string, p: string, body?: unknown): Promise<ApiAnswer> =>
  apiClient(hub, cookies[who]!)(method, p, body);
const code = (r: ApiAnswer) => `${r.status} ${r.json?.error?.code}`;
const ago = (s: number) => new Date(Date.now() - s * 1000).toISOString();

/** The resident registers a camera with these shares; the officer approves it. */
async function residentCamera(name: string, mount: string, shares: Consent[]): Promise<string> {
  const r = await as('chunha', 'POST', '/api/cameras', { name, place: 'cổng nhà, nhìn ra ngõ 12', shares, source: { kind: 'rtsp', url: cam.url(mount) } });
  expect(r.status, r.text).toBe(201);
  const id = r.json.camera.id as string;
  const ok = await as('congan', 'POST', `/api/cameras/${id}/approval`, { decision: 'approve' });
  expect(ok.status, ok.text).toBe(200);
  return id;
}

beforeAll(async () => {
  cam = await RtspCamera.start({ mounts: ['/main:640x360@25:25', '/b:320x180@10:10'] });
  hub = await startTestHub({ config: { recording: { defaultMode: 'continuous', segmentSec: 6, minFreeGB: 0 } } });
  cookies.admin = await login(hub.url, 'admin', hub.adminPassword);
  const areas = addAreas(hub);
  const people = [['congan', 'police', null], ['congan2', 'police', null], ['vanhanh', 'operator', null],
    ['chunha', 'resident', areas.to1], ['hangxom', 'resident', areas.to1], ['khac', 'resident', areas.to2]] as const;
  for (const [u, role, area] of people) {
    const p = await person(hub, u, role, area);
    cookies[u] = p.cookie;
    ids[u] = p.id;
  }
  db = hubDb(hub);
  db.prepare('INSERT INTO user_area_limits (user_id, area_id) VALUES (?, ?)').run(ids.congan2, areas.to2);
  cookies.congan2 = await login(hub.url, 'congan2', 'congan2-pw-123'); // area limits are read at login

  onRequest = await residentCamera('Cổng nhà ông Tư', '/main', ['police-on-request']);
  liveOnly = await residentCamera('Ngõ 12', '/b', ['police-live']);
  unshared = await residentCamera('Sân sau', '/b', []);

  ownerSocket = await connectSocket(hub, cookies.chunha!);
  officerSocket = await connectSocket(hub, cookies.congan!);
  for (const [who, s] of [['chunha', ownerSocket], ['congan', officerSocket]] as const) {
    s.on('footage-request:created', (r: FootageRequestDto) => seen.push({ who, event: 'created', r }));
    s.on('footage-request:updated', (r: FootageRequestDto) => seen.push({ who, event: 'updated', r }));
  }
  await sleep(14_000); // two segments recorded
}, 90_000);

afterAll(async () => {
  ownerSocket?.close();
  officerSocket?.close();
  db?.close();
  await hub?.close();
  await cam?.stop();
});

const ask = (body: Record<string, unknown>, who = 'congan') =>
  as(who, 'POST', '/api/footage-requests', { cameraId: onRequest, reason: 'Trộm xe máy trước cổng, cần xác minh', ...body });

describe('asking', () => {
  it('refuses bad ranges, cameras without the request right, and people who are not officers', async () => {
    const range = { from: ago(10), to: ago(2) };
    expect(code(await ask({ from: ago(5), to: ago(10) }))).toBe('400 bad-time-range');
    expect(code(await ask({ from: ago(10), to: new Date(Date.now() + 600_000).toISOString() }))).toBe('400 bad-time-range');
    expect(code(await ask({ from: ago(3 * 3600), to: ago(10) }))).toBe('400 bad-time-range');
    expect(code(await ask({ ...range, reason: '' }))).toBe('400 validation-failed');
    expect(code(await ask({ ...range, reason: 'x'.repeat(501) }))).toBe('400 validation-failed');
    expect(code(await ask({ ...range, incidentId: 9999 }))).toBe('404 incident-not-found');
    expect(code(await ask({ ...range, category: 'no-such' }))).toBe('400 unknown-category');
    // shared with nobody: the camera does not exist for the police
    expect(code(await ask({ ...range, cameraId: unshared }))).toBe('404 camera-not-found');
    // shared live: they may play it back and flag it themselves, no one's leave needed
    expect(code(await ask({ ...range, cameraId: liveOnly }))).toBe('409 footage-request-not-needed');
    // an operator is no officer; an officer limited to another area does not see the camera; the owner asks nobody
    expect(code(await ask(range, 'vanhanh'))).toBe('404 camera-not-found');
    expect(code(await ask(range, 'congan2'))).toBe('404 camera-not-found');
    expect(code(await ask(range, 'chunha'))).toBe('403 forbidden');
    expect(code(await ask(range, 'hangxom'))).toBe('404 camera-not-found');
  });
});

describe('an approved request', () => {
  let req: FootageRequestDto;

  it('reaches the owner, who sees who asks, why and for which range', async () => {
    const r = await ask({ from: ago(12), to: ago(3) });
    expect(r.status).toBe(201);
    req = r.json.request;
    expect(req).toMatchObject({
      cameraId: onRequest, cameraName: 'Cổng nhà ông Tư', cameraPlace: 'cổng nhà, nhìn ra ngõ 12', incidentId: null,
      status: 'pending', requestedBy: { id: ids.congan, displayName: 'congan', role: 'police' }, clip: null,
    });
    await eventually(() => seen.find((e) => e.who === 'chunha' && e.event === 'created' && e.r.id === req.id), 5000, 'created event');
    const mine = (await as('chunha', 'GET', '/api/footage-requests?status=pending')).json.requests as FootageRequestDto[];
    expect(mine.map((x) => x.id)).toEqual([req.id]);
    expect(mine[0]!.reason).toBe('Trộm xe máy trước cổng, cần xác minh');
  });

  it('is hidden from and cannot be answered by anyone but the owner', async () => {
    expect((await as('hangxom', 'GET', '/api/footage-requests')).json.requests).toEqual([]);
    expect((await as('khac', 'GET', '/api/footage-requests')).json.requests).toEqual([]);
    expect(code(await as('khac', 'GET', `/api/footage-requests/${req.id}`))).toBe('404 footage-request-not-found');
    expect((await as('congan2', 'GET', '/api/footage-requests')).json.requests).toEqual([]);
    expect(code(await as('vanhanh', 'GET', '/api/footage-requests'))).toBe('403 forbidden');
    expect(code(await as('congan2', 'GET', `/api/footage-requests/${req.id}`))).toBe('404 footage-request-not-found');
    const approve = { decision: 'approve' };
    expect(code(await as('hangxom', 'POST', `/api/footage-requests/${req.id}/answer`, approve))).toBe('404 footage-request-not-found');
    expect(code(await as('khac', 'POST', `/api/footage-requests/${req.id}/answer`, approve))).toBe('404 footage-request-not-found');
    expect(code(await as('vanhanh', 'POST', `/api/footage-requests/${req.id}/answer`, approve))).toBe('404 footage-request-not-found');
    expect(code(await as('admin', 'POST', `/api/footage-requests/${req.id}/answer`, approve))).toBe('403 footage-request-not-owner');
    expect(code(await as('congan', 'POST', `/api/footage-requests/${req.id}/answer`, approve))).toBe('403 footage-request-not-owner');
    expect(code(await as('chunha', 'POST', `/api/footage-requests/${req.id}/withdraw`))).toBe('403 footage-request-not-requester');
    expect(code(await as('hangxom', 'POST', `/api/footage-requests/${req.id}/withdraw`))).toBe('404 footage-request-not-found');
  });

  it('cuts the clip of that range into a new incident flagged by the requester, with the consent in its custody log', async () => {
    const r = await as('chunha', 'POST', `/api/footage-requests/${req.id}/answer`, { decision: 'approve', note: 'Gửi các anh' });
    expect(r.status).toBe(200);
    const approved = r.json.request as FootageRequestDto;
    expect(approved).toMatchObject({ status: 'approved', answeredBy: { id: ids.chunha }, answerNote: 'Gửi các anh' });
    expect(approved.incidentId).toEqual(expect.any(Number));
    expect(approved.incidentTitle).toBe('Trích xuất hình ảnh — Cổng nhà ông Tư');
    expect(code(await as('chunha', 'POST', `/api/footage-requests/${req.id}/answer`, { decision: 'decline' }))).toBe('409 footage-request-closed');

    const incident = await eventually(async () => {
      const d = (await as('congan', 'GET', `/api/incidents/${approved.incidentId}`)).json.incident as IncidentDetailDto;
      return d.clips[0]?.status === 'pending' ? undefined : d;
    }, 40_000, 'the clip');
    expect(incident.createdBy.username).toBe('congan');
    expect(incident.category.id).toBe('other');
    const clip = incident.clips[0]!;
    expect(clip).toMatchObject({ cameraId: onRequest, status: 'ready' });
    const file = await as('congan', 'GET', `/api/incidents/${incident.id}/clips/${onRequest}.mp4`);
    expect(crypto.createHash('sha256').update(file.bytes).digest('hex')).toBe(clip.sha256);
    const tmp = path.join(hub.dataDir, 'request-clip.mp4');
    fs.writeFileSync(tmp, file.bytes);
    const duration = Number(execFileSync('ffprobe', ['-v', 'error', '-show_entries', 'format=duration', '-of', 'csv=p=0', tmp]).toString());
    expect(Math.abs(duration - 9)).toBeLessThanOrEqual(1.05); // 9 s asked, exact to a GOP (1 s)

    const custody = db.prepare('SELECT user_id AS userId, username, action, detail, at FROM custody_log WHERE incident_id = ? ORDER BY id')
      .all(incident.id) as { userId: number; username: string; action: string; detail: string; at: string }[];
    expect(custody[0]).toMatchObject({ action: 'create', username: 'congan' });
    const consent = custody.find((c) => c.action === 'consent')!;
    expect(consent).toMatchObject({ userId: ids.chunha, username: 'chunha' });
    expect(consent.detail).toContain(`footage request #${req.id} approved by chunha`);
    expect(consent.detail).toContain(`range ${req.from} → ${req.to}`);
    expect(consent.detail).toContain('Trộm xe máy trước cổng');
    expect(consent.detail).toContain(`at ${approved.answeredAt}`);

    // both sides learn the clip is ready
    for (const who of ['chunha', 'congan']) {
      await eventually(() => seen.find((e) => e.who === who && e.r.id === req.id && e.r.clip?.status === 'ready'), 5000, `${who} told`);
    }
  }, 60_000);
});

describe('declined, withdrawn, expired, never recorded', () => {
  it('a decline leaves no clip in the named incident', async () => {
    const flag = await as('congan', 'POST', '/api/incidents', { cameraIds: [liveOnly], category: 'theft' });
    expect(flag.status).toBe(201);
    const incidentId = flag.json.incident.id as number;
    const r = await ask({ from: ago(12), to: ago(4), incidentId });
    expect(r.status).toBe(201);
    expect(r.json.request.incidentTitle).toBe(flag.json.incident.title);
    expect(code(await ask({ from: ago(12), to: ago(4), incidentId }))).toBe('409 footage-request-duplicate');
    const d = await as('chunha', 'POST', `/api/footage-requests/${r.json.request.id}/answer`, { decision: 'decline', note: 'Không liên quan' });
    expect(d.json.request).toMatchObject({ status: 'declined', answerNote: 'Không liên quan', clip: null });
    const incident = (await as('congan', 'GET', `/api/incidents/${incidentId}`)).json.incident as IncidentDetailDto;
    expect(incident.clips.map((c) => c.cameraId)).toEqual([liveOnly]);
    const actions = db.prepare('SELECT action FROM custody_log WHERE incident_id = ? ORDER BY id').pluck().all(incidentId);
    expect(actions).toEqual(expect.arrayContaining(['footage-request', 'footage-declined']));
  });

  it('a withdrawn request cannot be answered; an unanswered one expires', async () => {
    const r = (await ask({ from: ago(12), to: ago(4) })).json.request as FootageRequestDto;
    expect(code(await as('congan2', 'POST', `/api/footage-requests/${r.id}/withdraw`))).toBe('404 footage-request-not-found');
    expect((await as('congan', 'POST', `/api/footage-requests/${r.id}/withdraw`)).json.request.status).toBe('withdrawn');
    expect(code(await as('chunha', 'POST', `/api/footage-requests/${r.id}/answer`, { decision: 'approve' }))).toBe('409 footage-request-closed');

    const old = (await ask({ from: ago(12), to: ago(4) })).json.request as FootageRequestDto;
    db.prepare('UPDATE footage_requests SET created_at = ? WHERE id = ?').run(ago(8 * 86400), old.id);
    const list = (await as('chunha', 'GET', '/api/footage-requests')).json.requests as FootageRequestDto[];
    expect(list.find((x) => x.id === old.id)!.status).toBe('expired');
    expect(code(await as('chunha', 'POST', `/api/footage-requests/${old.id}/answer`, { decision: 'approve' }))).toBe('409 footage-request-closed');
  });

  it('approving a range that was never recorded is allowed, and both sides read why the clip failed', async () => {
    const r = (await ask({ from: ago(3600), to: ago(3540) })).json.request as FootageRequestDto;
    const a = await as('chunha', 'POST', `/api/footage-requests/${r.id}/answer`, { decision: 'approve' });
    expect(a.json.request.status).toBe('approved');
    const failed = await eventually(async () => {
      const x = (await as('chunha', 'GET', `/api/footage-requests/${r.id}`)).json.request as FootageRequestDto;
      return x.clip?.status === 'failed' ? x : undefined;
    }, 15_000, 'the clip to fail');
    expect(failed.clip!.error).toMatch(/No recorded footage/);
    const officer = (await as('congan', 'GET', `/api/footage-requests/${r.id}`)).json.request as FootageRequestDto;
    expect(officer.clip).toEqual(failed.clip);
    await eventually(() => seen.find((e) => e.who === 'congan' && e.r.id === r.id && e.r.clip?.status === 'failed'), 5000, 'officer told');
  });
});

describe('accountability', () => {
  it('writes footage-request, request-approved and request-declined to the access log, and the chain holds', async () => {
    const entries = (await as('admin', 'GET', '/api/audit?limit=500')).json.entries as { action: string; cameraId: string; incidentId: number | null; username: string }[];
    const of = (action: string) => entries.filter((e) => e.action === action);
    expect(of('footage-request').length).toBe(5);
    expect(of('footage-request').every((e) => e.cameraId === onRequest && e.username === 'congan')).toBe(true);
    expect(of('request-approved')).toHaveLength(2);
    expect(of('request-approved').every((e) => e.incidentId !== null && e.username === 'chunha')).toBe(true);
    expect(of('request-declined')).toHaveLength(1);
    expect(of('request-declined')[0]!.incidentId).toEqual(expect.any(Number));
    expect((await as('admin', 'GET', '/api/audit/verify')).json).toMatchObject({ ok: true });
  });
});
