// Cameras with audio (issue #10): a real GStreamer camera sending G.711 A-law (alawenc ! rtppcmapay) beside its
// H.264, and one without audio, through the whole hub. The audio is recorded as AAC in its own files beside the
// video (still copied as the camera sends it), an incident clip holds both tracks, the diagnostics name the audio as
// the camera sends it, and the live push gives the audio to a subscription that asks (the focused view) and never
// to one that does not (a wall tile). The camera without audio records and plays as before.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CameraHealthDto, IncidentDetailDto } from '../../../server/contracts.ts';
import { FRAME_AUDIO_FRAGMENT, FRAME_AUDIO_INIT, FRAME_FRAGMENT, FRAME_INIT } from '../../../server/live-push/wire.ts';
import { RtspCamera } from '../../fixtures/rtsp-camera.ts';
import { login, startTestHub, type TestHub } from '../../helpers/hub.ts';
import { openLive, type LiveClient } from '../live-push/live-client.ts';
import { apiClient, eventually } from '../sources/source-helpers.ts';

let cam: RtspCamera;
let hub: TestHub;
let cookie: string;
let api: ReturnType<typeof apiClient>;
const ids = { alaw: '', silent: '' };

/** codec_name,profile,codec_type (and sample_rate for audio) of every stream of a file */
function streams(file: string): string[] {
  const json = JSON.parse(execFileSync('ffprobe', ['-v', 'error', '-show_entries', 'stream=codec_type,codec_name,profile,sample_rate',
    '-of', 'json', file]).toString()) as { streams: { codec_name: string; profile: string; codec_type: string; sample_rate?: string }[] };
  return json.streams.map((s) => [s.codec_name, s.profile, s.codec_type, s.sample_rate].filter(Boolean).join(','));
}

function recorded(cameraId: string): string[] {
  const dir = path.join(hub.dataDir, 'recordings', cameraId);
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.mp4')).map((e) => path.join(e.parentPath, e.name)).sort();
}

async function addCamera(name: string, mount: string): Promise<string> {
  const r = await api('POST', '/api/cameras', { name, source: { kind: 'rtsp', url: cam.url(mount) } });
  expect(r.status, r.text).toBe(201);
  const id = r.json.camera.id as string;
  expect((await api('PATCH', `/api/cameras/${id}`, { recording: { mode: 'continuous' } })).status).toBe(200);
  return id;
}

async function health(cameraId: string): Promise<CameraHealthDto> {
  const r = await api('GET', `/api/cameras/${cameraId}/health`);
  expect(r.status, r.text).toBe(200);
  return r.json.health as CameraHealthDto;
}

async function clipOf(cameraId: string): Promise<string> {
  const r = await api('POST', '/api/incidents', {
    cameraIds: [cameraId], category: 'theft', occurredAt: new Date(Date.now() - 4000).toISOString(), preRollSec: 3, postRollSec: 2,
  });
  expect(r.status, r.text).toBe(201);
  const incidentId = r.json.incident.id as string;
  const ready = await eventually(async () => {
    const d = (await api('GET', `/api/incidents/${incidentId}`)).json.incident as IncidentDetailDto;
    return d.clips[0]!.status === 'pending' ? undefined : d;
  }, 40_000, 'the clip');
  expect(ready.clips[0]!.status, ready.clips[0]!.error ?? '').toBe('ready');
  const clip = await api('GET', `/api/incidents/${incidentId}/clips/${cameraId}.mp4`);
  expect(clip.status).toBe(200);
  const file = path.join(hub.dataDir, `clip-${cameraId}.mp4`);
  fs.writeFileSync(file, clip.bytes);
  return file;
}

beforeAll(async () => {
  cam = await RtspCamera.start({ mounts: ['/alaw:320x180@15:15:pcma', '/silent:320x180@15:15'] });
  hub = await startTestHub({ config: { recording: { segmentSec: 5, minFreeGB: 0 }, media: { connectTimeoutSec: 5 } } });
  cookie = await login(hub.url, 'admin', hub.adminPassword);
  api = apiClient(hub, cookie);
  ids.alaw = await addCamera('Cổng chợ (G.711)', '/alaw');
  ids.silent = await addCamera('Ngõ 5 (không tiếng)', '/silent');
}, 60_000);

afterAll(async () => {
  await hub?.close();
  await cam?.stop();
});

describe('a camera sending G.711 A-law audio', () => {
  it('names its audio as the camera sends it and as the hub keeps it; a camera without audio has none', async () => {
    const h = await eventually(async () => {
      const v = await health(ids.alaw);
      return v.media.main.audio ? v : undefined;
    }, 30_000, 'stream info with audio');
    expect(h.media.main.audio).toBe('G.711 A-law 8 kHz → AAC');
    expect(h.media.main.codecName).toBe('H.264');
    const silent = await eventually(async () => {
      const v = await health(ids.silent);
      return v.media.main.codec ? v : undefined;
    }, 30_000, 'stream info of the silent camera');
    expect(silent.media.main.audio).toBeNull();
  }, 40_000);

  it('records the audio as AAC in files beside the video, which is still copied as the camera sends it', async () => {
    const files = await eventually(() => {
      const f = recorded(ids.alaw);
      return f.filter((x) => x.endsWith('-audio.mp4')).length >= 2 && f.filter((x) => x.endsWith('-main.mp4')).length >= 2 ? f : undefined;
    }, 30_000, 'two audio and two video files');
    for (const f of files.filter((x) => x.endsWith('-audio.mp4'))) expect(streams(f)).toEqual(['aac,LC,audio,8000']);
    for (const f of files.filter((x) => x.endsWith('-main.mp4'))) expect(streams(f)).toEqual(['h264,Constrained Baseline,video']);
  }, 40_000);

  it('plays back with its audio: VOD GOPs muxed with the audio recorded beside them (the video bytes as recorded)', async () => {
    const from = new Date(Date.now() - 60_000).toISOString();
    const vod = await api('GET', `/vod/${ids.alaw}/index.m3u8?from=${from}&to=${new Date().toISOString()}`);
    expect(vod.status, vod.text).toBe(200);
    const map = /#EXT-X-MAP:URI="(av\/\d+\/\d+)\/init\.mp4"/.exec(vod.text);
    expect(map, vod.text).not.toBeNull();
    const init = await api('GET', `/vod/${ids.alaw}/${map![1]}/init.mp4`);
    const seg = await api('GET', `/vod/${ids.alaw}/${map![1]}/1.m4s`);
    expect([init.status, seg.status]).toEqual([200, 200]);
    const file = path.join(hub.dataDir, 'vod-av.mp4');
    fs.writeFileSync(file, Buffer.concat([init.bytes, seg.bytes]));
    expect(streams(file)).toEqual(['h264,Constrained Baseline,video', 'aac,LC,audio,8000']);
    const packets = (kind: string) => execFileSync('ffprobe', ['-v', 'error', '-select_streams', kind, '-count_packets',
      '-show_entries', 'stream=nb_read_packets', '-of', 'csv=p=0', file]).toString().trim();
    expect(Number(packets('v:0'))).toBe(15); // one GOP of 15 frames
    expect(Number(packets('a:0'))).toBeGreaterThan(4); // ~1 s of 128 ms AAC frames
    // a camera without audio: byte ranges of its files, as before
    const silent = await api('GET', `/vod/${ids.silent}/index.m3u8?from=${from}&to=${new Date().toISOString()}`);
    expect(silent.status, silent.text).toBe(200);
    expect(silent.text).toMatch(/#EXT-X-MAP:URI="file\/\d+\.mp4",BYTERANGE=/);
    expect(silent.text).not.toMatch(/av\//);
  }, 40_000);

  it('cuts an incident clip holding the video as recorded and the audio as AAC', async () => {
    const clip = await clipOf(ids.alaw);
    expect(streams(clip)).toEqual(['h264,Constrained Baseline,video', 'aac,LC,audio,8000']);
    const dur = (kind: string) => Number(execFileSync('ffprobe', ['-v', 'error', '-select_streams', kind, '-show_entries',
      'stream=duration', '-of', 'csv=p=0', clip]).toString().trim());
    expect(dur('a:0')).toBeGreaterThan(2);
    expect(Math.abs(dur('a:0') - dur('v:0'))).toBeLessThan(1.5);
  }, 90_000);
});

describe('a camera without audio', () => {
  it('records video files only, and its clip is video only, as before', async () => {
    await eventually(() => (recorded(ids.silent).length >= 2 ? true : undefined), 30_000, 'two video files');
    expect(recorded(ids.silent).every((f) => f.endsWith('-main.mp4'))).toBe(true);
    const clip = await clipOf(ids.silent);
    expect(streams(clip)).toEqual(['h264,Constrained Baseline,video']);
  }, 90_000);
});

describe('live push', () => {
  let client: LiveClient;
  afterAll(async () => client?.close());

  const kinds = (ch: number) => client.binary(ch).map((b) => b.header.kind);

  it('gives the audio to the subscription that asks for it (focus) and never to a wall tile', async () => {
    client = await openLive(hub.url, cookie);
    client.send({ op: 'sub', ch: 1, cameraId: ids.alaw, stream: 'main', audio: true }); // the focused view
    client.send({ op: 'sub', ch: 2, cameraId: ids.alaw, stream: 'main' }); // a wall tile of the same camera
    client.send({ op: 'sub', ch: 3, cameraId: ids.silent, stream: 'main', audio: true }); // focus, no audio there
    await client.until(() => kinds(1).filter((k) => k === FRAME_AUDIO_FRAGMENT).length >= 20
      && kinds(2).filter((k) => k === FRAME_FRAGMENT).length >= 20 && kinds(3).filter((k) => k === FRAME_FRAGMENT).length >= 20,
    'audio on the focus channel, video on the others');

    const init = (ch: number) => client.json(ch).find((m) => m.op === 'init') as { codec: string; audio?: string };
    expect(init(1).audio).toBe('mp4a.40.2');
    expect(init(2).audio).toBeUndefined();
    expect(init(3).audio).toBeUndefined();
    // focus: the video init, then the audio init, then both kinds of fragments
    const k1 = kinds(1);
    expect(k1.indexOf(FRAME_INIT)).toBeLessThan(k1.indexOf(FRAME_AUDIO_INIT));
    expect(k1.indexOf(FRAME_AUDIO_INIT)).toBeLessThan(k1.indexOf(FRAME_AUDIO_FRAGMENT));
    const audioInit = client.binary(1).find((b) => b.header.kind === FRAME_AUDIO_INIT)!.payload;
    expect(audioInit.includes(Buffer.from('mp4a'))).toBe(true);
    // the wall tile and the camera without audio: not one audio frame
    for (const ch of [2, 3]) expect(kinds(ch).filter((k) => k === FRAME_AUDIO_INIT || k === FRAME_AUDIO_FRAGMENT)).toEqual([]);
  }, 40_000);
});
