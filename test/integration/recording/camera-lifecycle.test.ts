// Cameras added, changed and removed while the hub runs reach the recorder and the media sessions through the
// registry's events (no restart): with continuous recording by default, a camera added at run time is recorded;
// a deleted camera's recording stops and its camera session closes. Real hub, real GStreamer camera.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RtspCamera } from '../../fixtures/rtsp-camera.ts';
import { login, startTestHub, type TestHub } from '../../helpers/hub.ts';
import { apiClient, connectSocket, eventually } from '../sources/source-helpers.ts';

let hub: TestHub;
let camera: RtspCamera;
let api: ReturnType<typeof apiClient>;
let cookie: string;

/** bytes of every segment file recorded for a camera so far */
function recordedBytes(cameraId: string): number {
  const dir = path.join(hub.dataDir, 'recordings', cameraId);
  if (!fs.existsSync(dir)) return 0;
  let total = 0;
  for (const day of fs.readdirSync(dir)) {
    for (const f of fs.readdirSync(path.join(dir, day))) total += fs.statSync(path.join(dir, day, f)).size;
  }
  return total;
}

beforeAll(async () => {
  camera = await RtspCamera.start({ mounts: ['/main:320x180@15:15'] });
  hub = await startTestHub({ config: { recording: { defaultMode: 'continuous', segmentSec: 5 }, media: { idleTimeoutSec: 2 } } });
  cookie = await login(hub.url, 'admin', hub.adminPassword);
  api = apiClient(hub, cookie);
}, 30_000);
afterAll(async () => {
  await hub?.close();
  await camera?.kill();
});

describe('camera life cycle while the hub runs', () => {
  let id: string;

  it('records a camera added at run time, without a restart', async () => {
    const r = await api('POST', '/api/cameras', { name: 'Cổng trường, thôn 3', source: { kind: 'rtsp', url: camera.url() } });
    expect(r.status, r.text).toBe(201);
    id = r.json.camera.id;
    await eventually(() => (recordedBytes(id) > 20_000 ? true : undefined), 25_000, 'footage of the new camera');
    const to = new Date(Date.now() + 60_000).toISOString();
    const from = new Date(Date.now() - 600_000).toISOString();
    const ranges = await eventually(async () => {
      const rec = await api('GET', `/api/cameras/${id}/recordings?from=${from}&to=${to}`);
      return rec.json?.ranges?.length ? rec.json.ranges : undefined;
    }, 15_000, 'an indexed range');
    expect(ranges.length).toBeGreaterThan(0);
  }, 45_000);

  it('stops recording a camera turned off, and records it again when turned back on', async () => {
    expect((await api('PATCH', `/api/cameras/${id}`, { recording: { mode: 'off' } })).status).toBe(200);
    await eventually(() => (camera.clients === 0 ? true : undefined), 15_000, 'the camera session to close');
    const stopped = recordedBytes(id);
    await new Promise((r) => setTimeout(r, 1500));
    expect(recordedBytes(id)).toBe(stopped);
    expect((await api('PATCH', `/api/cameras/${id}`, { recording: { mode: null } })).status).toBe(200);
    await eventually(() => (recordedBytes(id) > stopped + 10_000 ? true : undefined), 20_000, 'recording again');
  }, 45_000);

  it('stops recording and closes the camera session when the camera is deleted, and tells the watchers', async () => {
    const socket = await connectSocket(hub, cookie);
    const deleted = new Promise<{ cameraId: string }>((resolve) => socket.on('camera:deleted', resolve));
    expect((await api('DELETE', `/api/cameras/${id}`)).status).toBe(204);
    expect((await deleted).cameraId).toBe(id);
    socket.close();
    await eventually(() => (camera.clients === 0 ? true : undefined), 15_000, 'the camera session to close');
    const after = recordedBytes(id);
    await new Promise((r) => setTimeout(r, 1500));
    expect(recordedBytes(id)).toBe(after);
  }, 30_000);
});
