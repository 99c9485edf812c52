// Hostile cameras against the real hub: each ONVIF add fails with a clear error within its deadline, the hub
// answers other requests meanwhile and keeps running; a camera that reports a file: or http: stream is refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOnvifSimulator, type HostileMode, type OnvifSimulator } from '../../../server/onvif/simulator/onvif-simulator.ts';
import { login, startTestHub, type TestHub } from '../../helpers/hub.ts';
import { apiClient } from './source-helpers.ts';

const creds = { username: 'admin', password: 'Hostile-pw-55' };
let hub: TestHub;
let api: ReturnType<typeof apiClient>;
const sims: OnvifSimulator[] = [];

beforeAll(async () => {
  hub = await startTestHub({ config: { onvif: { timeoutMs: 2000 } } });
  api = apiClient(hub, await login(hub.url, 'admin', hub.adminPassword));
});
afterAll(async () => {
  await hub?.close();
  await Promise.all(sims.map((s) => s.close()));
});

async function sim(address: string, opts: Parameters<typeof startOnvifSimulator>[0] = {}) {
  const s = await startOnvifSimulator({ address, discovery: false, credentials: creds, ...opts });
  sims.push(s);
  return s;
}

const addOnvif = (s: OnvifSimulator) => api('POST', '/api/cameras', { source: { kind: 'onvif', host: s.address, port: s.port, ...creds } });

describe('hostile ONVIF cameras', () => {
  it.each<[HostileMode, string[] | undefined, string]>([
    ['malformed-xml', undefined, 'onvif-bad-response'],
    ['huge-body', undefined, 'onvif-bad-response'],
    ['entity-bomb', undefined, 'onvif-bad-response'],
    ['soap-fault', ['GetProfiles'], 'onvif-bad-response'],
    ['never-answers', ['GetStreamUri'], 'onvif-timeout'],
    ['slow-drip', undefined, 'onvif-timeout'],
  ])('%s (%j) → %s, while the hub keeps answering', async (mode, actions, code) => {
    const bad = await sim(`127.0.8.${10 + sims.length}`, { hostile: { mode, actions } });
    let settled = false;
    const pending = addOnvif(bad).finally(() => (settled = true));
    // another request is answered while the camera is being difficult
    const health = await api('GET', '/api/health', undefined, null);
    expect(health.json.status).toBe('ok');
    if (mode === 'never-answers' || mode === 'slow-drip') expect(settled).toBe(false);
    const r = await pending;
    expect([r.status, r.json.error.code]).toEqual([502, code]);
    expect(r.text).not.toContain(creds.password);
    expect(r.text).not.toMatch(/<!DOCTYPE|lol9|<s:Envelope/);
  });

  it.each([
    ['file:///etc/passwd'],
    ['http://{host}:80/live.m3u8'],
    ['rtsp://{host}:554/x -i file:/etc/passwd'],
  ])('refuses a camera whose stream URI is %s', async (uri) => {
    const bad = await sim(`127.0.8.${10 + sims.length}`, { streamUris: { main: uri, sub: uri } });
    const r = await addOnvif(bad);
    expect([r.status, r.json.error.code]).toEqual([502, 'onvif-bad-uri']);
  });

  it('an unreachable address and a web server that is not ONVIF get their own codes', async () => {
    const unreachable = await api('POST', '/api/cameras', { source: { kind: 'onvif', host: '127.0.8.99', port: 9, ...creds } });
    expect([unreachable.status, unreachable.json.error.code]).toEqual([502, 'onvif-unreachable']);
    const notOnvif = await api('POST', '/api/cameras', { source: { kind: 'onvif', host: '127.0.0.1', port: Number(new URL(hub.url).port), ...creds } });
    expect([notOnvif.status, notOnvif.json.error.code]).toEqual([400, 'onvif-not-onvif']);
  });

  it('is still running, with no camera added and no password in its output', async () => {
    expect(hub.process.exitCode).toBeNull();
    expect((await api('GET', '/api/cameras')).json.cameras).toEqual([]);
    expect(hub.output()).not.toContain(creds.password);
  });
});
