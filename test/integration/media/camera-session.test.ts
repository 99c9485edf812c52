// Session life cycle against real processes: watchdog, restarts with the generation guard, media sinks, demo source.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Fragment, InitSegment } from '../../../server/media/mp4-box-reader.ts';
import { RtspCamera } from '../../fixtures/rtsp-camera.ts';
import { ffmpegChildren, startHub, until, type Hub } from './live-hub.ts';

let camera: RtspCamera;
let tmp: string;
let hub: Hub | null = null;

const sources = () => ({
  cam: { main: { kind: 'rtsp', url: camera.url('/main') } as const },
  demo: { main: { kind: 'demo', pattern: 'smptehdbars', label: 'Ngõ 12 (demo)', width: 320, height: 180, fps: 10 } as const },
});

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'camera-session-'));
  camera = await RtspCamera.start({ mounts: ['/main:320x180@25:25'] });
});

afterEach(async () => {
  camera.resume();
  if (hub) await hub.close();
  hub = null;
  expect(ffmpegChildren()).toEqual([]);
});

afterAll(async () => {
  await camera?.stop();
  rmSync(tmp, { recursive: true, force: true });
});

describe('camera session', () => {
  it('the watchdog restarts ffmpeg when the camera stops sending, and recovers when it sends again', async () => {
    hub = await startHub(sources(), { watchdogMs: 1500, connectTimeoutMs: 20_000 });
    const release = hub.media.acquire('cam', 'main', 'test');
    await hub.waitStatus('cam', 'online');
    const offline = hub.waitStatus('cam', 'offline');
    camera.pause();
    expect((await offline).lastError).toMatch(/^no video from the camera for \d+ s$/);
    const online = hub.waitStatus('cam', 'online');
    camera.resume();
    await online;
    await until(() => hub!.media.sessionCount() === 1, 5000, 'one ffmpeg');
    release();
  });

  it('a restart replaces the process without the old one ever reporting a drop (generation guard)', async () => {
    hub = await startHub(sources());
    const release = hub.media.acquire('cam', 'main', 'test');
    await hub.waitStatus('cam', 'online');
    const from = hub.events.length;
    const online = hub.waitStatus('cam', 'online');
    hub.media.restartCamera('cam');
    hub.media.restartCamera('cam'); // twice in a row: the second replaces the first at once
    await online;
    await new Promise((r) => setTimeout(r, 500)); // let the stopped processes' exits arrive
    expect(hub.events.slice(from).map((e) => e.status)).toEqual(['connecting', 'online']);
    await until(() => hub!.media.sessionCount() === 1, 5000, 'one ffmpeg');
    expect(ffmpegChildren()).toHaveLength(1);
    release();
  });

  it('a restart without persistent consumers stops the stream; the next viewer starts it', async () => {
    hub = await startHub(sources());
    expect((await fetch(`${hub.base}/cam/main/index.m3u8`)).status).toBe(200);
    const idle = hub.waitStatus('cam', 'idle');
    hub.media.restartCamera('cam');
    await idle;
    await until(() => hub!.media.sessionCount() === 0, 5000, 'no ffmpeg');
    expect((await fetch(`${hub.base}/cam/main/index.m3u8`)).status).toBe(200);
  });

  it('removing a camera fails its waiting requests and emits nothing', async () => {
    hub = await startHub(sources());
    const text = await (await fetch(`${hub.base}/cam/main/index.m3u8`)).text();
    const msn = Number(/#EXT-X-MEDIA-SEQUENCE:(\d+)/.exec(text)![1]);
    const waiting = fetch(`${hub.base}/cam/main/index.m3u8?_HLS_msn=${msn + 2}`);
    await new Promise((r) => setTimeout(r, 100));
    const from = hub.events.length;
    hub.media.removeCamera('cam');
    const res = await waiting;
    expect(res.status).toBe(503);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('stream-stopped');
    await until(() => hub!.media.sessionCount() === 0, 5000, 'no ffmpeg');
    expect(hub.events.slice(from)).toEqual([]);
  });

  it('feeds a persistent consumer the init segment and fragments, and tells it about drops', async () => {
    hub = await startHub(sources());
    const inits: InitSegment[] = [];
    const frags: Fragment[] = [];
    let drops = 0;
    const release = hub.media.acquire('cam', 'main', 'recorder', {
      onInit: (i) => inits.push(i),
      onFragment: (f) => frags.push(f),
      onDrop: () => drops++,
    });
    await hub.waitStatus('cam', 'online');
    await until(() => frags.length >= 8, 10_000, 'fragments');
    expect(inits).toHaveLength(1);
    expect(frags[0]!.keyframe).toBe(true);
    // a second consumer joining late gets the init segment at once
    const late: InitSegment[] = [];
    const release2 = hub.media.acquire('cam', 'main', 'late', { onInit: (i) => late.push(i), onFragment: () => {} });
    expect(late).toHaveLength(1);
    expect(hub.media.sessionCount()).toBe(1);

    const offline = hub.waitStatus('cam', 'offline');
    await camera.kill();
    await offline;
    expect(drops).toBe(1);
    const online = hub.waitStatus('cam', 'online', 30_000);
    await camera.restart();
    await online;
    expect(inits).toHaveLength(2);
    release();
    release2();
  });

  it('plays a demo source with its burnt-in label and clock', async () => {
    hub = await startHub(sources());
    const base = `${hub.base}/demo/main`;
    const text = await (await fetch(`${base}/index.m3u8`)).text();
    const map = /#EXT-X-MAP:URI="([^"]+)"/.exec(text)![1]!;
    const seg = /^(s\d+\.m4s)$/m.exec(text)![1]!;
    const init = Buffer.from(await (await fetch(`${base}/${map}`)).arrayBuffer());
    const media = Buffer.from(await (await fetch(`${base}/${seg}`)).arrayBuffer());
    const file = join(tmp, 'demo.mp4');
    writeFileSync(file, Buffer.concat([init, media]));
    const out = execFileSync('/usr/bin/ffprobe', ['-v', 'error', '-count_frames', '-show_entries',
      'stream=codec_name,width,height,nb_read_frames', '-of', 'json', file]).toString();
    const s = (JSON.parse(out) as { streams: Record<string, unknown>[] }).streams[0]!;
    expect(s).toMatchObject({ codec_name: 'h264', width: 320, height: 180 });
    expect(Number(s.nb_read_frames)).toBeGreaterThanOrEqual(3); // the short first segment: 2 parts
  });
});
