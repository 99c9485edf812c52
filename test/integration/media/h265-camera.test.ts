// A camera as Vietnamese cameras ship: H.265 main with a long GOP (GOP 90 at 15 fps = 6 s, as a smart codec makes),
// H.264 sub. Real GStreamer camera (x265enc), real hub, real ffmpeg: the main stream is recorded by stream copy
// (ffprobe reads hevc in the segment files and in an incident's clip), the diagnostics report what each stream is
// and the long GOP, and the hub logs the long GOP once per run.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CameraHealthDto, IncidentDetailDto } from '../../../server/contracts.ts';
import { RtspCamera } from '../../fixtures/rtsp-camera.ts';
import { login, startTestHub, type TestHub } from '../../helpers/hub.ts';
import { apiClient, eventually } from '../sources/source-helpers.ts';

let cam: RtspCamera;
let hub: TestHub;
let api: ReturnType<typeof apiClient>;
let cameraId: string;

const LONG_GOP_LOG = 'keyframes are far apart';

function probe(file: string): string {
  return execFileSync('ffprobe', ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'stream=codec_name,width,height',
    '-of', 'csv=p=0', file]).toString().trim();
}

function files(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.mp4'))
    .map((e) => path.join(e.parentPath, e.name));
}

const health = async () => {
  const r = await api('GET', `/api/cameras/${cameraId}/health`);
  expect(r.status, r.text).toBe(200);
  return r.json.health as CameraHealthDto;
};

beforeAll(async () => {
  cam = await RtspCamera.start({ mounts: ['/main:640x360@15:90:h265', '/sub:320x180@15:15'] });
  hub = await startTestHub({ config: { recording: { segmentSec: 6, minFreeGB: 0 }, media: { connectTimeoutSec: 5 } } });
  api = apiClient(hub, await login(hub.url, 'admin', hub.adminPassword));
  const r = await api('POST', '/api/cameras', { name: 'Cổng trường (H.265)', source: { kind: 'rtsp', url: cam.url('/main'), subUrl: cam.url('/sub') } });
  expect(r.status, r.text).toBe(201);
  cameraId = r.json.camera.id;
  expect((await api('PATCH', `/api/cameras/${cameraId}`, { recording: { mode: 'continuous' } })).status).toBe(200);
}, 60_000);

afterAll(async () => {
  await hub?.close();
  await cam?.stop();
});

describe('an H.265 main stream with a long GOP and an H.264 sub-stream', () => {
  it('reports the main stream as H.265 (hvc1/hev1) with its size, frame rate and bitrate', async () => {
    const h = await eventually(async () => {
      const v = await health();
      return v.media.main.fps !== null ? v : undefined;
    }, 30_000, 'main stream info');
    expect(h.media.main).toMatchObject({ codecName: 'H.265', profile: 'Main', width: 640, height: 360, fps: 15 });
    expect(h.media.main.codec).toMatch(/^(hvc1|hev1)\.1\.6\.L\d+/);
    expect(h.media.main.bitrateKbps).toBeGreaterThan(0);
    expect(h.media.sub).not.toBeNull(); // the camera has a sub-stream; nobody watches it, so nothing is known yet
    expect(h.media.sub!.codec).toBeNull();
  }, 40_000);

  it('says the keyframes are too far apart, and the hub logs it once', async () => {
    const h = await eventually(async () => {
      const v = await health();
      return v.media.main.gopSec !== null ? v : undefined;
    }, 30_000, 'two keyframes');
    expect(h.media.main.gopSec).toBeGreaterThan(4);
    expect(h.media.main.gopMaxSec).toBeGreaterThanOrEqual(h.media.main.gopSec!);
    expect(h.media.main).toMatchObject({ longGop: true, longGopLimitSec: 4 });
    expect(hub.output().split(LONG_GOP_LOG).length - 1).toBe(1);
  }, 40_000);

  it('records the H.265 main stream by stream copy, and cuts an incident clip of it', async () => {
    const recorded = await eventually(() => {
      const f = files(path.join(hub.dataDir, 'recordings'));
      return f.length >= 2 ? f : undefined; // a second file: the first one is complete
    }, 30_000, 'two segment files');
    for (const f of recorded) expect(probe(f)).toBe('hevc,640,360');

    const r = await api('POST', '/api/incidents', {
      cameraIds: [cameraId], category: 'theft', occurredAt: new Date(Date.now() - 3000).toISOString(), preRollSec: 3, postRollSec: 2,
    });
    expect(r.status, r.text).toBe(201);
    const incidentId = r.json.incident.id as string;
    const ready = await eventually(async () => {
      const d = (await api('GET', `/api/incidents/${incidentId}`)).json.incident as IncidentDetailDto;
      return d.clips[0]!.status === 'pending' ? undefined : d;
    }, 40_000, 'the clip');
    expect(ready.clips[0]!.status).toBe('ready');
    const clip = await api('GET', `/api/incidents/${incidentId}/clips/${cameraId}.mp4`);
    expect(clip.status).toBe(200);
    const tmp = path.join(hub.dataDir, 'h265-clip.mp4');
    fs.writeFileSync(tmp, clip.bytes);
    expect(probe(tmp)).toBe('hevc,640,360');
    expect(hub.output().split(LONG_GOP_LOG).length - 1).toBe(1); // still once: same run
  }, 90_000);

  it('reports the sub-stream as H.264 once it runs', async () => {
    const live = await api('GET', `/live/${cameraId}/sub/index.m3u8`);
    expect(live.status, live.text).toBe(200);
    const h = await eventually(async () => {
      const v = await health();
      return v.media.sub?.fps !== null ? v : undefined;
    }, 30_000, 'sub stream info');
    expect(h.media.sub).toMatchObject({ codecName: 'H.264', width: 320, height: 180, longGop: false });
    expect(h.media.sub!.codec).toMatch(/^avc1\./);
  }, 40_000);
});
