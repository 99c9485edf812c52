// What cameras send as audio, each from a real GStreamer camera: G.711 A-law (alawenc ! rtppcmapay), G.711 µ-law
// (mulawenc ! rtppcmupay) and AAC (voaacenc ! rtpmp4gpay). Each becomes AAC-LC in its own fMP4 beside the video,
// which is unchanged; the stream info names what the camera sends. A sink that does not ask for audio gets none.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Fragment, InitSegment } from '../../../server/media/mp4-box-reader.ts';
import { RtspCamera } from '../../fixtures/rtsp-camera.ts';
import { startHub, until, type Hub } from './live-hub.ts';

let cam: RtspCamera;
let hub: Hub;

beforeAll(async () => {
  cam = await RtspCamera.start({ mounts: ['/alaw:320x180@15:15:pcma', '/ulaw:320x180@15:15:pcmu', '/aac:320x180@15:15:aac', '/none:320x180@15:15'] });
  hub = await startHub(Object.fromEntries(['alaw', 'ulaw', 'aac', 'none'].map((m) => [m, { main: { kind: 'rtsp', url: cam.url(`/${m}`) } as const }])));
}, 30_000);

afterAll(async () => {
  await hub?.close();
  await cam?.stop();
});

describe('audio from real cameras', () => {
  it.each([
    ['alaw', 'G.711 A-law 8 kHz → AAC', 8000],
    ['ulaw', 'G.711 µ-law 8 kHz → AAC', 8000],
    ['aac', 'AAC 16 kHz → AAC', 16000],
  ])('%s: AAC beside the unchanged video, described as the camera sends it', async (id, described, rate) => {
    const got = { video: [] as InitSegment[], audio: [] as { init: InitSegment; codec: string }[], frags: [] as Fragment[] };
    const release = hub.media.acquire(id, 'main', 'test', {
      onInit: (i) => got.video.push(i),
      onFragment: () => {},
      audio: { onInit: (init, codec) => got.audio.push({ init, codec }), onFragment: (f) => got.frags.push(f) },
    });
    // a consumer that does not ask for audio (as a wall tile) sees only video
    const releasePlain = hub.media.acquire(id, 'main', 'plain', { onInit: () => {}, onFragment: () => {} });
    await until(() => got.frags.length >= 10, 20_000, 'audio fragments');
    expect(got.video[0]!.track).toMatchObject({ codec: 'avc1', width: 320, height: 180 });
    expect(got.audio).toHaveLength(1);
    expect(got.audio[0]!.codec).toBe('mp4a.40.2');
    expect(got.audio[0]!.init.track).toMatchObject({ handler: 'soun', codec: 'mp4a', timescale: rate });
    // 1024 samples per AAC frame, one fragment each, times running on
    expect(got.frags.every((f) => f.sampleCount === 1 && f.keyframe)).toBe(true);
    expect(got.frags[1]!.durationSec).toBeCloseTo(1024 / rate, 5);
    expect(got.frags.at(-1)!.decodeTime).toBeGreaterThan(got.frags[0]!.decodeTime);
    expect(hub.media.streamInfo(id, 'main')?.audio).toBe(described);
    releasePlain();
    release();
  }, 30_000);

  it('a camera without audio: no audio init, nothing described, the video as before', async () => {
    const got = { video: 0, frags: 0, audio: 0 };
    const release = hub.media.acquire('none', 'main', 'test', {
      onInit: () => got.video++, onFragment: () => got.frags++,
      audio: { onInit: () => got.audio++, onFragment: () => got.audio++ },
    });
    await until(() => got.frags >= 30, 20_000, 'video fragments');
    expect(got).toMatchObject({ video: 1, audio: 0 });
    expect(hub.media.streamInfo('none', 'main')?.audio).toBeNull();
    expect(hub.logs.join('')).not.toMatch(/No streams to mux|Slave muxer/);
    release();
  }, 30_000);

  it('with media.audio off, a camera with audio is video only, as before this feature', async () => {
    const off = await startHub({ alaw: { main: { kind: 'rtsp', url: cam.url('/alaw') } } }, { audio: false });
    try {
      const got = { video: 0, frags: 0, audio: 0 };
      const release = off.media.acquire('alaw', 'main', 'test', {
        onInit: () => got.video++, onFragment: () => got.frags++,
        audio: { onInit: () => got.audio++, onFragment: () => got.audio++ },
      });
      await until(() => got.frags >= 30, 20_000, 'video fragments');
      expect(got).toMatchObject({ video: 1, audio: 0 });
      expect(off.media.streamInfo('alaw', 'main')?.audio ?? null).toBeNull();
      release();
    } finally {
      await off.close();
    }
  }, 30_000);
});
