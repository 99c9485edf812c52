// Residents' own cameras against the real hub, a real GStreamer RTSP camera and a real RTMP push: registration
// (pending, only the owner sees it), an officer's approval, consent taking effect at once (socket rooms, live push,
// recording, footage held for an incident, deletion on request), the owner's access log, the audit chain.
import fs from 'node:fs';
import path from 'node:path';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RtspCamera } from '../../fixtures/rtsp-camera.ts';
import { login, startTestHub, type TestHub } from '../../helpers/hub.ts';
import { openLive, type LiveClient } from '../live-push/live-client.ts';
import { apiClient, connectSocket, eventually, freePort, pushRtmp } from '../sources/source-helpers.ts';
import { addAreas, mentions, person, recordEvents, segments, type Areas } from './resident-setup.ts';

let hub: TestHub;
let camera: RtspCamera;
let areas: Areas;
let admin: ReturnType<typeof apiClient>;
let police: ReturnType<typeof apiClient>;
let operator: ReturnType<typeof apiClient>;
let owner: ReturnType<typeof apiClient>;
let neighbour: ReturnType<typeof apiClient>;
let stranger: ReturnType<typeof apiClient>;
let cookies: Record<string, string>;
let ownerId: number;
let cameraId: string;
const sockets: Socket[] = [];
const lives: LiveClient[] = [];
let strangerEvents: { event: string; payload: unknown }[];
let operatorEvents: { event: string; payload: unknown }[];
let ownerEvents: { event: string; payload: unknown }[];
let neighbourEvents: { event: string; payload: unknown }[];

beforeAll(async () => {
  camera = await RtspCamera.start({ mounts: ['/main:320x180@15:15'] });
  hub = await startTestHub({
    config: {
      media: { idleTimeoutSec: 2 },
      recording: { defaultMode: 'continuous', segmentSec: 5 },
      ingest: { port: await freePort() },
    },
  });
  areas = addAreas(hub);
  const adminCookie = await login(hub.url, 'admin', hub.adminPassword);
  const o = await person(hub, 'chu.nha', 'resident', areas.to1);
  ownerId = o.id;
  cookies = {
    admin: adminCookie,
    police: (await person(hub, 'cong.an', 'police')).cookie,
    operator: (await person(hub, 'dieu.hanh', 'operator')).cookie,
    owner: o.cookie,
    neighbour: (await person(hub, 'hang.xom', 'resident', areas.to1)).cookie,
    stranger: (await person(hub, 'to.khac', 'resident', areas.to2)).cookie,
    noArea: (await person(hub, 'chua.xep', 'resident', null)).cookie,
  };
  const as = (k: string) => apiClient(hub, cookies[k]!);
  [admin, police, operator, owner, neighbour, stranger] = [as('admin'), as('police'), as('operator'), as('owner'), as('neighbour'), as('stranger')];
  const socket = async (k: string) => {
    const s = await connectSocket(hub, cookies[k]!);
    sockets.push(s);
    return recordEvents(s);
  };
  strangerEvents = await socket('stranger');
  operatorEvents = await socket('operator');
  ownerEvents = await socket('owner');
  neighbourEvents = await socket('neighbour');
}, 90_000);

afterAll(async () => {
  for (const l of lives) await l.close();
  for (const s of sockets) s.close();
  await hub?.close();
  await camera?.stop();
});

const rtsp = () => ({ kind: 'rtsp', url: camera.url('/main') });

describe('a resident registers a camera', () => {
  it('refuses what a resident may not do, and a resident without an area', async () => {
    const noArea = apiClient(hub, cookies.noArea!);
    expect((await noArea('POST', '/api/cameras', { name: 'Cổng', place: 'Cổng nhà', source: rtsp() })).json.error.code).toBe('resident-without-area');
    expect((await owner('POST', '/api/cameras', { name: 'Cổng', source: rtsp() })).json.error.code).toBe('place-required');
    expect((await owner('POST', '/api/cameras', { name: 'Cổng', place: 'x'.repeat(121), source: rtsp() })).status).toBe(400);
    expect((await owner('POST', '/api/cameras', { name: 'Cổng', place: 'Cổng\u0007', source: rtsp() })).status).toBe(400);
    const onvif = await owner('POST', '/api/cameras', { place: 'Cổng', source: { kind: 'onvif', host: '127.0.0.1', username: 'a', password: 'b' } });
    expect([onvif.status, onvif.json.error.code]).toEqual([403, 'source-kind-not-allowed']);
    expect((await owner('POST', '/api/cameras', { name: 'Cổng', place: 'Cổng', areaId: areas.to2, source: rtsp() })).status).toBe(403);
    expect((await police('POST', '/api/cameras', { name: 'Cổng', place: 'Cổng', source: rtsp() })).status).toBe(403);
    // a resident's recorder is added by the vendor's template: the list is theirs to read
    expect((await owner('GET', '/api/cameras/nvr-vendors')).json.vendors.length).toBeGreaterThan(0);
    expect((await police('GET', '/api/cameras/nvr-vendors')).status).toBe(403);
    expect((await operator('POST', '/api/cameras', { name: 'Cổng', place: 'Cổng', source: rtsp() })).status).toBe(403);
  });

  it('a new RTSP camera waits for approval, in the resident\'s area, shown to its owner and the officers alone', async () => {
    const r = await owner('POST', '/api/cameras', { name: 'Cổng nhà số 5', place: '  Cổng nhà, nhìn ra ngõ 12 ', source: rtsp() });
    expect(r.status, r.text).toBe(201);
    const c = r.json.camera;
    cameraId = c.id;
    expect(c).toMatchObject({ areaId: areas.to1, place: 'Cổng nhà, nhìn ra ngõ 12', owner: { id: ownerId }, shares: [], approval: { state: 'pending' } });
    expect((await owner('GET', `/api/cameras/${cameraId}`)).status).toBe(200);
    for (const other of [neighbour, stranger, operator]) expect((await other('GET', `/api/cameras/${cameraId}`)).status).toBe(404);
    expect((await neighbour('GET', '/api/cameras')).json.cameras.map((x: { id: string }) => x.id)).not.toContain(cameraId);
    // the officer: in the approvals list, with what to judge; a picture, but no live video
    const pending = await police('GET', '/api/approvals');
    expect(pending.status).toBe(200);
    expect(pending.json.cameras.find((x: { id: string }) => x.id === cameraId)).toMatchObject({
      place: 'Cổng nhà, nhìn ra ngõ 12', areaId: areas.to1, owner: { id: ownerId, displayName: 'chu.nha' }, shares: [],
    });
    expect((await operator('GET', '/api/approvals')).status).toBe(403);
    expect((await owner('GET', '/api/approvals')).status).toBe(403);
    const snap = await eventually(async () => {
      const s = await police('GET', `/api/cameras/${cameraId}/snapshot.jpg`);
      return s.status === 200 ? s : undefined;
    }, 30_000, 'snapshot of the pending camera');
    expect(snap.headers.get('content-type')).toMatch(/image\/jpeg/);
    expect((await police('GET', `/live/${cameraId}/main/index.m3u8`)).status).toBe(403);
    expect((await police('PUT', `/api/cameras/${cameraId}/consent`, { shares: ['police-live'] })).status).toBe(403);
  }, 60_000);

  it('an RTMP camera: the publish URL with its key goes to the owner alone; the push reaches the hub', async () => {
    const r = await owner('POST', '/api/cameras', { name: 'Sân sau', place: 'Sân sau', source: { kind: 'rtmp-push' } });
    expect(r.status, r.text).toBe(201);
    const publishUrl: string = r.json.camera.source.publishUrl;
    expect(publishUrl).toMatch(/^rtmp:\/\/.+\/live\/.+/);
    const key = publishUrl.split('/').pop()!;
    expect((await owner('GET', `/api/cameras/${r.json.camera.id}`)).json.camera.source.publishUrl).toBe(publishUrl);
    for (const staff of [admin, police]) {
      const seen = await staff('GET', `/api/cameras/${r.json.camera.id}`);
      expect(seen.status).toBe(200);
      expect(seen.text).not.toContain(key);
    }
    const pusher = pushRtmp(publishUrl);
    try {
      await eventually(async () => ((await owner('GET', `/api/cameras/${r.json.camera.id}`)).json.camera.source.publishing ? true : undefined), 30_000, 'publishing');
    } finally {
      pusher.process.kill('SIGTERM');
      await pusher.exited;
    }
    const rotated = await owner('POST', `/api/cameras/${r.json.camera.id}/rotate-key`);
    expect(rotated.status).toBe(200);
    expect(rotated.json.camera.source.publishUrl).not.toBe(publishUrl);
    expect((await police('DELETE', `/api/cameras/${r.json.camera.id}`)).status).toBe(403);
    expect((await owner('DELETE', `/api/cameras/${r.json.camera.id}`)).status).toBe(204);
  }, 60_000);

  it('a recorder\'s channels: one camera each, all the resident\'s, waiting, in their area', async () => {
    const r = await owner('POST', '/api/cameras', {
      name: 'Đầu thu nhà', place: 'Sân và cổng', source: { kind: 'nvr', vendor: 'hikvision', host: '127.0.0.1', username: 'admin', password: 'x', channels: [1, 2] },
    });
    expect(r.status, r.text).toBe(201);
    expect(r.json.cameras).toHaveLength(2);
    for (const c of r.json.cameras) {
      expect(c).toMatchObject({ areaId: areas.to1, place: 'Sân và cổng', owner: { id: ownerId }, approval: { state: 'pending' }, shares: [] });
      expect(c.source.hasPassword).toBe(true);
      expect(JSON.stringify(c)).not.toContain('"x"');
      expect((await neighbour('GET', `/api/cameras/${c.id}`)).status).toBe(404);
      expect((await owner('DELETE', `/api/cameras/${c.id}`)).status).toBe(204);
    }
  });

  it('a connection test is the resident\'s too, a few per window', async () => {
    const body = { place: 'Cổng', source: { kind: 'rtsp', url: `rtsp://127.0.0.1:${await freePort()}/none` } };
    const codes: number[] = [];
    for (let i = 0; i < 11; i++) codes.push((await stranger('POST', '/api/cameras/preview', body)).status);
    expect(codes.slice(0, 10).every((s) => s === 200)).toBe(true);
    const last = await stranger('POST', '/api/cameras/preview', body);
    expect([last.status, last.json.error.code]).toEqual([429, 'preview-rate-limited']);
    expect((await stranger('POST', '/api/cameras/preview', { source: { kind: 'onvif', host: '127.0.0.1' } })).status).toBe(403);
  }, 60_000);
});

describe('the post\'s own cameras', () => {
  it('an admin places them (area, place); they need no consent', async () => {
    const body = { name: 'Ngã ba chợ', place: 'Ngã ba chợ, hướng bắc', areaId: areas.to1, source: rtsp() };
    expect((await admin('POST', '/api/cameras', { ...body, shares: ['group'] })).status).toBe(400);
    const r = await admin('POST', '/api/cameras', body);
    expect(r.status, r.text).toBe(201);
    expect(r.json.camera).toMatchObject({ areaId: areas.to1, place: 'Ngã ba chợ, hướng bắc', owner: null, approval: { state: 'approved' } });
    const id = r.json.camera.id;
    const moved = await admin('PATCH', `/api/cameras/${id}`, { areaId: areas.to2, place: 'Ngã ba chợ' });
    expect(moved.json.camera).toMatchObject({ areaId: areas.to2, place: 'Ngã ba chợ' });
    const unknown = await admin('PATCH', `/api/cameras/${id}`, { areaId: 999_999 });
    expect([unknown.status, unknown.json.error.code]).toEqual([404, 'area-not-found']);
    expect((await police('PATCH', `/api/cameras/${id}`, { name: 'x' })).status).toBe(403);
    expect((await owner('GET', `/api/cameras/${id}`)).status).toBe(404);
    expect((await admin('DELETE', `/api/cameras/${id}`)).status).toBe(204);
  });
});

describe('approval and consent', () => {
  it('an officer approves (a decline needs a reason); the owner is told', async () => {
    const noReason = await police('POST', `/api/cameras/${cameraId}/approval`, { decision: 'decline' });
    expect([noReason.status, noReason.json.error.code]).toEqual([400, 'approval-reason-required']);
    expect((await police('POST', `/api/cameras/${cameraId}/approval`, { decision: 'suspend', reason: 'x' })).status).toBe(409);
    expect((await operator('POST', `/api/cameras/${cameraId}/approval`, { decision: 'approve' })).status).toBe(404);
    const ok = await police('POST', `/api/cameras/${cameraId}/approval`, { decision: 'approve' });
    expect(ok.status, ok.text).toBe(200);
    expect(ok.json.camera.approval).toMatchObject({ state: 'approved', by: 'cong.an' });
    await eventually(() => (ownerEvents.some((e) => e.event === 'camera:approval') ? true : undefined), 5000, 'camera:approval');
    expect(ownerEvents.find((e) => e.event === 'camera:approval')!.payload).toMatchObject({ cameraId, decision: 'approve', state: 'approved' });
    // approved but sharing nothing: still the owner's alone
    expect((await operator('GET', `/api/cameras/${cameraId}`)).status).toBe(404);
    expect((await neighbour('GET', `/api/cameras/${cameraId}`)).status).toBe(404);
  });

  it('police-live: staff see it; group: the neighbour in the same area watches it live, another area does not', async () => {
    // until now the camera was the owner's (and the officers') alone: no event of it reached the neighbour
    expect(mentions(neighbourEvents, cameraId)).toBe(false);
    const r = await owner('PUT', `/api/cameras/${cameraId}/consent`, { shares: ['police-live', 'group'] });
    expect(r.status, r.text).toBe(200);
    expect(r.json.camera.shares).toEqual(['police-live', 'group']);
    expect((await operator('GET', `/api/cameras/${cameraId}`)).status).toBe(200);
    const seen = await neighbour('GET', `/api/cameras/${cameraId}`);
    expect(seen.status).toBe(200);
    expect(seen.json.camera.owner.displayName).toBe(''); // a resident's camera, not whose
    const playlist = await eventually(async () => {
      const p = await neighbour('GET', `/live/${cameraId}/main/index.m3u8`);
      return p.status === 200 ? p : undefined;
    }, 30_000, 'neighbour playlist');
    expect(playlist.text).toContain('#EXTM3U');
    expect((await stranger('GET', `/api/cameras/${cameraId}`)).status).toBe(404);
    expect((await stranger('GET', `/live/${cameraId}/main/index.m3u8`)).status).toBe(404);
    await eventually(() => (operatorEvents.some((e) => e.event === 'camera:created' && mentions([e], cameraId)) ? true : undefined), 5000, 'operator camera:created');
  }, 60_000);

  it('withdrawing police-live ends a staff push view within a second, stops recording, keeps the incident\'s footage', async () => {
    // footage first: a few closed segments, and an incident on the first of them
    const closed = await eventually(() => {
      const rows = segments(hub, cameraId).filter((s) => s.complete === 1);
      return rows.length >= 3 ? rows : undefined;
    }, 60_000, 'three closed segments');
    const first = closed[0]!;
    const incident = await police('POST', '/api/incidents', {
      cameraIds: [cameraId], category: 'theft', occurredAt: new Date(first.start_at + 1000).toISOString(), preRollSec: 0, postRollSec: 1,
    });
    expect(incident.status, incident.text).toBe(201);

    const live = await openLive(hub.url, cookies.operator!);
    lives.push(live);
    live.send({ op: 'sub', ch: 1, cameraId, stream: 'main' });
    await live.until(() => live.binary(1).length > 3, 'media on the staff push');

    const t0 = Date.now();
    const r = await owner('PUT', `/api/cameras/${cameraId}/consent`, { shares: ['group'] });
    expect(r.status, r.text).toBe(200);
    await live.until(() => live.json(1).some((m) => m.op === 'error'), 'the subscription to end', 10_000);
    const ended = live.received.find((m) => m.kind === 'json' && m.msg.op === 'error')!;
    console.log(`[consent] staff push subscription ended ${ended.at - t0} ms after the withdrawal was sent`);
    expect(ended.kind === 'json' && ended.msg).toMatchObject({ op: 'error', code: 'camera-not-found' });
    expect(r.json.heldForIncidents).toBeGreaterThanOrEqual(1);
    expect(r.json.deletedRecordings).toBe(0);
    await eventually(() => (mentions(operatorEvents.filter((e) => e.event === 'camera:deleted'), cameraId) ? true : undefined), 5000, 'camera:deleted to staff');
    expect((await operator('GET', `/api/cameras/${cameraId}`)).status).toBe(404);
    expect((await operator('GET', `/live/${cameraId}/main/index.m3u8`)).status).toBe(404);

    // recording stopped: every row closed, and none added after a segment's length and more
    const after = segments(hub, cameraId);
    expect(after.every((s) => s.complete === 1)).toBe(true);
    await new Promise((res) => setTimeout(res, 7000));
    expect(segments(hub, cameraId).map((s) => s.id)).toEqual(after.map((s) => s.id));

    // delete on request: what the incident holds stays, the rest goes (rows and files)
    const del = await owner('PUT', `/api/cameras/${cameraId}/consent`, { shares: ['group'], deleteRecordings: true });
    expect(del.status, del.text).toBe(200);
    expect(del.json.deletedRecordings).toBeGreaterThanOrEqual(1);
    const left = segments(hub, cameraId);
    expect(left.length).toBe(del.json.heldForIncidents);
    expect(left.map((s) => s.id)).toContain(first.id);
    for (const s of after.filter((a) => !left.some((l) => l.id === a.id))) {
      expect(fs.existsSync(path.join(hub.dataDir, 'recordings', s.path))).toBe(false);
    }
  }, 120_000);

  it('withdrawing group ends the neighbour\'s view the same way; no event of the camera ever reached another area\'s resident', async () => {
    const live = await openLive(hub.url, cookies.neighbour!);
    lives.push(live);
    live.send({ op: 'sub', ch: 7, cameraId, stream: 'main' });
    await live.until(() => live.binary(7).length > 0, 'media on the neighbour push', 30_000);
    const t0 = Date.now();
    expect((await owner('PUT', `/api/cameras/${cameraId}/consent`, { shares: [] })).status).toBe(200);
    await live.until(() => live.json(7).some((m) => m.op === 'error'), 'the neighbour subscription to end', 10_000);
    console.log(`[consent] neighbour push subscription ended ${Date.now() - t0} ms after group was withdrawn`);
    expect((await neighbour('GET', `/api/cameras/${cameraId}`)).status).toBe(404);
    expect(mentions(strangerEvents, cameraId)).toBe(false);
  }, 60_000);

  it('the owner reads who watched (no address); consent changes are in the verified audit chain', async () => {
    const log = await owner('GET', `/api/cameras/${cameraId}/access-log`);
    expect(log.status, log.text).toBe(200);
    const actions = log.json.entries.map((e: { action: string }) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['snapshot', 'live-view-start']));
    expect(log.json.entries.find((e: { action: string }) => e.action === 'snapshot')).toMatchObject({ displayName: 'cong.an', role: 'police' });
    expect(log.text).not.toContain('127.0.0.1');
    expect(log.json.entries.every((e: object) => !('ip' in e))).toBe(true);
    expect((await neighbour('GET', `/api/cameras/${cameraId}/access-log`)).status).toBe(404);
    expect((await police('GET', `/api/cameras/${cameraId}/access-log`)).status).toBe(404);

    const audit = await admin('GET', `/api/audit?cameraId=${cameraId}`);
    const details = audit.json.entries.filter((e: { action: string }) => e.action === 'consent-change').map((e: { detail: string }) => e.detail);
    expect(details).toEqual(expect.arrayContaining(['police-live: bật→tắt', 'police-live: tắt→bật; group: tắt→bật']));
    expect(audit.json.entries.some((e: { action: string }) => e.action === 'camera-approved')).toBe(true);
    const verify = await admin('GET', '/api/audit/verify');
    expect(verify.json).toMatchObject({ ok: true });
  });

  it('pointing the camera elsewhere sends it back for approval; only the owner manages it', async () => {
    expect((await neighbour('PATCH', `/api/cameras/${cameraId}`, { name: 'x' })).status).toBe(404);
    expect((await admin('PATCH', `/api/cameras/${cameraId}`, { name: 'x' })).status).toBe(404);
    expect((await owner('PATCH', `/api/cameras/${cameraId}`, { areaId: areas.to2 })).status).toBe(403);
    const r = await owner('PATCH', `/api/cameras/${cameraId}`, { place: 'Cổng sau', source: { kind: 'rtsp', url: `${camera.url('/main')}?v=2` } });
    expect(r.status, r.text).toBe(200);
    expect(r.json.camera).toMatchObject({ place: 'Cổng sau', approval: { state: 'pending' } });
    expect((await owner('DELETE', `/api/cameras/${cameraId}`)).status).toBe(204);
  });
});
