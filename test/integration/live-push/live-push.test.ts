// The live push transport against the real hub process and a real GStreamer RTSP camera (640x360 and 320x180,
// 15 fps, 1 s GOP): handshake rules, subscriptions, media, one camera session for everyone, session end.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RtspCamera } from '../../fixtures/rtsp-camera.ts';
import { residentArea } from '../../helpers/areas.ts';
import { login, startTestHub, type TestHub } from '../../helpers/hub.ts';
import { CLOSE_SESSION_ENDED, CLOSE_TOO_MANY, FLAG_KEYFRAME, FRAME_FRAGMENT, FRAME_INIT } from '../../../server/live-push/wire.ts';
import { boxTypes, openLive, refusedStatus, trunSampleCount, type LiveClient } from './live-client.ts';

let hub: TestHub;
let camera: RtspCamera;
let admin: string;
let cameraId: string;
const clients: LiveClient[] = [];

async function api(method: string, p: string, body?: unknown, cookie: string | null = admin) {
  const res = await fetch(`${hub.url}${p}`, {
    method,
    headers: { ...(cookie ? { cookie } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, text, json: text ? JSON.parse(text) : undefined };
}

async function until(check: () => boolean, what: string, timeoutMs = 20_000) {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function live(cookie: string | null = admin): Promise<LiveClient> {
  const c = await openLive(hub.url, cookie);
  clients.push(c);
  return c;
}

beforeAll(async () => {
  camera = await RtspCamera.start({ mounts: ['/main:640x360@15:15', '/sub:320x180@15:15'] });
  hub = await startTestHub({ config: { media: { idleTimeoutSec: 2 } } });
  admin = await login(hub.url, 'admin', hub.adminPassword);
  const r = await api('POST', '/api/cameras', {
    name: 'Cổng trường', source: { kind: 'rtsp', url: camera.url('/main'), subUrl: camera.url('/sub') },
  });
  expect(r.status, r.text).toBe(201);
  cameraId = r.json.camera.id;
}, 60_000);

afterAll(async () => {
  for (const c of clients) await c.close();
  await hub?.close();
  await camera?.stop();
});

describe('live push handshake', () => {
  it('refuses an upgrade without a session (401) and from another origin (403)', async () => {
    const anon = await refusedStatus(hub.url, null);
    expect(anon.status).toBe(401);
    expect(JSON.parse(anon.body).error.code).toBe('unauthenticated');
    expect((await refusedStatus(hub.url, 'mt_session=forged')).status).toBe(401);
    const foreign = await refusedStatus(hub.url, admin, 'http://evil.example');
    expect(foreign.status).toBe(403);
    expect(JSON.parse(foreign.body).error.code).toBe('cross-origin');
    expect((await refusedStatus(hub.url, admin, null)).status).toBe(403); // no Origin at all
  });

  it('outlives socket.io engine\'s timer for unknown upgrades, which still ends other paths', async () => {
    const c = await live();
    await new Promise((r) => setTimeout(r, 1500)); // engine.io ends unanswered upgrades after 1 s
    expect(c.ws.readyState).toBe(c.ws.OPEN);
    // another path: nobody answers it, and the connection is ended
    const other = await openLive(hub.url, admin, hub.url, '/ws/other').then(
      async (c2) => (await c2.close(), 'accepted'),
      (e: Error) => e.message,
    );
    expect(other).toMatch(/socket hang up|ECONNRESET|closed/);
  });
});

describe('live push media', () => {
  it('sends init (JSON with an avc1 codec), the binary init segment, then one-frame fragments starting at a keyframe', async () => {
    const c = await live();
    c.send({ op: 'sub', ch: 7, cameraId, stream: 'sub' });
    await c.until(() => c.binary(7).filter((b) => b.header.kind === FRAME_FRAGMENT).length >= 30, '30 fragments');
    const init = c.json(7).find((m) => m.op === 'init');
    expect(init).toMatchObject({ op: 'init', ch: 7, cameraId, stream: 'sub' });
    // the stream's status: what it was at the subscription, then its changes (a cold stream: connecting → online)
    await c.until(() => c.json(7).some((m) => m.op === 'status' && m.status === 'online'), 'status online');
    expect(c.json(7)[0]).toMatchObject({ op: 'status', status: 'connecting' });
    expect(init && init.op === 'init' && init.codec).toMatch(/^avc1\./);
    const frames = c.binary(7);
    expect(frames[0]!.header).toMatchObject({ kind: FRAME_INIT, channel: 7, wallMs: 0 });
    expect(boxTypes(frames[0]!.payload)).toEqual(['ftyp', 'moov']);
    const frags = frames.slice(1);
    expect(frags.every((f) => f.header.kind === FRAME_FRAGMENT)).toBe(true);
    expect(frags[0]!.header.flags & FLAG_KEYFRAME).toBe(FLAG_KEYFRAME);
    for (const f of frags) {
      expect(boxTypes(f.payload)).toEqual(['moof', 'mdat']);
      expect(trunSampleCount(f.payload)).toBe(1);
      expect(f.header.wallMs).toBeGreaterThan(Date.now() - 60_000);
    }
    // one keyframe per second of a 15 fps camera with a 1 s GOP
    const keyframes = frags.filter((f) => f.header.flags & FLAG_KEYFRAME).length;
    expect(keyframes).toBeGreaterThanOrEqual(1);
    expect(keyframes).toBeLessThanOrEqual(Math.ceil(frags.length / 15) + 1);
    const lastSecond = frags.filter((f) => f.at > frags[frags.length - 1]!.at - 1000);
    console.log(`push: ${lastSecond.length} fragments in the last second (camera: 15 fps)`);
    await c.close();
  });

  it('a second viewer of the running stream gets the current GOP at once, starting with its keyframe', async () => {
    const a = await live();
    a.send({ op: 'sub', ch: 1, cameraId, stream: 'main' });
    await a.until(() => a.binary(1).length >= 20, 'first viewer media');
    const b = await live();
    b.send({ op: 'sub', ch: 2, cameraId, stream: 'main' });
    await b.until(() => b.binary(2).length >= 2, 'second viewer media');
    const [init, first] = b.binary(2);
    expect(init!.header.kind).toBe(FRAME_INIT);
    expect(first!.header.flags & FLAG_KEYFRAME).toBe(FLAG_KEYFRAME);
    // LL-HLS of the same stream: still one RTSP client at the camera for this stream
    const pl = await fetch(`${hub.url}/live/${cameraId}/main/index.m3u8`, { headers: { cookie: admin } });
    expect(pl.status).toBe(200);
    expect(await pl.text()).toContain('#EXT-X-PART:');
    const diag = await api('GET', '/api/diagnostics/live');
    expect(diag.status).toBe(200);
    const main = diag.json.streams.find((s: { cameraId: string; stream: string }) => s.cameraId === cameraId && s.stream === 'main');
    expect(main.subscribers).toBe(2);
    await a.close();
    await b.close();
  });

  it('refuses a bad message with a stable code, and a sub for an unknown camera', async () => {
    const c = await live();
    c.send({ op: 'sub', ch: 3, cameraId, stream: 'hd' });
    c.send({ op: 'sub', ch: 4, cameraId: 'no-such-camera', stream: 'main' });
    c.ws.send('not json');
    await c.until(() => c.json().length >= 3, 'three errors');
    expect(c.json(3)).toEqual([expect.objectContaining({ op: 'error', code: 'bad-message' })]);
    expect(c.json(4)).toEqual([expect.objectContaining({ op: 'error', code: 'camera-not-found' })]);
    expect(c.json(0)).toEqual([expect.objectContaining({ op: 'error', code: 'bad-message' })]);
    expect(c.binary()).toEqual([]);
    await c.close();
  });

  it('two push viewers and an LL-HLS player of one stream share one camera session', async () => {
    await until(() => camera.clients === 0, 'no camera session left from earlier tests');
    const a = await live();
    const b = await live();
    a.send({ op: 'sub', ch: 1, cameraId, stream: 'sub' });
    b.send({ op: 'sub', ch: 9, cameraId, stream: 'sub' });
    b.send({ op: 'sub', ch: 10, cameraId, stream: 'sub' }); // the same stream twice on one socket
    await a.until(() => a.binary(1).length > 5, 'viewer a');
    await b.until(() => b.binary(9).length > 5 && b.binary(10).length > 5, 'viewer b');
    const pl = await fetch(`${hub.url}/live/${cameraId}/sub/index.m3u8`, { headers: { cookie: admin } });
    expect(pl.status).toBe(200);
    await pl.text();
    expect(camera.clients).toBe(1); // one RTSP session at the camera: one ffmpeg
    await a.close();
    await b.close();
  });

  it('a resident gets the same refusal as /live, and no media for that channel', async () => {
    const u = await api('POST', '/api/users', { username: 'dan.live', displayName: 'Dân', role: 'resident', password: 'resident-pass-9', areaId: await residentArea(hub.url, admin) });
    expect(u.status, u.text).toBe(201);
    const resident = await login(hub.url, 'dan.live', 'resident-pass-9');
    const viaHls = await fetch(`${hub.url}/live/${cameraId}/sub/index.m3u8`, { headers: { cookie: resident } });
    const hlsCode = ((await viaHls.json()) as { error: { code: string } }).error.code;
    const c = await live(resident);
    c.send({ op: 'sub', ch: 5, cameraId, stream: 'sub' });
    await c.until(() => c.json(5).length > 0, 'an answer');
    expect(c.json(5)).toEqual([expect.objectContaining({ op: 'error', ch: 5, code: hlsCode })]);
    await new Promise((r) => setTimeout(r, 1000)); // media would have started within this
    expect(c.binary()).toEqual([]);
    expect((await api('GET', '/api/diagnostics/live', undefined, resident)).status).toBe(403);
    await c.close();
  });

  it('after unsub the camera session stops once the idle timeout passes; while subscribed it does not', async () => {
    await until(() => camera.clients === 0, 'no camera session left from earlier tests');
    const c = await live();
    c.send({ op: 'sub', ch: 1, cameraId, stream: 'main' });
    await c.until(() => c.binary(1).length > 1, 'media');
    await new Promise((r) => setTimeout(r, 3000)); // longer than the hub's idle timeout (2 s)
    const before = c.binary(1).length;
    await c.until(() => c.binary(1).length > before + 5, 'media still flowing');
    expect(camera.clients).toBe(1);
    c.send({ op: 'unsub', ch: 1 });
    await until(() => camera.clients === 0, 'the camera session to stop after unsub', 15_000);
    const cam = await api('GET', `/api/cameras/${cameraId}`);
    expect(cam.json.camera.status).toBe('idle');
    expect(c.ws.readyState).toBe(c.ws.OPEN); // the socket stays
    await c.close();
  });

  it('a sub-stream added to a camera moves a `sub` subscription from main to it, with a new init', async () => {
    const r = await api('POST', '/api/cameras', { name: 'Chỉ main', source: { kind: 'rtsp', url: camera.url('/main') } });
    expect(r.status, r.text).toBe(201);
    const id = r.json.camera.id as string;
    const c = await live();
    c.send({ op: 'sub', ch: 2, cameraId: id, stream: 'sub' });
    await c.until(() => c.binary(2).length > 1, 'media');
    expect(c.json(2).find((m) => m.op === 'init')).toMatchObject({ stream: 'main' });
    const p = await api('PATCH', `/api/cameras/${id}`, { source: { kind: 'rtsp', url: camera.url('/main'), subUrl: camera.url('/sub') } });
    expect(p.status, p.text).toBe(200);
    await c.until(() => c.json(2).filter((m) => m.op === 'init').length === 2, 'a second init');
    expect(c.json(2).filter((m) => m.op === 'init')[1]).toMatchObject({ stream: 'sub' });
    await c.until(() => c.binary(2).filter((b) => b.header.kind === FRAME_INIT).length === 2, 'the new init segment');
    await c.close();
    expect((await api('DELETE', `/api/cameras/${id}`)).status).toBeLessThan(300);
  });

  it('a deleted camera ends its subscriptions with an error', async () => {
    const r = await api('POST', '/api/cameras', { name: 'Tạm', source: { kind: 'rtsp', url: camera.url('/sub') } });
    expect(r.status, r.text).toBe(201);
    const tempId = r.json.camera.id as string;
    const c = await live();
    c.send({ op: 'sub', ch: 3, cameraId: tempId, stream: 'main' });
    await c.until(() => c.binary(3).length > 1, 'media');
    expect((await api('DELETE', `/api/cameras/${tempId}`)).status).toBeLessThan(300);
    await c.until(() => c.json(3).some((m) => m.op === 'error'), 'an error');
    expect(c.json(3).find((m) => m.op === 'error')).toMatchObject({ code: 'camera-deleted' });
    const after = c.binary(3).length;
    await new Promise((r) => setTimeout(r, 500));
    expect(c.binary(3).length).toBe(after);
    await c.close();
  });

  it('refuses a subscription past livePush.maxSubscriptions (64), and closes a socket that keeps sending garbage', async () => {
    const c = await live();
    for (let ch = 1; ch <= 65; ch++) c.send({ op: 'sub', ch, cameraId, stream: 'sub' });
    await c.until(() => c.json(65).length > 0, 'an answer for channel 65');
    expect(c.json(65)).toEqual([expect.objectContaining({ op: 'error', code: 'too-many-subscriptions' })]);
    expect(c.json(64).some((m) => m.op === 'error')).toBe(false);
    const d = await api('GET', '/api/diagnostics/live');
    expect(d.json.viewers.find((v: { subscriptions: number }) => v.subscriptions === 64)).toBeTruthy();
    for (let i = 0; i < 10; i++) c.ws.send(`garbage ${i}`);
    expect((await c.closed).code).toBe(CLOSE_TOO_MANY);
  });

  it('closes the sockets of a user an admin disables with CLOSE_SESSION_ENDED', async () => {
    const u = await api('POST', '/api/users', { username: 'ca.truc', displayName: 'Trực ban', role: 'police', password: 'police-pass-77' });
    expect(u.status, u.text).toBe(201);
    const c = await live(await login(hub.url, 'ca.truc', 'police-pass-77'));
    c.send({ op: 'sub', ch: 1, cameraId, stream: 'sub' });
    await c.until(() => c.binary(1).length > 0, 'media');
    const p = await api('PATCH', `/api/users/${u.json.user.id}`, { disabled: true });
    expect(p.status, p.text).toBe(200);
    expect((await c.closed).code).toBe(CLOSE_SESSION_ENDED);
  });

  it('closes the socket of a session that logs out with CLOSE_SESSION_ENDED', async () => {
    const cookie = await login(hub.url, 'admin', hub.adminPassword);
    const c = await live(cookie);
    c.send({ op: 'sub', ch: 1, cameraId, stream: 'sub' });
    await c.until(() => c.binary(1).length > 0, 'media');
    expect((await api('POST', '/api/auth/logout', undefined, cookie)).status).toBeLessThan(300);
    expect((await c.closed).code).toBe(CLOSE_SESSION_ENDED);
  });
});
