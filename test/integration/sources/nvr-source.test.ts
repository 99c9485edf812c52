// A recorder (đầu thu) through the real hub: a GStreamer RTSP server with Hikvision channel paths and basic auth
// stands in for the NVR; one camera per channel, each playing its own channel's main and sub stream.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CameraDto } from '../../../server/contracts.ts';
import { RtspCamera } from '../../fixtures/rtsp-camera.ts';
import { login, startTestHub, type TestHub } from '../../helpers/hub.ts';
import { apiClient, connectSocket, eventually, jpegSize, servedVideoSize, userCookie } from './source-helpers.ts';

const PASSWORD = 'Nvr#pass:12@/';
let hub: TestHub;
let nvr: RtspCamera;
let api: ReturnType<typeof apiClient>;
let cookie: string;
let cameras: CameraDto[];

beforeAll(async () => {
  nvr = await RtspCamera.start({
    mounts: [
      '/Streaming/Channels/101:640x360@25:25', '/Streaming/Channels/102:320x180@15:15',
      '/Streaming/Channels/201:480x270@25:25', '/Streaming/Channels/202:256x144@15:15',
      '/Streaming/Channels/301:640x360@25:25', '/Streaming/Channels/302:320x180@15:15',
    ],
    user: 'admin', password: PASSWORD,
  });
  hub = await startTestHub({ config: { media: { connectTimeoutSec: 4 } } });
  cookie = await login(hub.url, 'admin', hub.adminPassword);
  api = apiClient(hub, cookie);
});
afterAll(async () => {
  await hub?.close();
  await nvr?.stop();
});

describe('recorder channels', () => {
  it('lists the vendors the hub has templates for', async () => {
    const r = await api('GET', '/api/cameras/nvr-vendors');
    expect(r.json.vendors.map((v: { id: string }) => v.id)).toEqual(['hikvision', 'dahua', 'ezviz', 'tapo', 'vigi-nvr', 'generic']);
    expect(r.json.vendors[0]).toEqual({ id: 'hikvision', label: 'Hikvision / HiLook', aliases: ['hilook'], defaultPort: 554, maxChannels: 64 });
    const police = await userCookie(hub, 'canbo', 'police');
    expect((await api('GET', '/api/cameras/nvr-vendors', undefined, police)).status).toBe(403);
  });

  it('previews the recorder\'s first channel before saving, and says why when it cannot', async () => {
    const source = { kind: 'nvr', vendor: 'hikvision', host: '127.0.0.1', port: nvr.port, username: 'admin', password: PASSWORD, channels: [2, 3] };
    const r = await api('POST', '/api/cameras/preview', { source });
    expect(r.status, r.text).toBe(200);
    expect(r.json.preview.snapshotError).toBeNull();
    expect(jpegSize(Buffer.from(r.json.preview.snapshot.replace('data:image/jpeg;base64,', ''), 'base64'))).toEqual({ width: 256, height: 144 });
    const wrong = await api('POST', '/api/cameras/preview', { source: { ...source, password: 'wrong-one' } });
    expect(wrong.json.preview).toMatchObject({ snapshot: null, snapshotError: expect.stringContaining('401') });
    expect(wrong.text).not.toContain('wrong-one');
    const rtsp = await api('POST', '/api/cameras/preview', { source: { kind: 'rtsp', url: `rtsp://admin:${encodeURIComponent(PASSWORD)}@127.0.0.1:${nvr.port}/Streaming/Channels/102` } });
    expect(jpegSize(Buffer.from(rtsp.json.preview.snapshot.split(',')[1], 'base64'))).toEqual({ width: 320, height: 180 });
    expect((await api('POST', '/api/cameras/preview', { source: { kind: 'rtmp-push' } })).json.error.code).toBe('preview-not-available');
    expect((await api('GET', '/api/cameras')).json.cameras).toEqual([]);
  });

  it('adds one camera per channel, named and grouped under the recorder', async () => {
    const socket = await connectSocket(hub, cookie);
    const pushed: CameraDto[] = [];
    socket.on('camera:created', (c: CameraDto) => pushed.push(c));
    const r = await api('POST', '/api/cameras', {
      source: { kind: 'nvr', vendor: 'HiLook', host: '127.0.0.1', port: nvr.port, username: 'admin', password: PASSWORD, channels: [3, 1, 2, 4] },
    });
    expect(r.status, r.text).toBe(201);
    cameras = r.json.cameras;
    expect(cameras.map((c) => [c.name, c.source.kind === 'nvr' && c.source.channel])).toEqual([
      ['Đầu thu 127.0.0.1 — kênh 1', 1], ['Đầu thu 127.0.0.1 — kênh 2', 2],
      ['Đầu thu 127.0.0.1 — kênh 3', 3], ['Đầu thu 127.0.0.1 — kênh 4', 4],
    ]);
    const group = cameras[0]!.group!;
    expect(group).toEqual({ id: expect.stringMatching(/^grp-/), name: 'Đầu thu 127.0.0.1' });
    expect(cameras.every((c) => c.group?.id === group.id && c.hasSub && !c.ptz)).toBe(true);
    expect(cameras[1]!.source).toEqual({
      kind: 'nvr', vendor: 'hikvision', host: '127.0.0.1', port: nvr.port, channel: 2, username: 'admin', hasPassword: true,
      url: `rtsp://admin@127.0.0.1:${nvr.port}/Streaming/Channels/201`, subUrl: `rtsp://admin@127.0.0.1:${nvr.port}/Streaming/Channels/202`,
    });
    expect(r.text).not.toContain(PASSWORD);
    expect(r.text).not.toContain(encodeURIComponent(PASSWORD));
    await eventually(() => (pushed.length === 4 ? true : undefined), 5000, 'four camera:created events');
    socket.close();
  });

  it('plays each channel\'s own main and sub stream with the recorder\'s credentials', async () => {
    const [ch1, ch2] = cameras;
    expect(await servedVideoSize(hub, cookie, ch2!.id, 'main')).toEqual({ codec: 'h264', width: 480, height: 270 });
    expect(await servedVideoSize(hub, cookie, ch2!.id, 'sub')).toEqual({ codec: 'h264', width: 256, height: 144 });
    expect(await servedVideoSize(hub, cookie, ch1!.id, 'sub')).toEqual({ codec: 'h264', width: 320, height: 180 });
  });

  it('shows a channel the recorder does not have as offline, with the reason', async () => {
    const ch4 = cameras[3]!;
    const r = await api('GET', `/live/${ch4.id}/main/index.m3u8`);
    expect(r.status).toBe(503);
    expect(r.json.error.message).toBe('stream path not found on the camera (RTSP 404)');
    const cam = (await api('GET', `/api/cameras/${ch4.id}`)).json.camera;
    expect(cam).toMatchObject({ status: 'offline', lastError: 'stream path not found on the camera (RTSP 404)' });
  });

  it('refuses an unknown vendor, a channel the template does not have, and repeated channels', async () => {
    const add = (source: Record<string, unknown>) => api('POST', '/api/cameras', { source: { kind: 'nvr', host: '127.0.0.1', ...source } });
    const unknown = await add({ vendor: 'acme', channels: [1] });
    expect([unknown.status, unknown.json.error.code]).toEqual([400, 'nvr-vendor-unknown']);
    expect(unknown.json.error.message).toContain('hikvision');
    const tapo = await add({ vendor: 'tapo', channels: [1, 2] });
    expect([tapo.status, tapo.json.error.code]).toEqual([400, 'nvr-channel-invalid']);
    expect((await add({ vendor: 'dahua', channels: [2, 2] })).json.error.code).toBe('validation-failed');
    expect((await add({ vendor: 'dahua', host: 'rtsp://x/', channels: [1] })).json.error.code).toBe('validation-failed');
    expect((await api('GET', '/api/cameras')).json.cameras).toHaveLength(4);
  });

  it('never wrote the recorder password to its output', () => {
    expect(hub.output()).not.toContain(PASSWORD);
    expect(hub.output()).not.toContain(encodeURIComponent(PASSWORD));
  });
});
