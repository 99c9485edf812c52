// Recording failures become alerts stored in the database: one alert per camera and kind while nobody has
// acknowledged it (repeats count), pushed to admins (alert:created and the banner's storage:alert) and never to
// police; still there after a hub restart. The failure is real: today's folder of a demo camera is a link into
// /proc, where no file can be created (as in the storage-alert e2e test).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlertDto } from '../../../server/contracts.ts';
import { login, startTestHub, type TestHub } from '../../helpers/hub.ts';
import { apiClient, connectSocket, eventually, userCookie } from '../sources/source-helpers.ts';

const vnDay = (t: number) => new Date(t + 7 * 3600_000).toISOString().slice(0, 10);
const CONFIG = { recording: { segmentSec: 5, minFreeGB: 0 } };

let hub: TestHub;
let api: ReturnType<typeof apiClient>;
let police: ReturnType<typeof apiClient>;
const sockets: Socket[] = [];
const seen = { admin: [] as string[], police: [] as string[] };

beforeAll(async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'matthan-hub-'));
  const camDir = path.join(dataDir, 'recordings', 'demo-1');
  fs.mkdirSync(camDir, { recursive: true });
  for (const day of new Set([vnDay(Date.now()), vnDay(Date.now() + 120_000)])) fs.symlinkSync('/proc/self', path.join(camDir, day));
  hub = await startTestHub({ demo: true, dataDir, config: CONFIG });
  const adminCookie = await login(hub.url, 'admin', hub.adminPassword);
  api = apiClient(hub, adminCookie);
  const policeCookie = await userCookie(hub, 'lan.ca', 'police');
  police = apiClient(hub, policeCookie);
  for (const [who, cookie] of [['admin', adminCookie], ['police', policeCookie]] as const) {
    const s = await connectSocket(hub, cookie);
    s.on('alert:created', (a: AlertDto) => seen[who].push(`alert:${a.kind}`));
    s.on('storage:alert', () => seen[who].push('storage'));
    sockets.push(s);
  }
}, 60_000);
afterAll(async () => {
  sockets.forEach((s) => s.close());
  await hub?.close();
});

describe('storage alerts in the database', () => {
  it('stores a recording failure once, counts repeats, and tells admins only', async () => {
    const failure = (count: number) => eventually(async () => {
      const list = (await api('GET', '/api/alerts?state=open')).json.alerts as AlertDto[];
      return list.find((a) => a.kind === 'recording-failed' && a.count >= count);
    }, 40_000, `recording failure ×${count}`);
    const record = async (mode: 'continuous' | 'off') => expect((await api('PATCH', '/api/cameras/demo-1', { recording: { mode } })).status).toBe(200);
    await record('continuous');
    await failure(1);
    // recording again fails again: the same alert counts it
    await record('off');
    await record('continuous');
    const alert = await failure(2);
    expect(alert).toMatchObject({ severity: 'critical', cameraId: 'demo-1', acknowledged: null });
    expect(alert.cameraName).toContain('(demo)');
    const all = (await api('GET', '/api/alerts?state=all')).json.alerts as AlertDto[];
    expect(all.filter((a) => a.kind === 'recording-failed')).toHaveLength(1);
    expect(seen.admin.filter((e) => e === 'alert:recording-failed')).toHaveLength(1);
    expect(seen.admin.filter((e) => e === 'storage').length).toBeGreaterThanOrEqual(2);
    expect(seen.police).toEqual([]);
    expect((await police('GET', '/api/alerts?state=all')).json.alerts).toEqual([]);
    expect((await police('POST', `/api/alerts/${alert.id}/ack`)).status).toBe(404);
  }, 60_000);

  it('is still open after a hub restart, for an admin who connects later', async () => {
    expect((await api('PATCH', '/api/cameras/demo-1', { recording: { mode: 'off' } })).status).toBe(200);
    const password = hub.adminPassword;
    await hub.close();
    hub = await startTestHub({ demo: true, dataDir: hub.dataDir, config: CONFIG, env: { HUB_ADMIN_PASSWORD: password } });
    api = apiClient(hub, await login(hub.url, 'admin', password));
    const list = (await api('GET', '/api/alerts?state=open')).json.alerts as AlertDto[];
    expect(list.filter((a) => a.kind === 'recording-failed' && a.acknowledged === null)).toHaveLength(1);
  }, 60_000);
});
