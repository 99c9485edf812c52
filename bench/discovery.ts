// Discovery sweep of a /24 of loopback addresses with 5 simulated ONVIF cameras on it: time, CPU, devices found,
// false positives. Peer in the same run: the onvif package's own Discovery.probe on `lo` (multicast only), the
// usual way Node projects find cameras. Figures printed, never asserted.
import onvif from 'onvif';
import { scan } from '../server/discovery/scan.ts';
import { startOnvifSimulator } from '../server/onvif/simulator/onvif-simulator.ts';
import type { BenchContext } from './lib/context.ts';
import { fixed, table } from './lib/stats.ts';

const SUBNET = '127.0.77';
const CAMERAS = [11, 42, 99, 150, 233].map((h) => `${SUBNET}.${h}`);

function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

export async function runDiscovery(ctx: BenchContext): Promise<void> {
  const sims = await Promise.all(CAMERAS.map((address, i) => startOnvifSimulator({
    address, port: 8080, name: `Bench camera ${i + 1}`, device: { manufacturer: 'Bench', model: `M${i + 1}` },
  })));
  try {
    const rows: string[][] = [['way', 'time s', 'CPU s (this process)', 'found', 'of 5', 'false positives']];
    for (let run = 0; run < 3; run++) {
      const c0 = cpuMs();
      const t0 = performance.now();
      const res = await scan({
        interfaces: ['lo'], ranges: [`${SUBNET}.0/24`], ports: [80, 8000, 8080], timeoutMs: 5000, concurrency: 64,
        maxAddresses: 1024, allowedRanges: ['127.0.0.0/8'],
      });
      const t = performance.now() - t0;
      const found = res.devices.filter((d) => CAMERAS.includes(d.address)).length;
      const extra = res.devices.filter((d) => d.address.startsWith(`${SUBNET}.`) && !CAMERAS.includes(d.address)).length;
      rows.push([`ours: multicast on lo + sweep of ${SUBNET}.0/24 × 3 ports (run ${run + 1})`, fixed(t / 1000),
        fixed((cpuMs() - c0) / 1000), String(res.devices.length), String(found), String(extra)]);
    }
    // the peer: onvif's Discovery.probe, named interface, resolve without connecting
    const c0 = cpuMs();
    const t0 = performance.now();
    const peer = await new Promise<unknown[]>((resolve, reject) => {
      onvif.Discovery.probe({ device: 'lo', timeout: 1500, resolve: false }, (err: Error | Error[] | null, cams?: object[]) =>
        (err && !Array.isArray(err) ? reject(err) : resolve(cams ?? [])));
    });
    const peerText = JSON.stringify(peer);
    const peerFound = CAMERAS.filter((a) => peerText.includes(a)).length;
    rows.push(['peer: onvif Discovery.probe on lo (multicast only, 1.5 s)', fixed((performance.now() - t0) / 1000),
      fixed((cpuMs() - c0) / 1000), String(peer.length), String(peerFound), '—']);
    ctx.log(table(rows));
    ctx.log('target: < 5 s, all 5 found, no false positives. The simulators run in this process, so their CPU is included.');
  } finally {
    await Promise.all(sims.map((s) => s.close()));
  }
}
