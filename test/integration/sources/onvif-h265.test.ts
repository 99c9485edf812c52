// Adding a camera as Vietnamese cameras ship (an H.265 main profile, an H.264 sub) by ONVIF through the real hub:
// the simulated camera offers H265_MAIN_PROFILES and forwards RTSP to a real GStreamer camera that streams H.265
// (x265enc) on /main and H.264 on /sub. The hub takes the H.265 profile as main, plays both streams and reports
// what each is.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CameraDto, CameraHealthDto } from '../../../server/contracts.ts';
import { H265_MAIN_PROFILES, startOnvifSimulator, type OnvifSimulator } from '../../../server/onvif/simulator/onvif-simulator.ts';
import { RtspCamera } from '../../fixtures/rtsp-camera.ts';
import { login, startTestHub, type TestHub } from '../../helpers/hub.ts';
import { apiClient, eventually, playlistWithParts, servedVideoSize } from './source-helpers.ts';

const creds = { username: 'admin', password: 'Onvif-h265:9' };
let hub: TestHub;
let api: ReturnType<typeof apiClient>;
let cookie: string;
let rtsp: RtspCamera;
let sim: OnvifSimulator;

beforeAll(async () => {
  rtsp = await RtspCamera.start({ mounts: ['/main:640x360@15:15:h265', '/sub:320x180@15:15'], user: creds.username, password: creds.password });
  sim = await startOnvifSimulator({
    address: '127.0.5.12', discovery: false, credentials: creds, reportedHost: '0.0.0.0',
    device: { manufacturer: 'Hikvision', model: 'DS-2CD1043G2-LIU' }, profiles: H265_MAIN_PROFILES, ptz: false,
    rtspForward: { host: '127.0.0.1', port: rtsp.port },
  });
  hub = await startTestHub({ config: { onvif: { timeoutMs: 5000 } } });
  cookie = await login(hub.url, 'admin', hub.adminPassword);
  api = apiClient(hub, cookie);
}, 60_000);
afterAll(async () => {
  await hub?.close();
  await Promise.all([sim?.close(), rtsp?.stop()]);
});

describe('add an H.265 camera by ONVIF', () => {
  let added: CameraDto;

  it('takes the H.265 profile as main and the H.264 one as sub', async () => {
    const preview = await api('POST', '/api/cameras/preview', { source: { kind: 'onvif', host: sim.address, port: sim.port, ...creds } });
    expect(preview.status, preview.text).toBe(200);
    expect(preview.json.preview).toMatchObject({ main: { width: 2560, height: 1440 }, sub: { width: 640, height: 360 } });
    const r = await api('POST', '/api/cameras', { source: { kind: 'onvif', host: sim.address, port: sim.port, ...creds } });
    expect(r.status, r.text).toBe(201);
    added = r.json.camera;
    expect(added).toMatchObject({
      hasSub: true,
      source: { kind: 'onvif', url: `rtsp://admin@127.0.5.12:${sim.rtspPort}/main`, subUrl: `rtsp://admin@127.0.5.12:${sim.rtspPort}/sub` },
    });
  });

  it('plays the H.265 main and the H.264 sub, and the diagnostics say which is which', async () => {
    expect(await servedVideoSize(hub, cookie, added.id, 'main')).toEqual({ codec: 'hevc', width: 640, height: 360 });
    expect(await servedVideoSize(hub, cookie, added.id, 'sub')).toEqual({ codec: 'h264', width: 320, height: 180 });
    await playlistWithParts(hub, cookie, added.id, 'main'); // keeps both streams wanted while we read
    const h = await eventually(async () => {
      const v = (await api('GET', `/api/cameras/${added.id}/health`)).json.health as CameraHealthDto;
      return v.media.main.codecName && v.media.sub?.codecName ? v : undefined;
    }, 20_000, 'both streams read');
    expect(h.media.main).toMatchObject({ codecName: 'H.265', width: 640, height: 360 });
    expect(h.media.sub).toMatchObject({ codecName: 'H.264', width: 320, height: 180 });
  }, 60_000);
});
