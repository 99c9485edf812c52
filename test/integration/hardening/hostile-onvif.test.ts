// Issue 8.4: a hostile ONVIF device answering ~1 MiB of repeated "xmlns" (the `onvif` client strips namespaces
// with a regex that is quadratic on such text). The answer must be refused with a clear camera error, and the event
// loop must stay free: measured in this process with perf_hooks.monitorEventLoopDelay (printed), and through a
// real hub whose /api/health is polled while it previews the hostile device. Behaviour is asserted, not timing.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../server/errors.ts';
import { probeOnvifCamera } from '../../../server/onvif/onboard.ts';
import { startOnvifSimulator, type OnvifSimulator } from '../../../server/onvif/simulator/onvif-simulator.ts';
import { login, startTestHub, type TestHub } from '../../helpers/hub.ts';

const creds = { username: 'admin', password: 'Hostile-pw-77' };
let bad: OnvifSimulator;
let healthy: OnvifSimulator;
let hub: TestHub;

beforeAll(async () => {
  bad = await startOnvifSimulator({ address: '127.0.0.41', discovery: false, credentials: creds, hostile: { mode: 'xmlns-flood' } });
  healthy = await startOnvifSimulator({ address: '127.0.0.42', discovery: false, credentials: creds });
  hub = await startTestHub();
}, 60_000);

afterAll(async () => {
  // a hub stuck in the regex would not handle SIGTERM: make sure it goes
  if (hub && hub.process.exitCode === null) {
    const gone = new Promise((r) => hub.process.once('exit', r));
    hub.process.kill('SIGKILL');
    await gone;
  }
  await bad?.close();
  await healthy?.close();
});

describe('a hostile ONVIF answer of repeated xmlns', () => {
  it('is refused with a clear camera error, the event loop kept free', async () => {
    const h = monitorEventLoopDelay({ resolution: 5 });
    h.enable();
    // and by hand: the longest wait between ticks of a 5 ms interval
    let last = performance.now();
    let longestTick = 0;
    const ticker = setInterval(() => {
      const now = performance.now();
      longestTick = Math.max(longestTick, now - last);
      last = now;
    }, 5);
    // a cap above the answer's size, so that the size cap alone cannot be what refuses it
    const err = await probeOnvifCamera({ host: bad.address, port: bad.port, ...creds, timeoutMs: 8000, maxResponseBytes: 4 << 20 })
      .catch((e: unknown) => e);
    clearInterval(ticker);
    h.disable();
    console.log(`event-loop delay while probing the xmlns flood: monitorEventLoopDelay max ${(h.max / 1e6).toFixed(1)} ms`
      + ` (p99 ${(h.percentile(99) / 1e6).toFixed(1)} ms); longest 5 ms-interval tick ${longestTick.toFixed(1)} ms`);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('onvif-bad-response');
    expect((err as AppError).message).toMatch(/refused/);
    // the healthy camera still answers
    expect((await probeOnvifCamera({ host: healthy.address, port: healthy.port, ...creds, timeoutMs: 8000 })).model).toBe('SIM-IPC-1080');
  }, 60_000);

  it('an answer over 256 KiB is cut before the client parses it (its synchronous parse would hold the loop)', async () => {
    const big = await startOnvifSimulator({
      address: '127.0.0.43', discovery: false, credentials: creds, hostile: { mode: 'huge-body', hugeBodyBytes: 300 * 1024 },
    });
    try {
      const err = await probeOnvifCamera({ host: big.address, port: big.port, ...creds, timeoutMs: 8000 }).catch((e: unknown) => e);
      expect((err as AppError).code).toBe('onvif-bad-response');
      expect((err as AppError).message).toMatch(/too large/);
    } finally {
      await big.close();
    }
  }, 30_000);

  it('a hub previewing it answers /api/health all along and reports a camera error', async () => {
    const cookie = await login(hub.url, 'admin', hub.adminPassword);
    let polling = true;
    const health: { status: number; ms: number }[] = [];
    const poller = (async () => {
      while (polling) {
        const t0 = performance.now();
        const r = await fetch(`${hub.url}/api/health`);
        await r.arrayBuffer();
        health.push({ status: r.status, ms: performance.now() - t0 });
        await new Promise((res) => setTimeout(res, 10));
      }
    })();
    const res = await fetch(`${hub.url}/api/cameras/preview`, {
      method: 'POST', headers: { cookie, 'content-type': 'application/json' },
      body: JSON.stringify({ source: { kind: 'onvif', host: bad.address, port: bad.port, ...creds } }),
    });
    const body = await res.json();
    await new Promise((r) => setTimeout(r, 200));
    polling = false;
    await poller;
    const slowest = Math.max(...health.map((x) => x.ms));
    console.log(`hub /api/health during the hostile preview: ${health.length} answers, slowest ${slowest.toFixed(1)} ms`);
    expect(res.status).toBe(502);
    expect(body.error.code).toBe('onvif-bad-response');
    expect(health.length).toBeGreaterThan(0);
    expect(health.every((x) => x.status === 200)).toBe(true);
  }, 60_000);
});
