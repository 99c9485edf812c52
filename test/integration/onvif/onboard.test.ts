// Adding cameras by ONVIF against simulated cameras, with the real `onvif` client over real sockets.
import { execFile } from 'node:child_process';
import http from 'node:http';
import net from 'node:net';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { probeOnvifCamera } from '../../../server/onvif/onboard.ts';
import { startOnvifSimulator, type OnvifSimulator, type OnvifSimulatorOptions } from '../../../server/onvif/simulator/onvif-simulator.ts';
import { httpStatusOf } from '../../../server/http/error-status.ts';
import { rejectsWith } from '../../fixtures/onvif/app-error.ts';
import { RtspCamera } from '../../fixtures/rtsp-camera.ts';

const creds = { username: 'admin', password: 'Cam-pass-7x!' };
const cleanups: Array<() => Promise<unknown> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function sim(opts: OnvifSimulatorOptions = {}): Promise<OnvifSimulator> {
  const s = await startOnvifSimulator({ address: '127.0.0.21', discovery: false, credentials: creds, ...opts });
  cleanups.push(() => s.close());
  return s;
}

const probe = (s: OnvifSimulator, extra: Partial<Parameters<typeof probeOnvifCamera>[0]> = {}) =>
  probeOnvifCamera({ host: s.address, port: s.port, ...creds, timeoutMs: 5000, ...extra });

describe('probeOnvifCamera', () => {
  it('reads a camera with the right password: device, main/sub H.264, RTSP and snapshot URIs, PTZ', async () => {
    const s = await sim({ device: { manufacturer: 'Hikvision', model: 'DS-2DE2A404IW', serial: 'DS123', firmware: 'V5.7.3' } });
    const info = await probe(s);
    expect(info).toEqual({
      manufacturer: 'Hikvision',
      model: 'DS-2DE2A404IW',
      serial: 'DS123',
      firmware: 'V5.7.3',
      main: { profileToken: 'main', width: 1920, height: 1080, rtspUrl: 'rtsp://127.0.0.21:554/main' },
      sub: { profileToken: 'sub', width: 640, height: 360, rtspUrl: 'rtsp://127.0.0.21:554/sub' },
      snapshotUrl: `http://127.0.0.21:${s.port}/onvif/snapshot.jpg?profile=main`,
      ptz: true,
      ptzProfileToken: 'main',
      auth: 'ws-security',
    });
    expect(s.requests.filter((r) => r.auth === 'rejected')).toEqual([]);
  });

  it('refuses a wrong password with onvif-auth-failed, after trying WS-Security and HTTP Digest', async () => {
    const s = await sim();
    const err = await rejectsWith(probe(s, { password: 'wrong-password-123' }), 400, 'onvif-auth-failed');
    expect(err.message).not.toContain('wrong-password-123');
    expect(JSON.stringify(err.details)).not.toContain('wrong-password-123');
    expect(s.requests.some((r) => r.auth === 'ws-security' || r.auth === 'digest')).toBe(false);
  });

  it('says credentials are needed when none were given', async () => {
    const s = await sim();
    const err = await rejectsWith(probe(s, { username: '', password: '' }), 400, 'onvif-auth-failed');
    expect(err.message).toMatch(/needs a user name and password/);
  });

  it.each([
    ['10 minutes ahead', 600_000],
    ['10 minutes behind', -600_000],
  ])('tolerates a camera clock %s: WS-Security uses the camera time', async (_label, clockOffsetMs) => {
    const s = await sim({ clockOffsetMs });
    const info = await probe(s);
    expect(info.auth).toBe('ws-security');
    const authed = s.requests.filter((r) => r.action !== 'GetSystemDateAndTime');
    expect(authed.length).toBeGreaterThan(3);
    expect(authed.every((r) => r.auth === 'ws-security')).toBe(true);
  });

  it('falls back to HTTP Digest when the camera reports a wrong time (local time as UTC)', async () => {
    const s = await sim({ clockOffsetMs: 600_000, reportedTimeErrorMs: 7 * 3_600_000 });
    const info = await probe(s);
    expect(info.auth).toBe('digest');
    expect(info.main.rtspUrl).toBe('rtsp://127.0.0.21:554/main');
    expect(s.requests.some((r) => r.auth === 'digest')).toBe(true);
  });

  it('works with a camera that only knows HTTP Digest, and with one that only knows WS-Security', async () => {
    const d = await sim({ authMethods: ['digest'] });
    expect((await probe(d)).main.profileToken).toBe('main');
    expect(d.requests.filter((r) => r.auth === 'digest').length).toBeGreaterThan(3);
    const w = await sim({ address: '127.0.0.22', authMethods: ['ws-security'] });
    expect((await probe(w)).auth).toBe('ws-security');
  });

  it.each([
    ['0.0.0.0', '0.0.0.0'],
    ['a stale loopback address', '127.0.0.99'],
    ['its LAN address behind NAT', '192.168.1.64'],
  ])('rewrites the host when the camera reports %s', async (_label, reportedHost) => {
    const s = await sim({ reportedHost });
    const info = await probe(s);
    expect(info.main.rtspUrl).toBe('rtsp://127.0.0.21:554/main');
    expect(info.sub!.rtspUrl).toBe('rtsp://127.0.0.21:554/sub');
    expect(info.snapshotUrl).toBe(`http://127.0.0.21:${s.port}/onvif/snapshot.jpg?profile=main`);
  });

  it('keeps the port and path the camera reports and drops credentials inside its URI', async () => {
    const s = await sim({ reportedHost: '0.0.0.0', streamUris: { main: 'rtsp://root:pw@{host}:10554/Streaming/Channels/101?transportmode=unicast' } });
    const info = await probe(s);
    expect(info.main.rtspUrl).toBe('rtsp://127.0.0.21:10554/Streaming/Channels/101?transportmode=unicast');
  });

  it('refuses a camera with neither H.264 nor H.265 with onvif-no-video-codec', async () => {
    const s = await sim({
      profiles: [
        { token: 'mpeg4', encoding: 'MPEG4', width: 2560, height: 1440 },
        { token: 'mjpeg', encoding: 'JPEG', width: 640, height: 480 },
      ],
    });
    const err = await rejectsWith(probe(s), 400, 'onvif-no-video-codec');
    expect(err.message).toContain('MPEG4, JPEG');
  });

  it('takes an H.265 main profile and an H.264 sub (as Hikvision and Dahua ship), skipping JPEG', async () => {
    const s = await sim({
      profiles: [
        { token: 'p4k', encoding: 'H265', width: 3840, height: 2160 },
        { token: 'p720', encoding: 'H264', width: 1280, height: 720 },
        { token: 'pjpeg', encoding: 'JPEG', width: 320, height: 240 },
        { token: 'p360', encoding: 'H264', width: 640, height: 360 },
      ],
    });
    const info = await probe(s);
    expect(info.main).toMatchObject({ profileToken: 'p4k', width: 3840, height: 2160, rtspUrl: 'rtsp://127.0.0.21:554/p4k' });
    expect(info.sub).toMatchObject({ profileToken: 'p360', width: 640, height: 360 });
  });

  it('a single H.264 profile gives a main stream and no sub', async () => {
    const s = await sim({ profiles: [{ token: 'only', encoding: 'H264', width: 1280, height: 720 }], ptz: false });
    const info = await probe(s);
    expect(info.main.profileToken).toBe('only');
    expect(info.sub).toBeUndefined();
    expect(info.ptz).toBe(false);
    expect(info.ptzProfileToken).toBeUndefined();
  });

  it.each(['file:///etc/passwd', 'http://{host}/video.mjpg', 'rtsp://{host}/a\nb'])(
    'refuses a stream URI %j with onvif-bad-uri',
    async (uri) => {
      const s = await sim({ streamUris: { main: uri } });
      await rejectsWith(probe(s), 502, 'onvif-bad-uri');
    },
  );

  it('leaves out a snapshot URI that is not http(s)', async () => {
    const s = await sim({ snapshotUri: 'file:///etc/shadow' });
    const info = await probe(s);
    expect(info.snapshotUrl).toBeUndefined();
    expect(info.main.profileToken).toBe('main');
  });

  it('reports onvif-unreachable for a closed port', async () => {
    const server = net.createServer();
    await new Promise<void>((r) => server.listen(0, '127.0.0.21', r));
    const port = (server.address() as net.AddressInfo).port;
    await new Promise((r) => server.close(r));
    await rejectsWith(probeOnvifCamera({ host: '127.0.0.21', port, ...creds, timeoutMs: 3000 }), 502, 'onvif-unreachable');
  });

  it('reports onvif-not-onvif for a web server and for a service that does not speak HTTP', async () => {
    const web = http.createServer((_req, res) => res.writeHead(404, { 'Content-Type': 'text/html' }).end('<html><body>Not found</body></html>'));
    await new Promise<void>((r) => web.listen(0, '127.0.0.21', r));
    cleanups.push(() => new Promise((r) => web.close(r)));
    const rtspLike = net.createServer((s) => s.once('data', () => s.end('RTSP/1.0 400 Bad Request\r\nCSeq: 1\r\n\r\n')));
    await new Promise<void>((r) => rtspLike.listen(0, '127.0.0.21', r));
    cleanups.push(() => new Promise((r) => rtspLike.close(r)));
    for (const server of [web, rtspLike]) {
      const port = (server.address() as net.AddressInfo).port;
      await rejectsWith(probeOnvifCamera({ host: '127.0.0.21', port, ...creds, timeoutMs: 3000 }), 400, 'onvif-not-onvif');
    }
  });

  it.each([['', 80], ['127.0.0.21/x', 80], ['a b', 80], ['127.0.0.21', 0], ['127.0.0.21', 70000]])(
    'refuses host %j port %i before connecting',
    async (host, port) => {
      const err = await probeOnvifCamera({ host, port, timeoutMs: 1000 }).catch((e) => e);
      expect(['onvif-host-invalid', 'onvif-port-invalid']).toContain(err.code);
      expect(httpStatusOf(err.code)).toBe(400);
    },
  );
});

describe('probeOnvifCamera with a real RTSP camera behind the simulator', () => {
  let rtsp: RtspCamera | undefined;
  afterEach(async () => {
    await rtsp?.stop();
    rtsp = undefined;
  });

  it('returns URIs that ffprobe can open: H.264 main and sub at the rewritten host (RTSP forwarded by the simulator)', async () => {
    rtsp = await RtspCamera.start({ mounts: ['/main:640x360@25:25', '/sub:320x180@25:25'] });
    const s = await sim({
      address: '127.0.0.23',
      reportedHost: '0.0.0.0',
      rtspForward: { host: '127.0.0.1', port: rtsp.port },
      profiles: [
        { token: 'Profile_1', encoding: 'H264', width: 640, height: 360 },
        { token: 'Profile_2', encoding: 'H264', width: 320, height: 180 },
      ],
      streamUris: { Profile_1: 'rtsp://{host}:{rtspPort}/main', Profile_2: 'rtsp://{host}:{rtspPort}/sub' },
    });
    expect(s.rtspPort).not.toBeNull();
    const info = await probe(s);
    expect(info.main.rtspUrl).toBe(`rtsp://127.0.0.23:${s.rtspPort}/main`);
    expect(info.sub!.rtspUrl).toBe(`rtsp://127.0.0.23:${s.rtspPort}/sub`);
    const run = promisify(execFile);
    for (const [url, size] of [[info.main.rtspUrl, '640,360'], [info.sub!.rtspUrl, '320,180']] as const) {
      const { stdout } = await run('ffprobe', [
        '-v', 'error', '-rtsp_transport', 'tcp', '-timeout', '5000000', '-select_streams', 'v:0',
        '-show_entries', 'stream=codec_name,width,height', '-of', 'csv=p=0', url,
      ], { timeout: 20_000 });
      expect(stdout.trim()).toBe(`h264,${size}`);
    }
  });
});
