// Adding cameras by ONVIF through the real hub: a simulated camera (reporting 0.0.0.0 as its address) with a
// GStreamer RTSP server behind it that wants the same credentials, another with its clock 10 minutes off; the
// stream, the ONVIF snapshot, PTZ.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CameraDto } from '../../../server/contracts.ts';
import { startOnvifSimulator, type OnvifSimulator } from '../../../server/onvif/simulator/onvif-simulator.ts';
import { SNAPSHOT_JPEG } from '../../../server/onvif/simulator/snapshot-jpeg.ts';
import { RtspCamera } from '../../fixtures/rtsp-camera.ts';
import { login, startTestHub, type TestHub } from '../../helpers/hub.ts';
import { apiClient, connectSocket, jpegSize, playlistWithParts, servedVideoSize, userCookie } from './source-helpers.ts';

const PASSWORD = 'Onvif-p@ss:7/x';
const creds = { username: 'admin', password: PASSWORD };
let hub: TestHub;
let api: ReturnType<typeof apiClient>;
let cookie: string;
let rtsp: RtspCamera;
let sim: OnvifSimulator;
let skewed: OnvifSimulator;
let added: CameraDto;

beforeAll(async () => {
  rtsp = await RtspCamera.start({ mounts: ['/main:640x360@25:25', '/sub:320x180@15:15'], user: creds.username, password: PASSWORD });
  // the RTSP server answers on the camera's own address (the hub rewrites 0.0.0.0 to it)
  sim = await startOnvifSimulator({
    address: '127.0.5.2', discovery: false, credentials: creds, reportedHost: '0.0.0.0',
    device: { manufacturer: 'Hikvision', model: 'DS-2DE2A404IW' },
    rtspForward: { host: '127.0.0.1', port: rtsp.port },
  });
  skewed = await startOnvifSimulator({
    address: '127.0.5.3', discovery: false, credentials: creds, clockOffsetMs: 10 * 60_000,
    device: { manufacturer: 'Dahua', model: 'SD22204' }, ptz: { presets: [{ token: 'P1', name: 'Cổng trường' }] },
  });
  hub = await startTestHub({ config: { onvif: { timeoutMs: 5000 } } });
  cookie = await login(hub.url, 'admin', hub.adminPassword);
  api = apiClient(hub, cookie);
});
afterAll(async () => {
  await hub?.close();
  await Promise.all([sim?.close(), skewed?.close(), rtsp?.stop()]);
});

describe('add by ONVIF', () => {
  it('previews a camera before it is saved: who it is, its streams and its snapshot', async () => {
    const r = await api('POST', '/api/cameras/preview', { source: { kind: 'onvif', host: sim.address, port: sim.port, ...creds } });
    expect(r.status, r.text).toBe(200);
    const { snapshot, ...rest } = r.json.preview;
    expect(rest).toEqual({
      manufacturer: 'Hikvision', model: 'DS-2DE2A404IW', main: { width: 1920, height: 1080 }, sub: { width: 640, height: 360 },
      ptz: true, snapshotError: null,
    });
    expect(Buffer.from(snapshot.replace('data:image/jpeg;base64,', ''), 'base64').equals(SNAPSHOT_JPEG)).toBe(true);
    expect((await api('GET', '/api/cameras')).json.cameras).toEqual([]);
    const wrong = await api('POST', '/api/cameras/preview', { source: { kind: 'onvif', host: sim.address, port: sim.port, username: 'admin', password: 'nope-nope' } });
    expect([wrong.status, wrong.json.error.code]).toEqual([400, 'onvif-auth-failed']);
  });

  it('reads the camera, rewrites the 0.0.0.0 it reports, names it, and keeps the password out of every answer', async () => {
    const socket = await connectSocket(hub, cookie);
    const pushed = new Promise<CameraDto>((resolve) => socket.on('camera:created', resolve));
    const r = await api('POST', '/api/cameras', { source: { kind: 'onvif', host: sim.address, port: sim.port, ...creds } });
    expect(r.status, r.text).toBe(201);
    added = r.json.camera;
    expect(added).toMatchObject({
      name: 'Hikvision DS-2DE2A404IW (127.0.5.2)', ptz: true, hasSub: true, group: null, status: 'idle',
      source: {
        kind: 'onvif', host: '127.0.5.2', port: sim.port, username: 'admin', hasPassword: true,
        url: `rtsp://admin@127.0.5.2:${sim.rtspPort}/main`, subUrl: `rtsp://admin@127.0.5.2:${sim.rtspPort}/sub`,
        manufacturer: 'Hikvision', model: 'DS-2DE2A404IW', ptz: true, snapshot: true,
      },
    });
    expect((await pushed).id).toBe(added.id);
    socket.close();
    const list = await api('GET', '/api/cameras');
    for (const text of [r.text, list.text]) {
      expect(text).not.toContain(PASSWORD);
      expect(text).not.toContain(encodeURIComponent(PASSWORD));
    }
    const db = new Database(path.join(hub.dataDir, 'hub.sqlite'), { readonly: true });
    const row = db.prepare('SELECT * FROM cameras WHERE id = ?').get(added.id);
    db.close();
    expect(JSON.stringify(row)).not.toContain(PASSWORD);
    expect(JSON.stringify(row)).not.toContain(encodeURIComponent(PASSWORD));
  });

  it('plays main and sub from the RTSP server behind the camera, with the ONVIF credentials', async () => {
    expect(await playlistWithParts(hub, cookie, added.id, 'main')).toContain('#EXT-X-PART:');
    expect(await servedVideoSize(hub, cookie, added.id, 'sub')).toEqual({ codec: 'h264', width: 320, height: 180 });
  });

  it('serves the camera\'s own snapshot (HTTP Digest) to whoever may view it, briefly cached', async () => {
    const r = await api('GET', `/api/cameras/${added.id}/snapshot.jpg`);
    expect(r.status, r.text).toBe(200);
    expect(r.headers.get('content-type')).toBe('image/jpeg');
    expect(r.headers.get('cache-control')).toBe('private, max-age=5');
    expect(r.bytes.equals(SNAPSHOT_JPEG)).toBe(true);
    const police = await userCookie(hub, 'canbo', 'police');
    expect((await api('GET', `/api/cameras/${added.id}/snapshot.jpg`, undefined, police)).status).toBe(200);
    const resident = await userCookie(hub, 'dan', 'resident');
    expect((await api('GET', `/api/cameras/${added.id}/snapshot.jpg`, undefined, resident)).status).toBe(404);
    expect((await api('GET', `/api/cameras/${added.id}/snapshot.jpg`, undefined, null)).status).toBe(401);
  });

  it('works with a camera whose clock is 10 minutes off', async () => {
    const r = await api('POST', '/api/cameras', { name: 'Ngã tư chợ', source: { kind: 'onvif', host: skewed.address, port: skewed.port, ...creds } });
    expect(r.status, r.text).toBe(201);
    expect(r.json.camera).toMatchObject({ name: 'Ngã tư chợ', ptz: true, source: { manufacturer: 'Dahua', hasPassword: true } });
    expect(skewed.requests.filter((q) => q.action === 'GetProfiles').map((q) => q.auth)).toContain('ws-security');
    const presets = await api('GET', `/api/cameras/${r.json.camera.id}/ptz/presets`);
    expect(presets.json).toEqual({ presets: [{ token: 'P1', name: 'Cổng trường' }] });
  });

  it('refuses a wrong password with a clear error and adds nothing', async () => {
    const before = (await api('GET', '/api/cameras')).json.cameras.length;
    const r = await api('POST', '/api/cameras', { source: { kind: 'onvif', host: sim.address, port: sim.port, username: 'admin', password: 'Wrong-pw-99' } });
    expect(r.status).toBe(400);
    expect(r.json.error.code).toBe('onvif-auth-failed');
    expect(r.text).not.toContain('Wrong-pw-99');
    expect((await api('GET', '/api/cameras')).json.cameras.length).toBe(before);
  });
});

describe('PTZ', () => {
  it('moves, stops and goes to a preset on the camera, with the values sent', async () => {
    const start = sim.ptzCalls.length;
    const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
    // one move: answered at once, the hub stops the camera when its duration ends
    const move = await api('POST', `/api/cameras/${added.id}/ptz`, { action: 'move', pan: 0.5, tilt: -0.25, zoom: 0, durationMs: 300 });
    expect(move.status, move.text).toBe(204);
    await sleep(700);
    // a held control: the second move replaces the first without a Stop in between
    await api('POST', `/api/cameras/${added.id}/ptz`, { action: 'move', pan: 1, tilt: 0, zoom: 0, durationMs: 400 });
    await api('POST', `/api/cameras/${added.id}/ptz`, { action: 'move', pan: 1, tilt: 0, zoom: 0, durationMs: 400 });
    await sleep(800);
    const police = await login(hub.url, 'canbo', 'canbo-pw-123');
    expect((await api('POST', `/api/cameras/${added.id}/ptz`, { action: 'stop' }, police)).status).toBe(204);
    expect((await api('POST', `/api/cameras/${added.id}/ptz`, { action: 'goto-preset', preset: '2' })).status).toBe(204);
    const stop = { action: 'Stop', profileToken: 'main', panTilt: true, zoom: true };
    const right = { action: 'ContinuousMove', profileToken: 'main', pan: 1, tilt: 0, zoom: 0, timeoutMs: 400 };
    expect(sim.ptzCalls.slice(start)).toEqual([
      { action: 'ContinuousMove', profileToken: 'main', pan: 0.5, tilt: -0.25, zoom: 0, timeoutMs: 300 },
      stop,
      right,
      right,
      stop,
      stop,
      { action: 'GotoPreset', profileToken: 'main', presetToken: '2' },
    ]);
    const presets = await api('GET', `/api/cameras/${added.id}/ptz/presets`);
    expect(presets.json.presets).toEqual(expect.arrayContaining([{ token: '1', name: 'Cổng chính' }, { token: '2', name: 'Ngã tư' }]));
  });

  it('refuses bad commands, residents, and cameras without PTZ', async () => {
    const bad = await api('POST', `/api/cameras/${added.id}/ptz`, { action: 'move', pan: 3 });
    expect(bad.json.error.code).toBe('validation-failed');
    expect((await api('POST', `/api/cameras/${added.id}/ptz`, { action: 'spin' })).json.error.code).toBe('validation-failed');
    const resident = await login(hub.url, 'dan', 'dan-pw-123');
    expect((await api('POST', `/api/cameras/${added.id}/ptz`, { action: 'stop' }, resident)).status).toBe(403);
    const unknownPreset = await api('POST', `/api/cameras/${added.id}/ptz`, { action: 'goto-preset', preset: 'nope' });
    expect(unknownPreset.json.error.code).toBe('ptz-preset-not-found');
    const plain = await api('POST', '/api/cameras', {
      name: 'RTSP', source: { kind: 'rtsp', url: `rtsp://admin:${encodeURIComponent(PASSWORD)}@127.0.0.1:${rtsp.port}/main`,
        subUrl: `rtsp://admin:${encodeURIComponent(PASSWORD)}@127.0.0.1:${rtsp.port}/sub` },
    });
    const r = await api('POST', `/api/cameras/${plain.json.camera.id}/ptz`, { action: 'stop' });
    expect(r.status).toBe(400);
    expect(r.json.error.code).toBe('ptz-not-supported');
    expect((await api('GET', `/api/cameras/${plain.json.camera.id}/ptz/presets`)).json.error.code).toBe('ptz-not-supported');
    expect((await api('POST', '/api/cameras/cam-nope/ptz', { action: 'stop' })).status).toBe(404);
  });
});

describe('snapshot from the stream', () => {
  it('grabs a frame of the sub-stream for a camera without a snapshot URI', async () => {
    const cams: CameraDto[] = (await api('GET', '/api/cameras')).json.cameras;
    const plain = cams.find((c) => c.name === 'RTSP')!;
    const r = await api('GET', `/api/cameras/${plain.id}/snapshot.jpg`);
    expect(r.status, r.text).toBe(200);
    expect(r.headers.get('content-type')).toBe('image/jpeg');
    expect(jpegSize(r.bytes)).toEqual({ width: 320, height: 180 });
    const again = await api('GET', `/api/cameras/${plain.id}/snapshot.jpg`);
    expect(again.bytes.equals(r.bytes)).toBe(true); // cached
  });
});

it('never wrote a camera password to its output or its data files', () => {
  expect(hub.output()).not.toContain(PASSWORD);
  expect(hub.output()).not.toContain(encodeURIComponent(PASSWORD));
  for (const f of fs.readdirSync(hub.dataDir)) {
    const file = path.join(hub.dataDir, f);
    if (fs.statSync(file).isFile()) expect(fs.readFileSync(file).includes(PASSWORD), f).toBe(false);
  }
});
