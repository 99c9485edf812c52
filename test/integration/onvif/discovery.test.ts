// Discovery on loopback: simulated cameras on 127.0.0.2-4 found by WS-Discovery multicast on `lo` (the
// onvif client's Discovery.probe and our scan) and by the unicast sweep; only what was named is contacted.
import dgram from 'node:dgram';
import onvif from 'onvif';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scan, type DiscoveredDevice, type ScanOptions, type ScanProgress } from '../../../server/discovery/scan.ts';
import { startOnvifSimulator, type OnvifSimulator } from '../../../server/onvif/simulator/onvif-simulator.ts';
import { buildProbeMatches, parseProbe } from '../../../server/onvif/ws-discovery.ts';
import { rejectsWith } from '../../fixtures/onvif/app-error.ts';

let sims: OnvifSimulator[] = [];
let httpOnly: OnvifSimulator;
let ports: number[];

beforeAll(async () => {
  sims = [
    await startOnvifSimulator({ address: '127.0.0.2', name: 'Cổng UBND xã', device: { model: 'DS-2CD1023' } }),
    await startOnvifSimulator({ address: '127.0.0.3', reportedHost: '0.0.0.0', credentials: { username: 'a', password: 'b' } }),
    await startOnvifSimulator({ address: '127.0.0.4', deviceInfoWithoutAuth: true, credentials: { username: 'a', password: 'b' },
      device: { manufacturer: 'Dahua', model: 'IPC-HFW1230S' } }),
  ];
  httpOnly = await startOnvifSimulator({ address: '127.0.0.5', discovery: false, device: { manufacturer: 'KBVision', model: 'KX-2011N' } });
  ports = [...new Set([...sims, httpOnly].map((s) => s.port))];
});
afterAll(async () => {
  await Promise.all([...sims, httpOnly].map((s) => s.close()));
});

const base = (): ScanOptions => ({
  interfaces: [], ranges: [], ports, timeoutMs: 4000, concurrency: 16, maxAddresses: 1024, allowedRanges: ['127.0.0.0/8'],
});
const byAddress = (ds: DiscoveredDevice[]) => Object.fromEntries(ds.map((d) => [d.address, d]));

/** Answers Probes sent to `listen` (unicast, or the group when `multicast`) from `replyFrom`, as told. */
async function rogue(opts: { listen: string; replyFrom: string; multicast?: boolean; relatesTo?: string; xaddr?: string }) {
  const inbox = dgram.createSocket({ type: 'udp4', reuseAddr: true });
  const out = dgram.createSocket('udp4');
  await new Promise<void>((r) => out.bind(0, opts.replyFrom, r));
  await new Promise<void>((r) => inbox.bind(3702, opts.multicast ? '239.255.255.250' : opts.listen, r));
  if (opts.multicast) inbox.addMembership('239.255.255.250', opts.listen);
  inbox.on('message', (msg, rinfo) => {
    const probe = parseProbe(msg.toString());
    if (!probe) return;
    const reply = buildProbeMatches(opts.relatesTo ?? probe.messageId, {
      endpoint: 'urn:uuid:rogue', types: ['dn:NetworkVideoTransmitter'], scopes: ['onvif://www.onvif.org/name/rogue'],
      xaddrs: [opts.xaddr ?? `http://${opts.replyFrom}:80/onvif/device_service`],
    });
    out.send(reply, rinfo.port, rinfo.address);
  });
  return () => Promise.all([new Promise<void>((r) => inbox.close(() => r())), new Promise<void>((r) => out.close(() => r()))]);
}

/** Counts WS-Discovery Probes arriving on the multicast group on lo. */
async function probeCounter(address: string) {
  const s = dgram.createSocket({ type: 'udp4', reuseAddr: true });
  await new Promise<void>((r) => s.bind(3702, '239.255.255.250', r));
  s.addMembership('239.255.255.250', address);
  let n = 0;
  s.on('message', (msg) => {
    if (parseProbe(msg.toString())) n++;
  });
  return { count: () => n, close: () => new Promise<void>((r) => s.close(() => r())) };
}

describe('WS-Discovery on lo', () => {
  it('the onvif client Discovery.probe({ device: "lo" }) finds the simulators', async () => {
    const onError = () => {};
    onvif.Discovery.on('error', onError);
    try {
      const found = await new Promise<unknown[]>((resolve) =>
        onvif.Discovery.probe({ device: 'lo', timeout: 1500, resolve: false }, (_err, devices) => resolve(devices ?? [])));
      const xaddrs = found.map((d) => (d as { probeMatches: { probeMatch: { XAddrs: string } } }).probeMatches.probeMatch.XAddrs);
      expect(xaddrs).toEqual(expect.arrayContaining([sims[0]!.xaddr, `http://0.0.0.0:${sims[1]!.port}/onvif/device_service`, sims[2]!.xaddr]));
    } finally {
      onvif.Discovery.off('error', onError);
    }
  });

  it('scan with interfaces ["lo"] finds them by multicast, with the XAddr moved to the replying address', async () => {
    const progress: ScanProgress[] = [];
    const streamed: DiscoveredDevice[] = [];
    const r = await scan({ ...base(), interfaces: ['lo'] }, (p) => progress.push(p), (d) => streamed.push(d));
    const got = byAddress(r.devices);
    expect(got['127.0.0.2']).toEqual({
      address: '127.0.0.2', port: sims[0]!.port, xaddr: sims[0]!.xaddr, name: 'Cổng UBND xã', hardware: 'DS-2CD1023',
      model: 'DS-2CD1023', manufacturer: 'MatThan Sim', foundBy: ['ws-discovery'],
    });
    expect(got['127.0.0.3']).toMatchObject({ xaddr: sims[1]!.xaddr, model: 'SIM-IPC-1080' });
    expect(got['127.0.0.3']!.manufacturer).toBeUndefined(); // needs credentials
    expect(got['127.0.0.4']).toMatchObject({ manufacturer: 'Dahua', model: 'IPC-HFW1230S' });
    expect(got['127.0.0.5']).toBeUndefined(); // no WS-Discovery, and no range was named
    expect(streamed.map((d) => d.address).sort()).toEqual(r.devices.map((d) => d.address).sort());
    expect(progress.at(-1)).toEqual({ checked: 0, total: 0, found: r.devices.length });
    expect(r.timedOut).toBe(false);
  });
});

describe('unicast sweep', () => {
  it('finds every camera in the range, by WS-Discovery and by GetSystemDateAndTime, and nothing else', async () => {
    const progress: ScanProgress[] = [];
    const r = await scan({ ...base(), ranges: ['127.0.0.2-127.0.0.9'] }, (p) => progress.push(p));
    expect(r.devices.map((d) => d.address).sort()).toEqual(['127.0.0.2', '127.0.0.3', '127.0.0.4', '127.0.0.5']);
    const got = byAddress(r.devices);
    expect(got['127.0.0.5']).toEqual({
      address: '127.0.0.5', port: httpOnly.port, xaddr: httpOnly.xaddr, manufacturer: 'KBVision', model: 'KX-2011N', foundBy: ['http'],
    });
    expect(got['127.0.0.2']!.foundBy).toContain('ws-discovery');
    expect({ checked: r.checked, total: r.total, timedOut: r.timedOut }).toEqual({ checked: 8, total: 8, timedOut: false });
    expect(progress.at(-1)).toEqual({ checked: 8, total: 8, found: 4 });
  });

  it('ignores replies from addresses outside the scanned ranges and replies to someone else\'s probe', async () => {
    const stops = [
      await rogue({ listen: '127.0.0.8', replyFrom: '127.0.0.60' }),
      await rogue({ listen: '127.0.0.9', replyFrom: '127.0.0.9', relatesTo: 'urn:uuid:not-ours' }),
    ];
    try {
      const r = await scan({ ...base(), ranges: ['127.0.0.8-127.0.0.9'], ports: [] });
      expect(r.devices).toEqual([]);
    } finally {
      await Promise.all(stops.map((s) => s()));
    }
  });

  it('never contacts the host a reply names: the device is recorded at the address that answered', async () => {
    const stop = await rogue({ listen: '127.0.0.8', replyFrom: '127.0.0.8', xaddr: 'http://10.9.9.9:8080/onvif/device_service' });
    try {
      const r = await scan({ ...base(), ranges: ['127.0.0.8'], ports: [] });
      expect(r.devices).toEqual([{
        address: '127.0.0.8', port: 8080, xaddr: 'http://127.0.0.8:8080/onvif/device_service', name: 'rogue', foundBy: ['ws-discovery'],
      }]);
    } finally {
      await stop();
    }
  });

  it('ignores multicast replies from outside the allowed ranges', async () => {
    const stop = await rogue({ listen: '127.0.0.70', replyFrom: '127.0.0.70', multicast: true });
    try {
      const r = await scan({ ...base(), interfaces: ['lo'], allowedRanges: ['127.0.0.0/26'] });
      const addresses = r.devices.map((d) => d.address);
      expect(addresses).toEqual(expect.arrayContaining(['127.0.0.2', '127.0.0.3', '127.0.0.4']));
      expect(addresses).not.toContain('127.0.0.70');
    } finally {
      await stop();
    }
  });

  it('survives hostile devices in the range and still finds the healthy one', async () => {
    const hostile = await Promise.all((['entity-bomb', 'huge-body', 'never-answers', 'malformed-xml'] as const).map((mode, i) =>
      startOnvifSimulator({ address: `127.0.0.${10 + i}`, discovery: false, hostile: { mode } })));
    try {
      const r = await scan({ ...base(), ranges: ['127.0.0.5', '127.0.0.10-127.0.0.13'], ports: [httpOnly.port, ...hostile.map((h) => h.port)] });
      expect(r.devices.map((d) => d.address)).toEqual(['127.0.0.5']);
      expect(r.timedOut).toBe(false);
    } finally {
      await Promise.all(hostile.map((h) => h.close()));
    }
  });

  it('stops at its time limit, or when the caller aborts, and reports it', async () => {
    // three silent ports on one address: 3 × the per-request limit (250 ms) is more than the 400 ms allowed
    const slow = await Promise.all([0, 1, 2].map(() =>
      startOnvifSimulator({ address: '127.0.0.14', discovery: false, hostile: { mode: 'never-answers' } })));
    try {
      const opts = { ...base(), ranges: ['127.0.0.14'], ports: slow.map((s) => s.port), replyWaitMs: 0 };
      const started = Date.now();
      const r = await scan({ ...opts, timeoutMs: 400 });
      expect({ timedOut: r.timedOut, checked: r.checked, devices: r.devices }).toEqual({ timedOut: true, checked: 0, devices: [] });
      expect(Date.now() - started).toBeLessThan(1400);
      const r2 = await scan({ ...opts, timeoutMs: 10_000, signal: AbortSignal.timeout(100) });
      expect(r2.timedOut).toBe(true);
      expect(Date.now() - started).toBeLessThan(3000);
    } finally {
      await Promise.all(slow.map((s) => s.close()));
    }
  });
});

describe('what may be scanned', () => {
  it('sends no multicast when no interface is named, and one on lo when it is', async () => {
    const counter = await probeCounter('127.0.0.1');
    try {
      await scan({ ...base(), replyWaitMs: 300 });
      await new Promise((r) => setTimeout(r, 300));
      expect(counter.count()).toBe(0);
      await scan({ ...base(), interfaces: ['lo'], replyWaitMs: 300 });
      await new Promise((r) => setTimeout(r, 300));
      expect(counter.count()).toBeGreaterThan(0);
    } finally {
      await counter.close();
    }
  });

  it.each([
    [{ ranges: ['127.0.0.0/16'] }, 'range-too-large'],
    [{ ranges: ['192.168.1.0/24'] }, 'address-not-allowed'],
    [{ ranges: ['127.0.0.2'], allowedRanges: [] }, 'address-not-allowed'],
    [{ ranges: ['127.0.0.2-1'] }, 'range-invalid'],
    [{ interfaces: ['eth-none'] }, 'interface-not-found'],
    [{ ports: [0] }, 'port-invalid'],
  ] as Array<[Partial<ScanOptions>, string]>)('refuses %j with %s and sends nothing', async (opts, code) => {
    const counter = await probeCounter('127.0.0.1');
    try {
      await rejectsWith(scan({ ...base(), interfaces: ['lo'], ...opts }), 400, code);
      await new Promise((r) => setTimeout(r, 200));
      expect(counter.count()).toBe(0);
    } finally {
      await counter.close();
    }
  });
});
