// GStreamer RTSP camera → ffmpeg (stream copy) → box reader → LL-HLS packager → HTTP, all real.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { RtspCamera } from '../../fixtures/rtsp-camera.ts';
import { ffmpegChildren, parsePlaylist, startHub, until, type Hub } from './live-hub.ts';

const PASSWORD = 'S3cret-Pw9';
let camera: RtspCamera;
let tmp: string;
let hub: Hub | null = null;

const rtsp = (path: string, password = PASSWORD) =>
  ({ kind: 'rtsp', url: `rtsp://admin:${password}@127.0.0.1:${camera.port}${path}` }) as const;
const sources = () => ({
  cam1: { main: rtsp('/main'), sub: rtsp('/sub') },
  cam2: { main: rtsp('/other') }, // no sub-stream: `sub` is served by the main session
  wrongpw: { main: rtsp('/main', 'nope') },
});

async function get(url: string, init?: RequestInit) {
  const res = await fetch(url, init);
  return { res, body: Buffer.from(await res.arrayBuffer()) };
}

function probe(file: string) {
  const out = execFileSync('/usr/bin/ffprobe', [
    '-v', 'error', '-count_frames', '-select_streams', 'v:0',
    '-show_entries', 'stream=codec_name,width,height,nb_read_frames', '-of', 'json', file,
  ]);
  return (JSON.parse(out.toString()) as { streams: { codec_name: string; width: number; height: number; nb_read_frames: string }[] }).streams[0]!;
}

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'live-pipeline-'));
  camera = await RtspCamera.start({
    user: 'admin', password: PASSWORD,
    mounts: ['/main:640x360@25:25', '/sub:320x180@25:25', '/other:480x270@25:25'],
  });
});

afterEach(async () => {
  if (hub) {
    const logs = hub.logs.join('');
    await hub.close();
    hub = null;
    // secrets never reach a log line
    expect(logs).not.toContain(PASSWORD);
  }
  expect(ffmpegChildren()).toEqual([]);
});

afterAll(async () => {
  await camera?.stop();
  rmSync(tmp, { recursive: true, force: true });
});

describe('live pipeline over HTTP', () => {
  it('serves a playlist, init and parts that ffprobe decodes as the camera video', async () => {
    hub = await startHub(sources());
    const online = hub.waitStatus('cam1', 'online');
    const { res, body } = await get(`${hub.base}/cam1/main/index.m3u8`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.apple.mpegurl');
    expect(res.headers.get('cache-control')).toBe('no-cache');
    await online;
    expect(hub.events.filter((e) => e.cameraId === 'cam1').map((e) => e.status).slice(0, 2)).toEqual(['connecting', 'online']);

    let pl = parsePlaylist(body.toString());
    expect(pl.text).not.toContain(PASSWORD);
    expect(pl.parts.length).toBeGreaterThan(0);
    // wait (blocking reload) until a complete segment exists
    while (pl.segments.length === 0) {
      const last = pl.parts.at(-1)!;
      const r = await get(`${hub.base}/cam1/main/index.m3u8?_HLS_msn=${last.msn}&_HLS_part=${last.index + 1}`);
      expect(r.res.status).toBe(200);
      pl = parsePlaylist(r.body.toString());
    }

    const init = await get(`${hub.base}/cam1/main/${pl.map}`);
    expect(init.res.status).toBe(200);
    expect(init.res.headers.get('content-type')).toBe('video/mp4');
    const parts: Buffer[] = [];
    for (const p of pl.parts) {
      const r = await get(`${hub.base}/cam1/main/${p.uri}`);
      expect(r.res.status).toBe(200);
      expect(r.res.headers.get('content-type')).toBe('video/iso.segment');
      parts.push(r.body);
    }
    const partsFile = join(tmp, 'parts.mp4');
    writeFileSync(partsFile, Buffer.concat([init.body, ...parts]));
    const fromParts = probe(partsFile);
    expect(fromParts).toMatchObject({ codec_name: 'h264', width: 640, height: 360 });
    expect(Number(fromParts.nb_read_frames)).toBeGreaterThanOrEqual(5);

    const seg = await get(`${hub.base}/cam1/main/${pl.segments[0]!.uri}`);
    expect(seg.res.status).toBe(200);
    const segFile = join(tmp, 'segment.mp4');
    writeFileSync(segFile, Buffer.concat([init.body, seg.body]));
    const fromSegment = probe(segFile);
    expect(fromSegment).toMatchObject({ codec_name: 'h264', width: 640, height: 360 });
    // the first segment of a stream is cut short (2 parts of 200 ms) so a cold viewer need not wait a whole GOP
    expect(Number(fromSegment.nb_read_frames)).toBeGreaterThanOrEqual(9);

    // the sub-stream is its own session with its own size
    const sub = await get(`${hub.base}/cam1/sub/index.m3u8`);
    expect(sub.res.status).toBe(200);
    const subInit = await get(`${hub.base}/cam1/sub/${parsePlaylist(sub.body.toString()).map}`);
    const subPart = await get(`${hub.base}/cam1/sub/${parsePlaylist(sub.body.toString()).parts[0]!.uri}`);
    writeFileSync(join(tmp, 'sub.mp4'), Buffer.concat([subInit.body, subPart.body]));
    expect(probe(join(tmp, 'sub.mp4'))).toMatchObject({ width: 320, height: 180 });
  });

  it('answers a blocking reload when the next part exists, and a hinted part fetch when it arrives', async () => {
    hub = await startHub(sources());
    const first = parsePlaylist((await get(`${hub.base}/cam1/main/index.m3u8`)).body.toString());
    const last = first.parts.at(-1)!;
    // ask for the part after the last one listed, and for the hinted part itself, before they exist
    const [reload, hinted] = await Promise.all([
      get(`${hub.base}/cam1/main/index.m3u8?_HLS_msn=${last.msn}&_HLS_part=${last.index + 1}`),
      get(`${hub.base}/cam1/main/${first.hint}`),
    ]);
    expect(reload.res.status).toBe(200);
    const next = parsePlaylist(reload.body.toString());
    expect(next.parts.map((p) => p.uri)).toContain(first.hint);
    expect(hinted.res.status).toBe(200);
    expect(hinted.body.subarray(4, 8).toString('latin1')).toBe('moof');

    // too far ahead, or malformed: 400 at once
    const far = await get(`${hub.base}/cam1/main/index.m3u8?_HLS_msn=${last.msn + 5}`);
    expect(far.res.status).toBe(400);
    expect(JSON.parse(far.body.toString()).error.code).toBe('hls-msn-too-far');
    const partOnly = await get(`${hub.base}/cam1/main/index.m3u8?_HLS_part=1`);
    expect(partOnly.res.status).toBe(400);
    const gone = await get(`${hub.base}/cam1/main/p999999.m4s`);
    expect(gone.res.status).toBe(404);
  });

  it('a client that disconnects stops the server waiting', async () => {
    hub = await startHub(sources());
    const first = parsePlaylist((await get(`${hub.base}/cam1/main/index.m3u8`)).body.toString());
    const packager = hub.media.live('cam1', 'main', { start: false }).packager;
    const ac = new AbortController();
    camera.pause(); // no new media: only the abort (or the 3 s wait timeout) can end the wait
    try {
      const next = first.segments.at(-1)!.msn + 2;
      const pending = fetch(`${hub.base}/cam1/main/index.m3u8?_HLS_msn=${next}`, { signal: ac.signal });
      await until(() => packager.waiting === 1, 2000, 'the request to wait');
      ac.abort();
      await expect(pending).rejects.toThrow();
      await until(() => packager.waiting === 0, 1500, 'the server to stop waiting');
    } finally {
      camera.resume();
    }
    // the server is fine and keeps answering
    expect((await get(`${hub.base}/cam1/main/index.m3u8`)).res.status).toBe(200);
  });

  it('a second viewer adds no ffmpeg and no camera session; sub without a sub-stream shares main', async () => {
    hub = await startHub(sources());
    const before = camera.totalConnects;
    const urls = [`${hub.base}/cam1/main/index.m3u8`, `${hub.base}/cam1/main/index.m3u8`];
    const both = await Promise.all(urls.map((u) => get(u)));
    expect(both.map((r) => r.res.status)).toEqual([200, 200]);
    expect((await get(urls[0]!)).res.status).toBe(200);
    expect(hub.media.sessionCount()).toBe(1);
    expect(ffmpegChildren()).toHaveLength(1);
    await until(() => camera.clients === 1, 5000, 'one RTSP client');
    expect(camera.totalConnects - before).toBe(1);

    // camera 2 has no sub-stream: main and sub are one session
    const [m, s] = await Promise.all([get(`${hub.base}/cam2/main/index.m3u8`), get(`${hub.base}/cam2/sub/index.m3u8`)]);
    expect([m.res.status, s.res.status]).toEqual([200, 200]);
    expect(hub.media.sessionCount()).toBe(2);
    expect(ffmpegChildren()).toHaveLength(2);
    expect(hub.media.streamStatuses('cam2').map((e) => [e.stream, e.status])).toEqual([['main', 'online']]);
    await until(() => camera.clients === 2, 5000, 'two RTSP clients');
  });

  it('stops a stream nobody watches after the idle timeout', async () => {
    hub = await startHub(sources(), { idleTimeoutMs: 1500 });
    expect((await get(`${hub.base}/cam1/main/index.m3u8`)).res.status).toBe(200);
    expect(hub.media.sessionCount()).toBe(1);
    await hub.waitStatus('cam1', 'idle', 10_000);
    await until(() => hub!.media.sessionCount() === 0, 5000, 'ffmpeg gone');
    expect(ffmpegChildren()).toEqual([]);
    await until(() => camera.clients === 0, 5000, 'camera session closed');
    expect(hub.media.streamStatuses('cam1')).toEqual([]);
    // the next viewer starts it again
    expect((await get(`${hub.base}/cam1/main/index.m3u8`)).res.status).toBe(200);
    expect(hub.media.sessionCount()).toBe(1);
  });

  it('goes offline when the camera dies and online again when it is back, same hub', async () => {
    hub = await startHub(sources());
    const release = hub.media.acquire('cam1', 'main', 'test-recorder');
    await hub.waitStatus('cam1', 'online');
    const offline = hub.waitStatus('cam1', 'offline');
    await camera.kill();
    const off = await offline;
    expect(off.lastError).toBeTruthy();
    expect(off.lastError).not.toContain(PASSWORD);
    // while the camera is away, a viewer gets a clear 503 rather than a hang
    const away = await get(`${hub.base}/cam1/main/index.m3u8`);
    expect(away.res.status).toBe(503);
    expect(JSON.parse(away.body.toString()).error.code).toBe('stream-unavailable');

    const online = hub.waitStatus('cam1', 'online', 30_000);
    await camera.restart();
    await online;
    const back = await get(`${hub.base}/cam1/main/index.m3u8`);
    expect(back.res.status).toBe(200);
    expect(back.body.toString()).toContain('#EXT-X-DISCONTINUITY-SEQUENCE:1');
    expect(hub.media.sessionCount()).toBe(1);
    release();
  });

  it('reports a wrong password as offline with a readable reason', async () => {
    hub = await startHub(sources());
    const offline = hub.waitStatus('wrongpw', 'offline');
    const r = await get(`${hub.base}/wrongpw/main/index.m3u8`);
    expect(r.res.status).toBe(503);
    const e = await offline;
    expect(e.lastError).toBe('wrong user name or password (RTSP 401)');
    expect(r.body.toString()).not.toContain('nope');
  });

  it('refuses hostile sources without ever starting ffmpeg, and bad routes', async () => {
    const hostile = [
      'file:///etc/passwd', 'concat:/etc/passwd|/etc/hosts', 'subfile,,start,0,end,0,,:/etc/passwd',
      'pipe:0', 'http://127.0.0.1:1/x', '-filter_complex', 'rtsp://127.0.0.1:1/x\n-y', 'rtsp://127.0.0.1/ a',
    ];
    const evil = Object.fromEntries(hostile.map((url, i) => [`evil${i}`, { main: { kind: 'rtsp', url } as const }]));
    hub = await startHub(evil);
    for (let i = 0; i < hostile.length; i++) {
      const offline = hub.waitStatus(`evil${i}`, 'offline');
      const r = await get(`${hub.base}/evil${i}/main/index.m3u8`);
      expect(r.res.status).toBe(503);
      expect((await offline).lastError).toMatch(/^invalid source: /);
      expect(ffmpegChildren()).toEqual([]);
    }
    expect(hub.media.sessionCount()).toBe(0);

    const badStream = await get(`${hub.base}/evil0/hd/index.m3u8`);
    expect(badStream.res.status).toBe(400);
    expect(JSON.parse(badStream.body.toString()).error.code).toBe('bad-stream');
    const unknown = await get(`${hub.base}/nope/main/index.m3u8`);
    expect(unknown.res.status).toBe(404);
    expect(JSON.parse(unknown.body.toString()).error.code).toBe('camera-not-found');
  });
});
