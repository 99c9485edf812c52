// Demo mode: the hub starts simulated ONVIF cameras on loopback, says so at start-up, they can be found by a
// scan of lo and added by ONVIF, and they stop with the hub.
import dgram from 'node:dgram';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DiscoveredDeviceDto } from '../../../server/contracts.ts';
import { login, startTestHub, type TestHub } from '../../helpers/hub.ts';
import { apiClient } from './source-helpers.ts';

let hub: TestHub;
let api: ReturnType<typeof apiClient>;

beforeAll(async () => {
  hub = await startTestHub({ demo: true, config: { discovery: { demoSimulators: { firstAddress: '127.0.7.2', count: 2 } } } });
  api = apiClient(hub, await login(hub.url, 'admin', hub.adminPassword));
});
afterAll(async () => {
  await hub?.close();
});

async function canBind(address: string, port: number): Promise<boolean> {
  const s = dgram.createSocket('udp4');
  return new Promise((resolve) => {
    s.once('error', () => resolve(false));
    s.bind(port, address, () => s.close(() => resolve(true)));
  });
}

describe('demo ONVIF cameras', () => {
  it('are announced at start-up with how to find them', () => {
    expect(hub.output()).toContain('simulated ONVIF cameras: 127.0.7.2, 127.0.7.3 (user admin, password demo');
    expect(hub.output()).toContain('interface "lo", range "127.0.7.2-127.0.7.9"');
  });

  it('are found by a scan of lo and of their range, and can be added by ONVIF with a snapshot', async () => {
    const r = await api('POST', '/api/discovery/scan', { interfaces: ['lo'], ranges: ['127.0.7.2-127.0.7.9'], ports: [], timeoutMs: 2500 });
    expect(r.status, r.text).toBe(200);
    const devices: DiscoveredDeviceDto[] = r.json.devices.filter((d: DiscoveredDeviceDto) => d.address.startsWith('127.0.7.'));
    expect(devices.map((d) => [d.address, d.name]).sort()).toEqual([['127.0.7.2', 'Camera mô phỏng 1'], ['127.0.7.3', 'Camera mô phỏng 2']]);
    const first = devices.find((d) => d.address === '127.0.7.2')!;
    const add = await api('POST', '/api/cameras', { source: { kind: 'onvif', host: first.address, port: first.port, username: 'admin', password: 'demo' } });
    expect(add.status, add.text).toBe(201);
    expect(add.json.camera).toMatchObject({ name: 'MatThan Sim SIM-IPC-1080 (127.0.7.2)', ptz: true });
    const snap = await api('GET', `/api/cameras/${add.json.camera.id}/snapshot.jpg`);
    expect([snap.status, snap.headers.get('content-type')]).toEqual([200, 'image/jpeg']);
  });

  it('stop with the hub', async () => {
    expect(await canBind('127.0.7.2', 3702)).toBe(false);
    await hub.close();
    expect(await canBind('127.0.7.2', 3702)).toBe(true);
    expect(await canBind('127.0.7.3', 3702)).toBe(true);
  });
});
