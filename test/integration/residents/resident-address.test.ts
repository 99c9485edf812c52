// A resident cannot make the hub reach the post's own network or the hub itself: with the default
// residents.allowPrivateAddresses (false), registering, testing or re-pointing a camera at a loopback or private
// address is refused before anything connects. Real hub; the addresses are never contacted.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { login, startTestHub, type TestHub } from '../../helpers/hub.ts';
import { apiClient } from '../sources/source-helpers.ts';
import { addAreas, person } from './resident-setup.ts';

let hub: TestHub;

beforeAll(async () => {
  hub = await startTestHub({ config: { residents: { allowPrivateAddresses: false } } });
}, 60_000);

afterAll(async () => {
  await hub?.close();
});

it('refuses a resident\'s camera on a private or loopback address, takes an RTMP push, and leaves staff alone', async () => {
  const areas = addAreas(hub);
  const resident = apiClient(hub, (await person(hub, 'dan.to1', 'resident', areas.to1)).cookie);
  const admin = apiClient(hub, await login(hub.url, 'admin', hub.adminPassword));
  const bodies = [
    { name: 'Cổng', place: 'cổng nhà', shares: [], source: { kind: 'rtsp', url: 'rtsp://127.0.0.1:8554/live' } },
    { name: 'Cổng', place: 'cổng nhà', shares: [], source: { kind: 'rtsp', url: 'rtsp://113.160.92.10:554/a', subUrl: 'rtsp://[::1]:554/b' } },
    { name: 'Đầu thu', place: 'sân', shares: [], source: { kind: 'nvr', vendor: 'hikvision', host: '192.168.1.64', channels: [1] } },
    { name: 'Cổng', place: 'cổng nhà', shares: [], source: { kind: 'rtsp', url: 'rtsp://localhost:554/live' } },
  ];
  for (const body of bodies) {
    for (const p of ['/api/cameras', '/api/cameras/preview']) {
      const r = await resident('POST', p, body);
      expect([r.status, r.json?.error?.code], `${p} ${JSON.stringify(body.source)}`).toEqual([400, 'camera-address-not-public']);
    }
  }
  expect((await resident('GET', '/api/cameras')).json.cameras).toEqual([]);

  const pushed = await resident('POST', '/api/cameras', { name: 'Cổng', place: 'cổng nhà', shares: [], source: { kind: 'rtmp-push' } });
  expect(pushed.status, pushed.text).toBe(201);
  // the post's own cameras are the post's business
  const own = await admin('POST', '/api/cameras', { name: 'Chợ', source: { kind: 'rtsp', url: 'rtsp://127.0.0.1:8554/cho' } });
  expect(own.status, own.text).toBe(201);
}, 60_000);
