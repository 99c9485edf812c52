// Camera health end to end with a real hub and a real GStreamer camera: the camera dies → after the configured
// time (0.05 min here) an offline alert is stored and pushed to staff; it comes back → a back-online alert closes
// it and the outage is on the 24 h strip; acknowledging records who; a hub restart keeps alerts and history;
// residents get nothing.
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlertDto, CameraHealthDto } from '../../../server/contracts.ts';
import { RtspCamera } from '../../fixtures/rtsp-camera.ts';
import { openLive } from '../live-push/live-client.ts';
import { login, startTestHub, type TestHub } from '../../helpers/hub.ts';
import { apiClient, connectSocket, eventually, userCookie } from '../sources/source-helpers.ts';

const CONFIG = {
  health: { offlineAlertMinutes: 0.05, flapSec: 1 },
  recording: { defaultMode: 'continuous', segmentSec: 5 },
  media: { connectTimeoutSec: 2 },
};

let hub: TestHub;
let camera: RtspCamera;
let adminPassword: string;
let api: ReturnType<typeof apiClient>;
let policeCookie: string;
let residentCookie: string;
let socket: Socket | undefined;
const pushed: { event: string; alert: AlertDto }[] = [];

beforeAll(async () => {
  camera = await RtspCamera.start({ mounts: ['/main:320x180@15:15'] });
  hub = await startTestHub({ config: CONFIG });
  adminPassword = hub.adminPassword;
  api = apiClient(hub, await login(hub.url, 'admin', adminPassword));
  policeCookie = await userCookie(hub, 'nam.ca', 'police');
  residentCookie = await userCookie(hub, 'hoa.dan', 'resident');
  socket = await connectSocket(hub, policeCookie);
  socket.on('alert:created', (alert: AlertDto) => pushed.push({ event: 'created', alert }));
  socket.on('alert:acknowledged', (alert: AlertDto) => pushed.push({ event: 'acknowledged', alert }));
}, 60_000);
afterAll(async () => {
  socket?.close();
  await hub?.close();
  await camera?.kill();
});

const alertsOf = async (state: 'open' | 'all', cookie?: string) => {
  const r = await api('GET', `/api/alerts?state=${state}`, undefined, cookie);
  expect(r.status, r.text).toBe(200);
  return r.json.alerts as AlertDto[];
};

describe('camera health and alerts', () => {
  let id: string;
  let offline: AlertDto;

  it('stores and pushes an offline alert once the camera has been down for the configured time', async () => {
    const r = await api('POST', '/api/cameras', { name: 'Ngã ba chợ Tân Lập', source: { kind: 'rtsp', url: camera.url() } });
    expect(r.status, r.text).toBe(201);
    id = r.json.camera.id;
    await eventually(async () => ((await api('GET', `/api/cameras/${id}`)).json.camera.status === 'online' ? true : undefined), 20_000, 'online');
    expect(await alertsOf('open')).toEqual([]);

    await camera.kill();
    offline = await eventually(async () => (await alertsOf('open')).find((a) => a.kind === 'camera-offline' && a.cameraId === id), 30_000, 'offline alert');
    expect(offline).toMatchObject({ severity: 'critical', cameraName: 'Ngã ba chợ Tân Lập', resolvedAt: null, acknowledged: null });
    expect(offline.message.length).toBeGreaterThan(0);
    // it was raised no sooner than 3 s after the outage began
    expect(Date.parse(offline.createdAt) - Date.parse(String(offline.detail?.since))).toBeGreaterThanOrEqual(3000);
    await eventually(() => pushed.find((p) => p.event === 'created' && p.alert.id === offline.id), 5000, 'offline alert pushed');

    const h = (await api('GET', `/api/cameras/${id}/health`)).json.health as CameraHealthDto;
    expect(h.status).toBe('offline');
    expect(h.lastError?.reason).toBe(offline.message);
    expect(h.openAlerts).toBe(1);
  }, 90_000);

  it('back online closes the alert, and the outage is on the 24 h strip with a reconnect', async () => {
    await camera.restart();
    const online = await eventually(async () => (await alertsOf('open')).find((a) => a.kind === 'camera-online' && a.cameraId === id), 40_000, 'online alert');
    expect(online.relatedId).toBe(offline.id);
    expect(Number(online.detail?.outageMs)).toBeGreaterThanOrEqual(3000);
    const all = await alertsOf('all');
    expect(all.find((a) => a.id === offline.id)?.resolvedAt).not.toBeNull();
    await eventually(() => pushed.find((p) => p.event === 'created' && p.alert.id === online.id), 5000, 'online alert pushed');

    const r = await api('GET', `/api/cameras/${id}/health`);
    expect(r.status, r.text).toBe(200);
    const h = r.json.health as CameraHealthDto;
    expect(h.status).toBe('online');
    const outage = h.strip.intervals.find((i) => i.status === 'offline');
    expect(outage).toBeDefined();
    expect(Date.parse(outage!.to) - Date.parse(outage!.from)).toBeGreaterThanOrEqual(3000);
    expect(h.strip.intervals.at(-1)?.status).toBe('online');
    expect(h.reconnects.h24).toBe(1);
    expect(h.uptime.h24.pct).toBeGreaterThan(0);
    expect(h.uptime.h24.pct).toBeLessThan(100);
    expect(h.uptime.h24.offlineMs).toBeGreaterThanOrEqual(3000);
    // the recorder keeps the main stream running: what it is comes from ffmpeg's output
    expect(h.media.main).toMatchObject({ codecName: 'H.264', width: 320, height: 180, longGop: false });
    expect(h.media.main.codec).toMatch(/^avc1\./);
  }, 90_000);

  it('acknowledging records who and when, for the offline alert and its back-online alert', async () => {
    const police = apiClient(hub, policeCookie);
    const r = await police('POST', `/api/alerts/${offline.id}/ack`);
    expect(r.status, r.text).toBe(200);
    expect(r.json.alert.acknowledged.by.username).toBe('nam.ca');
    expect(Date.parse(r.json.alert.acknowledged.at)).toBeGreaterThan(Date.parse(offline.createdAt));
    expect((await alertsOf('open')).filter((a) => a.cameraId === id)).toEqual([]);
    await eventually(() => (pushed.filter((p) => p.event === 'acknowledged').length === 2 ? true : undefined), 5000, 'acks pushed');
    // admin acknowledging again keeps the police officer
    expect((await api('POST', `/api/alerts/${offline.id}/ack`)).json.alert.acknowledged.by.username).toBe('nam.ca');
  });

  it('counts the live push viewers of the camera', async () => {
    const viewers = async () => ((await api('GET', `/api/cameras/${id}/health`)).json.health as CameraHealthDto).pushViewers;
    expect(await viewers()).toBe(0);
    const a = await openLive(hub.url, policeCookie);
    const b = await openLive(hub.url, policeCookie);
    a.send({ op: 'sub', ch: 1, cameraId: id, stream: 'main' });
    b.send({ op: 'sub', ch: 2, cameraId: id, stream: 'main' });
    await eventually(async () => ((await viewers()) === 2 ? true : undefined), 10_000, 'two viewers');
    await a.close();
    await eventually(async () => ((await viewers()) === 1 ? true : undefined), 10_000, 'one viewer left');
    await b.close();
  });

  it('a new incident is an alert linking to it, pushed to staff', async () => {
    const police = apiClient(hub, policeCookie);
    const r = await police('POST', '/api/incidents', { cameraIds: [id], category: 'theft', title: 'Trộm xe máy trước chợ' });
    expect(r.status, r.text).toBe(201);
    const incidentId: number = r.json.incident.id;
    const alert = await eventually(async () => (await alertsOf('open')).find((a) => a.kind === 'incident' && a.incidentId === incidentId), 5000, 'incident alert');
    expect(alert).toMatchObject({ severity: 'warning', cameraId: id, cameraName: 'Ngã ba chợ Tân Lập', detail: { title: 'Trộm xe máy trước chợ' } });
    await eventually(() => pushed.find((p) => p.event === 'created' && p.alert.id === alert.id), 5000, 'incident alert pushed');
    expect((await police('POST', `/api/alerts/${alert.id}/ack`)).status).toBe(200);
  });

  it('refuses residents, strangers and nonsense', async () => {
    expect((await api('GET', '/api/alerts', undefined, residentCookie)).status).toBe(403);
    expect((await api('POST', `/api/alerts/${offline.id}/ack`, undefined, residentCookie)).status).toBe(403);
    expect((await api('GET', `/api/cameras/${id}/health`, undefined, residentCookie)).status).toBe(404);
    expect((await api('GET', '/api/alerts', undefined, null)).status).toBe(401);
    expect((await api('GET', `/api/cameras/${id}/health`, undefined, null)).status).toBe(401);
    const bad = await api('GET', '/api/alerts?state=closed');
    expect(bad.status).toBe(400);
    expect(bad.json.error.code).toBe('invalid-query');
    expect((await api('POST', '/api/alerts/abc/ack')).json.error.code).toBe('invalid-alert-id');
    const none = await api('POST', '/api/alerts/999999/ack');
    expect([none.status, none.json.error.code]).toEqual([404, 'alert-not-found']);
    expect((await api('GET', '/api/cameras/nope/health')).status).toBe(404);
  });

  it('keeps alerts and history across a hub restart', async () => {
    const before = await alertsOf('all');
    await hub.close();
    hub = await startTestHub({ dataDir: hub.dataDir, config: CONFIG, env: { HUB_ADMIN_PASSWORD: adminPassword } });
    api = apiClient(hub, await login(hub.url, 'admin', adminPassword));
    const after = await alertsOf('all');
    expect(after.map((a) => [a.id, a.kind, a.acknowledged?.by.username])).toEqual(before.map((a) => [a.id, a.kind, a.acknowledged?.by.username]));
    const h = (await api('GET', `/api/cameras/${id}/health`)).json.health as CameraHealthDto;
    expect(h.strip.intervals.some((i) => i.status === 'offline')).toBe(true);
    expect(h.reconnects.h24).toBe(1);
  }, 60_000);
});
