// The bounded H.264 transcode for browsers that cannot decode H.265, with real parts: GStreamer x265enc cameras with
// no H.264 stream, the real hub, real ffmpeg. A push subscription to `transcode` gets an avc1 init and H.264 frames
// within 640x360 with a keyframe a second (the camera sends one every 3 s); the camera still has ONE RTSP session
// (the transcode reads the hub's own copy session) and the recording stays HEVC; one transcode more than
// `media.transcode.maxConcurrent` is refused with `transcode-busy` (push and LL-HLS); the transcode stops once its
// last viewer has left (idle timeout), which frees its slot.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CameraHealthDto } from '../../../server/contracts.ts';
import type { LivePushDiagnostics } from '../../../server/live-push/push-server.ts';
import { Mp4BoxReader, type InitSegment } from '../../../server/media/mp4-box-reader.ts';
import { FLAG_KEYFRAME, FRAME_FRAGMENT, FRAME_INIT } from '../../../server/live-push/wire.ts';
import { RtspCamera } from '../../fixtures/rtsp-camera.ts';
import { login, startTestHub, type TestHub } from '../../helpers/hub.ts';
import { openLive, type LiveClient } from '../live-push/live-client.ts';
import { apiClient, eventually } from '../sources/source-helpers.ts';

let cam: RtspCamera;
let hub: TestHub;
let admin: string;
let api: ReturnType<typeof apiClient>;
let live: LiveClient;
const ids: Record<'big' | 'small' | 'third', string> = { big: '', small: '', third: '' };

function probe(file: string): string {
  return execFileSync('ffprobe', ['-v', 'error', '-select_streams', 'v:0', '-count_packets', '-show_entries',
    'stream=codec_name,width,height,nb_read_packets', '-of', 'csv=p=0', file]).toString().trim();
}

function segmentFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.mp4'))
    .map((e) => path.join(e.parentPath, e.name));
}

/** the hub's ffmpeg children: pulls from a camera (RTSP) and transcodes (reading stdin) */
function hubFfmpegs(): { rtsp: number; transcode: number } {
  const n = { rtsp: 0, transcode: 0 };
  for (const pid of fs.readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid !== hub.process.pid) continue;
      const argv = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
      if (!/ffmpeg$/.test(argv[0] ?? '')) continue;
      if (argv.includes('pipe:0')) n.transcode++;
      else if (argv.some((a) => a.startsWith('rtsp://'))) n.rtsp++;
    } catch { /* gone meanwhile */ }
  }
  return n;
}

const diagnostics = async () => {
  const r = await api('GET', '/api/diagnostics/live');
  expect(r.status, r.text).toBe(200);
  return r.json as LivePushDiagnostics;
};

beforeAll(async () => {
  cam = await RtspCamera.start({ mounts: ['/big:1280x720@10:30:h265', '/small:320x180@10:10:h265', '/third:320x180@10:10:h265'] });
  hub = await startTestHub({
    config: {
      media: { idleTimeoutSec: 3, connectTimeoutSec: 5, transcode: { maxConcurrent: 2 } },
      recording: { segmentSec: 5, minFreeGB: 0 },
    },
  });
  admin = await login(hub.url, 'admin', hub.adminPassword);
  api = apiClient(hub, admin);
  for (const name of ['big', 'small', 'third'] as const) {
    const r = await api('POST', '/api/cameras', { name: `Ngõ ${name} (chỉ H.265)`, source: { kind: 'rtsp', url: cam.url(`/${name}`) } });
    expect(r.status, r.text).toBe(201);
    ids[name] = r.json.camera.id;
  }
  expect((await api('PATCH', `/api/cameras/${ids.big}`, { recording: { mode: 'continuous' } })).status).toBe(200);
  live = await openLive(hub.url, admin);
}, 60_000);

afterAll(async () => {
  await live?.close();
  await hub?.close();
  await cam?.stop();
});

describe('an H.265 camera with no H.264 stream, transcoded for a browser that cannot decode it', () => {
  it('sends an avc1 init and H.264 frames within 640x360, a keyframe a second, from the one camera session', async () => {
    live.send({ op: 'sub', ch: 1, cameraId: ids.big, stream: 'transcode' });
    await live.until(() => live.binary(1).filter((b) => b.header.kind === FRAME_FRAGMENT).length >= 40, 'transcoded frames', 60_000);
    const init = live.json(1).find((m) => m.op === 'init');
    expect(init).toMatchObject({ op: 'init', cameraId: ids.big, stream: 'transcode', codec: expect.stringMatching(/^avc1\.4d/) });

    const frames = live.binary(1);
    expect(frames[0]!.header.kind).toBe(FRAME_INIT);
    expect(frames[1]!.header.flags & FLAG_KEYFRAME).toBe(FLAG_KEYFRAME);
    // what the bytes say: parsed here, and read by ffprobe
    let track: InitSegment['track'] | null = null;
    const keyTimes: number[] = [];
    const reader = new Mp4BoxReader({
      onInit: (i) => (track = i.track),
      onFragment: (f) => {
        if (f.keyframe) keyTimes.push(f.decodeTime);
      },
    });
    for (const f of frames) reader.push(f.payload);
    expect(track).toMatchObject({ codec: 'avc1', width: 640, height: 360 });
    expect(keyTimes.length).toBeGreaterThanOrEqual(3);
    for (let i = 1; i < keyTimes.length; i++) expect(keyTimes[i]! - keyTimes[i - 1]!).toBeCloseTo(1, 1);
    const file = path.join(hub.dataDir, 'transcoded.mp4');
    fs.writeFileSync(file, Buffer.concat(frames.map((f) => f.payload)));
    const [codec, width, height, packets] = probe(file).split(',');
    expect({ codec, width, height }).toEqual({ codec: 'h264', width: '640', height: '360' });
    expect(Number(packets)).toBe(frames.length - 1);

    // one RTSP session at the camera (recorder and transcode share the copy session), one transcoding ffmpeg
    expect(cam.clients).toBe(1);
    expect(hubFfmpegs()).toEqual({ rtsp: 1, transcode: 1 });
    const d = await diagnostics();
    expect(d.transcodes.maxConcurrent).toBe(2);
    expect(d.transcodes.running).toEqual([expect.objectContaining({
      cameraId: ids.big, source: 'main', status: 'online', viewers: 1,
      info: expect.objectContaining({ codec: init!.op === 'init' ? init!.codec : '', width: 640, height: 360 }),
    })]);
    // the camera's diagnostics: what its own stream is, and what the hub sends in its place
    const h = (await api('GET', `/api/cameras/${ids.big}/health`)).json.health as CameraHealthDto;
    expect(h.media.main).toMatchObject({ codecName: 'H.265', width: 1280, height: 720 });
    expect(h.media.transcode).toMatchObject({ codecName: 'H.264', width: 640, height: 360, fps: 10 });
    expect(h.pushViewers).toBe(1);
  }, 90_000);

  it('still records the camera\'s own H.265 by stream copy', async () => {
    const recorded = await eventually(() => {
      const f = segmentFiles(path.join(hub.dataDir, 'recordings'));
      return f.length >= 2 ? f : undefined; // the first one is complete once a second exists
    }, 40_000, 'two segment files');
    const first = recorded.sort()[0]!;
    expect(probe(first)).toMatch(/^hevc,1280,720,\d+$/);
  }, 60_000);

  it('refuses one transcode more than media.transcode.maxConcurrent, on the socket and over LL-HLS', async () => {
    live.send({ op: 'sub', ch: 2, cameraId: ids.small, stream: 'transcode' });
    await live.until(() => live.json(2).some((m) => m.op === 'init'), 'the second transcode', 60_000);
    const init = live.json(2).find((m) => m.op === 'init');
    expect(init).toMatchObject({ codec: expect.stringMatching(/^avc1\./) });
    await live.until(() => live.binary(2).length > 3, 'frames of the second transcode', 30_000);

    live.send({ op: 'sub', ch: 3, cameraId: ids.third, stream: 'transcode' });
    await live.until(() => live.json(3).some((m) => m.op === 'error'), 'the refusal');
    expect(live.json(3)).toEqual([expect.objectContaining({ op: 'error', ch: 3, code: 'transcode-busy' })]);
    expect(live.binary(3)).toEqual([]);
    const hls = await api('GET', `/live/${ids.third}/transcode/index.m3u8`);
    expect(hls.status).toBe(503);
    expect(hls.json.error.code).toBe('transcode-busy');
    expect(hubFfmpegs().transcode).toBe(2);
    expect((await diagnostics()).transcodes.running.map((t) => t.cameraId).sort()).toEqual([ids.big, ids.small].sort());
  }, 90_000);

  it('stops a transcode once its last viewer has left, and its slot serves another camera', async () => {
    live.send({ op: 'unsub', ch: 1 });
    await eventually(async () => {
      const d = await diagnostics();
      return d.transcodes.running.some((t) => t.cameraId === ids.big) ? undefined : d;
    }, 20_000, 'the transcode of the first camera to stop');
    await eventually(() => (hubFfmpegs().transcode === 1 ? true : undefined), 10_000, 'its ffmpeg to exit');
    expect(hubFfmpegs().rtsp).toBeGreaterThanOrEqual(1); // the recorder keeps the first camera's session

    live.send({ op: 'sub', ch: 3, cameraId: ids.third, stream: 'transcode' });
    await live.until(() => live.json(3).some((m) => m.op === 'init'), 'the third camera transcoded', 60_000);
    expect(live.json(3).find((m) => m.op === 'init')).toMatchObject({ stream: 'transcode', codec: expect.stringMatching(/^avc1\./) });
    expect(hub.output()).not.toContain('uncaught');
  }, 90_000);
});
