// A camera behind NAT pushing RTMP to the hub: ffmpeg publishes a test pattern to the publish URL, the camera's
// LL-HLS playlist fills; a wrong key is refused, rotating the key cuts the publisher, deleting the camera too.
import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import net from 'node:net';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CameraDto } from '../../../server/contracts.ts';
import { login, startTestHub, type TestHub } from '../../helpers/hub.ts';
import { apiClient, connectSocket, eventually, freePort, playlistWithParts, pushRtmp, servedVideoSize, userCookie } from './source-helpers.ts';

let hub: TestHub;
let api: ReturnType<typeof apiClient>;
let cookie: string;
let rtmpPort: number;
const pushers: ChildProcess[] = [];

function push(url: string) {
  const pusher = pushRtmp(url);
  pushers.push(pusher.process);
  return pusher;
}

const publishUrlOf = (c: CameraDto) => (c.source.kind === 'rtmp-push' ? c.source.publishUrl : undefined);
const publishing = async (id: string) => ((await api('GET', `/api/cameras/${id}`)).json.camera as CameraDto).source;

beforeAll(async () => {
  rtmpPort = await freePort();
  hub = await startTestHub({ config: { ingest: { port: rtmpPort }, media: { connectTimeoutSec: 3 } } });
  cookie = await login(hub.url, 'admin', hub.adminPassword);
  api = apiClient(hub, cookie);
});
afterEach(() => {
  for (const p of pushers.splice(0)) if (p.exitCode === null) p.kill('SIGKILL');
});
afterAll(async () => {
  await hub?.close();
});

describe('RTMP push', () => {
  let camera: CameraDto;
  let key: string;

  it('creates a camera with a secret publish URL, shown to admins only', async () => {
    const socket = await connectSocket(hub, cookie);
    const pushed = new Promise<CameraDto>((resolve) => socket.on('camera:created', resolve));
    const r = await api('POST', '/api/cameras', { name: 'Nhà ông Tư, ngõ 5', source: { kind: 'rtmp-push' } });
    expect(r.status, r.text).toBe(201);
    camera = r.json.camera;
    const url = publishUrlOf(camera)!;
    expect(url).toMatch(new RegExp(`^rtmp://127\\.0\\.0\\.1:${rtmpPort}/live/[A-Za-z0-9_-]{43}$`));
    key = url.split('/').at(-1)!;
    expect(camera).toMatchObject({ name: 'Nhà ông Tư, ngõ 5', hasSub: false, ptz: false, source: { kind: 'rtmp-push', publishing: false } });

    const event = await pushed;
    socket.close();
    const police = await userCookie(hub, 'canbo', 'police');
    for (const text of [JSON.stringify(event), (await api('GET', '/api/cameras', undefined, police)).text,
      (await api('GET', `/api/cameras/${camera.id}`, undefined, police)).text]) {
      expect(text).toContain(camera.id);
      expect(text).not.toContain(key);
    }
    expect(publishUrlOf((await api('GET', `/api/cameras/${camera.id}`)).json.camera)).toBe(url);
  });

  it('refuses a publish with a wrong key at once', async () => {
    const wrong = push(`rtmp://127.0.0.1:${rtmpPort}/live/${'x'.repeat(43)}`);
    expect(await wrong.exited).not.toBe(0);
    const otherApp = push(`rtmp://127.0.0.1:${rtmpPort}/other/${key}`);
    expect(await otherApp.exited).not.toBe(0);
    expect((await publishing(camera.id))).toEqual({ kind: 'rtmp-push', publishing: false, publishUrl: expect.any(String) });
  });

  it('feeds the pushed stream into the stream hub: LL-HLS with parts, the pushed picture', async () => {
    const pusher = push(publishUrlOf(camera)!);
    await eventually(async () => ((await publishing(camera.id)) as { publishing: boolean }).publishing || undefined, 15_000, 'publishing');
    expect(await playlistWithParts(hub, cookie, camera.id, 'main')).toContain('#EXT-X-PART:');
    expect(await servedVideoSize(hub, cookie, camera.id, 'sub')).toEqual({ codec: 'h264', width: 320, height: 180 });
    expect(pusher.process.exitCode).toBeNull();
  });

  it('a hostile RTMP client (garbage, a malformed connect) does not take the ingest down', async () => {
    const pusher = push(publishUrlOf(camera)!);
    await eventually(async () => ((await publishing(camera.id)) as { publishing: boolean }).publishing || undefined, 15_000, 'publishing');
    const garbage = net.connect(rtmpPort, '127.0.0.1');
    await new Promise((r) => garbage.once('connect', r));
    garbage.write(Buffer.concat([Buffer.from([3]), crypto.randomBytes(1536), crypto.randomBytes(1536), crypto.randomBytes(4096)]));
    const badConnect = spawn('ffmpeg', ['-hide_banner', '-loglevel', 'quiet', '-nostdin', '-f', 'lavfi', '-i', 'testsrc2=size=64x64:rate=5',
      '-t', '2', '-c:v', 'libx264', '-f', 'flv', '-rtmp_tcurl', 'http://[::1', `rtmp://127.0.0.1:${rtmpPort}/live/${key}`]);
    pushers.push(badConnect);
    expect(await new Promise((r) => badConnect.once('exit', r))).not.toBe(0);
    garbage.destroy();
    // the ingest still runs its publisher, and the stream still advances
    const before = await playlistWithParts(hub, cookie, camera.id, 'main');
    const lastPart = (t: string) => Math.max(...[...t.matchAll(/p(\d+)\.m4s/g)].map((m) => Number(m[1])));
    await eventually(async () => (lastPart(await playlistWithParts(hub, cookie, camera.id, 'main')) > lastPart(before) + 5 ? true : undefined),
      10_000, 'new parts');
    expect(pusher.process.exitCode).toBeNull();
  });

  it('rotating the key cuts the publisher; the old key is refused, the new one plays', async () => {
    const old = push(publishUrlOf(camera)!);
    await eventually(async () => ((await publishing(camera.id)) as { publishing: boolean }).publishing || undefined, 15_000, 'publishing');
    const r = await api('POST', `/api/cameras/${camera.id}/rotate-key`);
    expect(r.status, r.text).toBe(200);
    const fresh = publishUrlOf(r.json.camera)!;
    expect(fresh).not.toBe(publishUrlOf(camera));
    expect(await old.exited).not.toBe(0);
    const again = push(publishUrlOf(camera)!);
    expect(await again.exited).not.toBe(0);
    // a viewer before anyone pushes with the new key: a clear reason, then the picture as soon as the push starts
    const waiting = await api('GET', `/live/${camera.id}/main/index.m3u8`);
    expect([waiting.status, waiting.json.error.message]).toEqual([503, 'the camera is not pushing its stream (no RTMP publish)']);
    push(fresh);
    await eventually(async () => ((await publishing(camera.id)) as { publishing: boolean }).publishing || undefined, 15_000, 'publishing');
    expect(await playlistWithParts(hub, cookie, camera.id, 'main')).toContain('#EXT-X-PART:');
    camera = r.json.camera;
  });

  it('deleting the camera cuts its publisher', async () => {
    const current = push(publishUrlOf(camera)!);
    await eventually(async () => ((await publishing(camera.id)) as { publishing: boolean }).publishing || undefined, 15_000, 'publishing');
    expect((await api('DELETE', `/api/cameras/${camera.id}`)).status).toBe(204);
    expect(await current.exited).not.toBe(0);
  });

  it('rotate-key is for pushed cameras only, and for admins', async () => {
    const plain = await api('POST', '/api/cameras', { name: 'x', source: { kind: 'rtsp', url: 'rtsp://127.0.0.1:9/x' } });
    const r = await api('POST', `/api/cameras/${plain.json.camera.id}/rotate-key`);
    expect([r.status, r.json.error.code]).toEqual([400, 'not-rtmp-push']);
    const police = await login(hub.url, 'canbo', 'canbo-pw-123');
    expect((await api('POST', `/api/cameras/${plain.json.camera.id}/rotate-key`, undefined, police)).status).toBe(403);
  });

  it('never wrote a stream key to its output or its data files', () => {
    expect(hub.output()).not.toMatch(/\/live\/[A-Za-z0-9_-]{43}/);
    expect(hub.output()).not.toContain(key);
    for (const f of fs.readdirSync(hub.dataDir)) {
      const file = path.join(hub.dataDir, f);
      if (fs.statSync(file).isFile()) expect(fs.readFileSync(file).includes(key), f).toBe(false);
    }
  });
});
