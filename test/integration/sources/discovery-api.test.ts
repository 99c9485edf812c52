// POST /api/discovery/scan on the real hub: simulated cameras on 127.0.6.x found by the sweep and by multicast
// on lo, progress pushed to the requesting admin only, registered cameras flagged, the hub's limits enforced.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DiscoveredDeviceDto, DiscoveryProgressDto } from '../../../server/contracts.ts';
import { startOnvifSimulator, type OnvifSimulator } from '../../../server/onvif/simulator/onvif-simulator.ts';
import { login, startTestHub, type TestHub } from '../../helpers/hub.ts';
import { apiClient, connectSocket, userCookie } from './source-helpers.ts';

const creds = { username: 'admin', password: 'Disc0very-pw' };
let hub: TestHub;
let api: ReturnType<typeof apiClient>;
let cookie: string;
let sims: OnvifSimulator[];
let ports: number[];

beforeAll(async () => {
  sims = [
    await startOnvifSimulator({ address: '127.0.6.2', credentials: creds, name: 'Cổng UBND xã', device: { model: 'DS-2CD1023' } }),
    await startOnvifSimulator({ address: '127.0.6.3', credentials: creds, deviceInfoWithoutAuth: true, device: { manufacturer: 'Dahua', model: 'IPC-HFW1230S' } }),
    await startOnvifSimulator({ address: '127.0.6.4', credentials: creds, discovery: false, deviceInfoWithoutAuth: true, device: { manufacturer: 'KBVision', model: 'KX-2011N' } }),
  ];
  ports = [...new Set(sims.map((s) => s.port))];
  hub = await startTestHub({ config: { discovery: { maxAddresses: 256, maxTimeoutMs: 8000 } } });
  cookie = await login(hub.url, 'admin', hub.adminPassword);
  api = apiClient(hub, cookie);
});
afterAll(async () => {
  await hub?.close();
  await Promise.all(sims.map((s) => s.close()));
});

const scan = (body: unknown, c?: string) => api('POST', '/api/discovery/scan', body, c);

describe('discovery API', () => {
  it('scans nothing that was not named: the shipped config names no range and no interface', async () => {
    const r = await scan({});
    expect([r.status, r.json.error.code]).toEqual([400, 'scan-nothing-named']);
  });

  it('sweeps a range, streams progress and devices to the requesting admin only, and answers with what it found', async () => {
    const mine = await connectSocket(hub, cookie);
    const other = await connectSocket(hub, await userCookie(hub, 'admin2', 'admin'));
    const progress: DiscoveryProgressDto[] = [];
    const pushed: DiscoveredDeviceDto[] = [];
    let leaked = 0;
    mine.on('discovery:progress', (p: DiscoveryProgressDto) => progress.push(p));
    mine.on('discovery:device', (d: DiscoveredDeviceDto) => pushed.push(d));
    other.on('discovery:progress', () => leaked++);
    other.on('discovery:device', () => leaked++);

    const r = await scan({ ranges: ['127.0.6.2-127.0.6.9'], ports, timeoutMs: 4000 });
    expect(r.status, r.text).toBe(200);
    const { scanId, devices } = r.json as { scanId: string; devices: DiscoveredDeviceDto[] };
    expect(devices.map((d) => d.address).sort()).toEqual(['127.0.6.2', '127.0.6.3', '127.0.6.4']);
    const by = Object.fromEntries(devices.map((d) => [d.address, d]));
    expect(by['127.0.6.2']).toMatchObject({ name: 'Cổng UBND xã', model: 'DS-2CD1023', registered: false, port: sims[0]!.port });
    expect(by['127.0.6.3']).toMatchObject({ manufacturer: 'Dahua', model: 'IPC-HFW1230S', xaddr: sims[1]!.xaddr });
    expect(by['127.0.6.4']).toMatchObject({ manufacturer: 'KBVision', foundBy: ['http'] });
    expect(r.json).toMatchObject({ checked: 8, total: 8, timedOut: false });

    await new Promise((res) => setTimeout(res, 200));
    expect(pushed.map((d) => d.address).sort()).toEqual(['127.0.6.2', '127.0.6.3', '127.0.6.4']);
    expect(pushed.every((d) => d.scanId === scanId)).toBe(true);
    expect(progress.at(-1)).toEqual({ scanId, checked: 8, total: 8, found: 3 });
    expect(leaked).toBe(0);
    mine.close();
    other.close();
  });

  it('finds the cameras by WS-Discovery multicast on lo', async () => {
    const r = await scan({ interfaces: ['lo'], ports: [], timeoutMs: 2500 });
    expect(r.status, r.text).toBe(200);
    const found = r.json.devices.map((d: DiscoveredDeviceDto) => d.address);
    expect(found).toEqual(expect.arrayContaining(['127.0.6.2', '127.0.6.3']));
    expect(found).not.toContain('127.0.6.4'); // it does not answer WS-Discovery
  });

  it('flags a device a camera of the hub already uses', async () => {
    const add = await api('POST', '/api/cameras', { source: { kind: 'onvif', host: '127.0.6.3', port: sims[1]!.port, ...creds } });
    expect(add.status, add.text).toBe(201);
    const r = await scan({ ranges: ['127.0.6.2-127.0.6.4'], ports, timeoutMs: 4000 });
    const registered = Object.fromEntries(r.json.devices.map((d: DiscoveredDeviceDto) => [d.address, d.registered]));
    expect(registered).toEqual({ '127.0.6.2': false, '127.0.6.3': true, '127.0.6.4': false });
  });

  it.each([
    [{ ranges: ['127.0.0.0/16'] }, 'range-too-large'],
    [{ ranges: ['8.8.8.0/30'] }, 'address-not-allowed'],
    [{ ranges: ['127.0.6.9-127.0.6.2'] }, 'range-invalid'],
    [{ interfaces: ['nope0'] }, 'interface-not-found'],
    [{ ranges: ['127.0.6.2'], ports: [0] }, 'port-invalid'],
    [{ ranges: ['127.0.6.2'], timeoutMs: 60_000 }, 'scan-timeout-too-long'],
    [{ ranges: ['127.0.6.2'], extra: 1 }, 'validation-failed'],
  ])('refuses %j with 400 %s before sending anything', async (body, code) => {
    const r = await scan(body);
    expect([r.status, r.json.error.code]).toEqual([400, code]);
    expect(r.json.error.message.length).toBeGreaterThan(10);
  });

  it('is for admins only', async () => {
    const police = await userCookie(hub, 'canbo', 'police');
    expect((await scan({ ranges: ['127.0.6.2'] }, police)).status).toBe(403);
    expect((await api('POST', '/api/discovery/scan', { ranges: ['127.0.6.2'] }, null)).status).toBe(401);
  });
});
