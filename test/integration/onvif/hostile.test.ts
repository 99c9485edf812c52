// Cameras that misbehave: each failure is clear and bounded, and a healthy camera keeps answering meanwhile.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probeOnvifCamera } from '../../../server/onvif/onboard.ts';
import { startOnvifSimulator, type HostileMode, type OnvifSimulator } from '../../../server/onvif/simulator/onvif-simulator.ts';
import { AppError } from '../../../server/errors.ts';

const creds = { username: 'admin', password: 'hostile-test-pw' };
const HOSTILE_TIMEOUT_MS = 2000;
let healthy: OnvifSimulator;

beforeAll(async () => {
  healthy = await startOnvifSimulator({ address: '127.0.0.31', discovery: false, credentials: creds });
});
afterAll(async () => {
  await healthy.close();
});

const cases: Array<[HostileMode, string]> = [
  ['malformed-xml', 'onvif-bad-response'],
  ['huge-body', 'onvif-bad-response'],
  ['entity-bomb', 'onvif-bad-response'],
  ['soap-fault', 'onvif-bad-response'],
  ['never-answers', 'onvif-timeout'],
  ['slow-drip', 'onvif-timeout'],
];

describe.each([
  ['on every request', undefined, 'GetSystemDateAndTime'],
  ['on GetProfiles only', ['GetProfiles'], 'GetProfiles'],
])('a hostile camera %s', (_label, actions, failingStep) => {
  it.each(cases)('%s fails with %s in time while a healthy camera answers', async (mode, code) => {
    const bad = await startOnvifSimulator({ address: '127.0.0.32', discovery: false, credentials: creds, hostile: { mode, actions } });
    try {
      const started = Date.now();
      const [badResult, goodResult] = await Promise.all([
        probeOnvifCamera({ host: bad.address, port: bad.port, ...creds, timeoutMs: HOSTILE_TIMEOUT_MS }).then(
          () => null,
          (e: unknown) => ({ err: e, ms: Date.now() - started }),
        ),
        probeOnvifCamera({ host: healthy.address, port: healthy.port, ...creds, timeoutMs: 10_000 }),
      ]);
      expect(goodResult.main.rtspUrl).toBe('rtsp://127.0.0.31:554/main');
      expect(badResult).not.toBeNull();
      const err = badResult!.err as AppError;
      expect(err).toBeInstanceOf(AppError);
      expect(err.code).toBe(code);
      expect(err.details).toEqual({ step: failingStep });
      expect(err.message).not.toContain(creds.password);
      expect(badResult!.ms).toBeLessThan(HOSTILE_TIMEOUT_MS + 1000);
      // and the healthy camera still answers right after
      expect((await probeOnvifCamera({ host: healthy.address, port: healthy.port, ...creds, timeoutMs: 10_000 })).model)
        .toBe('SIM-IPC-1080');
    } finally {
      await bad.close();
    }
  });
});

it('a huge answer is refused as soon as it passes maxResponseBytes', async () => {
  const bad = await startOnvifSimulator({
    address: '127.0.0.33', discovery: false, hostile: { mode: 'huge-body', hugeBodyBytes: 512 * 1024 * 1024 },
  });
  try {
    const err = await probeOnvifCamera({ host: bad.address, port: bad.port, timeoutMs: 5000, maxResponseBytes: 256 * 1024 })
      .catch((e: AppError) => e);
    expect((err as AppError).code).toBe('onvif-bad-response');
    expect((err as AppError).message).toMatch(/too large/);
  } finally {
    await bad.close();
  }
});
