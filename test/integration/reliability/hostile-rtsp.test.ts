// RTSP servers that misbehave (garbage, an endless SDP, a stall right after PLAY): each camera ends offline with
// a reason a person can read, the hub keeps answering meanwhile, and no ffmpeg is left behind once unwatched.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HostileRtsp, type HostileMode } from '../../fixtures/hostile-rtsp.ts';
import { login, startTestHub, type TestHub } from '../../helpers/hub.ts';
import { apiClient, eventually } from '../sources/source-helpers.ts';

let hub: TestHub;
let api: ReturnType<typeof apiClient>;
let cookie: string;
const servers: HostileRtsp[] = [];

beforeAll(async () => {
  hub = await startTestHub({ config: { media: { connectTimeoutSec: 3, watchdogSec: 4 } } });
  cookie = await login(hub.url, 'admin', hub.adminPassword);
  api = apiClient(hub, cookie);
}, 30_000);
afterAll(async () => {
  await hub?.close();
  await Promise.all(servers.map((s) => s.close()));
});

describe('hostile RTSP servers', () => {
  for (const mode of ['garbage', 'huge-sdp', 'stall'] as HostileMode[]) {
    it(`${mode}: the camera goes offline with a readable reason and the hub keeps serving`, async () => {
      const server = await HostileRtsp.start(mode);
      servers.push(server);
      const r = await api('POST', '/api/cameras', { name: `Camera ${mode}`, source: { kind: 'rtsp', url: server.url } });
      expect(r.status, r.text).toBe(201);
      const id: string = r.json.camera.id;
      // a viewer asks for it: the first playlist request starts the session and fails with the camera's reason
      const live = await fetch(`${hub.url}/live/${id}/sub/index.m3u8`, { headers: { cookie } });
      expect(live.status).toBe(503);
      expect((await live.json()).error.code).toBe('stream-unavailable');
      const started = Date.now();
      let healthChecks = 0;
      const camera = await eventually(async () => {
        expect((await fetch(`${hub.url}/api/health`)).status).toBe(200); // answering all along
        healthChecks++;
        const c = (await api('GET', `/api/cameras/${id}`)).json.camera;
        return c.status === 'offline' && c.lastError ? c : undefined;
      }, 30_000, `${mode} camera offline`);
      console.log(`hostile RTSP ${mode}: offline after ${Date.now() - started} ms, reason "${camera.lastError}", ${healthChecks} health checks answered`);
      expect(camera.lastError).toMatch(/[a-z]{3,}/i);
      expect(camera.lastError.length).toBeLessThan(300);
      expect(camera.lastError).not.toMatch(/\d:\d|--|\[|0x/); // words, not ffmpeg's internals
      expect(hub.process.exitCode).toBeNull();
    }, 45_000);
  }
});
