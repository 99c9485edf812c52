// The media side of RTMP push and snapshots: the pull argv (table), what never reaches a log line, the exit
// reasons, the snapshot argv, and the packager's latest keyframe.
import { describe, expect, it } from 'vitest';
import { buildRtmpArgs, toArgv, UnsafeInputError } from '../../../server/media/ffmpeg-args.ts';
import { describeExit } from '../../../server/media/exit-reason.ts';
import { scrubSecrets } from '../../../server/media/ffmpeg-runner.ts';
import { LlHlsPackager } from '../../../server/media/ll-hls-packager.ts';
import type { Fragment } from '../../../server/media/mp4-box-reader.ts';
import { buildRtspSnapshotArgs, buildSnapshotArgs } from '../../../server/media/snapshot-args.ts';

const KEY = 'Zk3_pQ9-xY2mN8vB4cD6eF1gH5jK7lM0nO2pQ4rS6tU';
const TOKEN = 'tOk3n_tOk3n_tOk3n_tOk3n_';
const base = { port: 19350, streamName: KEY, playToken: TOKEN, connectTimeoutMs: 10_000, partDurationMs: 200 };

describe('buildRtmpArgs', () => {
  it('pulls from 127.0.0.1 with only rtmp and tcp allowed, the key out of the URL, stream copy to fMP4', () => {
    expect(toArgv(buildRtmpArgs(base))).toEqual([
      '-hide_banner', '-nostats', '-nostdin', '-loglevel', 'error',
      '-protocol_whitelist', 'rtmp,tcp',
      '-rw_timeout', '10000000',
      '-rtmp_live', 'live',
      '-rtmp_playpath', `${KEY}?t=${TOKEN}`,
      '-analyzeduration', '100000',
      '-i', 'rtmp://127.0.0.1:19350/live',
      '-map', '0:v:0', '-an', '-c', 'copy',
      '-f', 'mp4', '-movflags', 'frag_keyframe+empty_moov+default_base_moof', '-frag_duration', '200000',
      'pipe:1',
    ]);
  });

  it('never uses -timeout (for RTMP it means "listen"), and probes longer when asked', () => {
    const argv = toArgv(buildRtmpArgs({ ...base, probeMs: 5000 }));
    expect(argv).not.toContain('-timeout');
    expect(argv[argv.indexOf('-analyzeduration') + 1]).toBe('5000000');
  });

  it.each([
    [{ port: 0 }, 'ingest-not-running'],
    [{ port: 70000 }, 'ingest-not-running'],
    [{ streamName: 'short' }, 'bad-stream-name'],
    [{ streamName: `${KEY} -i /etc/passwd` }, 'bad-stream-name'],
    [{ streamName: `${KEY}?t=x` }, 'bad-stream-name'],
    [{ streamName: '../../etc/passwd/aaaaaaaaaa' }, 'bad-stream-name'],
    [{ playToken: 'a'.repeat(15) }, 'bad-stream-name'],
    [{ playToken: `${TOKEN}&x=1` }, 'bad-stream-name'],
  ])('refuses %j (%s)', (patch, code) => {
    let err: unknown;
    try {
      buildRtmpArgs({ ...base, ...patch });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(UnsafeInputError);
    expect((err as UnsafeInputError).code).toBe(code);
  });
});

describe('secrets of pushed cameras never reach a log line', () => {
  it.each([
    [`rtmp://127.0.0.1:1935/live/${KEY}: Input/output error`, 'rtmp://127.0.0.1:1935/live/***: Input/output error'],
    [`Error opening rtmps://hub.example.vn:443/live/${KEY}?x=1`, 'Error opening rtmps://hub.example.vn:443/live/***'],
    [`play ${KEY}?t=${TOKEN} failed`, `play ${KEY}?t=*** failed`],
    ['rtmp://127.0.0.1:1935/live: Input/output error', 'rtmp://127.0.0.1:1935/live: Input/output error'],
  ])('%s', (raw, clean) => {
    expect(scrubSecrets(raw)).toBe(clean);
  });
});

describe('exit reasons of an RTMP pull', () => {
  const exit = (line: string) => describeExit({ code: 1, signal: null, error: null, requested: false, stderrTail: [line] });
  it.each([
    ['rtmp://127.0.0.1:41935/live: Input/output error', 'the camera is not pushing its stream (no RTMP publish)'],
    ['rtmp://127.0.0.1:41935/live: End of file', 'the camera is not pushing its stream (no RTMP publish)'],
    ['rtmp://127.0.0.1:41935/live: Connection refused', "the hub's RTMP ingest is not running"],
    ['rtsp://h:1/x: Connection refused', 'connection refused by the camera'],
  ])('%s', (line, reason) => {
    expect(exit(line)).toBe(reason);
  });
});

describe('buildSnapshotArgs', () => {
  it('decodes one frame of our own file to a JPEG, never upscaling', () => {
    const a = buildSnapshotArgs({ input: '/tmp/snap-1/frame.mp4', output: '/tmp/snap-1/frame.jpg' });
    expect([...a.inputOptions, '-i', a.input, ...a.outputOptions, a.output]).toEqual([
      '-hide_banner', '-nostdin', '-nostats', '-loglevel', 'error', '-protocol_whitelist', 'file', '-f', 'mp4',
      '-i', '/tmp/snap-1/frame.mp4',
      '-map', '0:v:0', '-frames:v', '1', '-vf', "scale='min(1280,iw)':-2", '-c:v', 'mjpeg', '-q:v', '4', '-f', 'image2', '-y',
      '/tmp/snap-1/frame.jpg',
    ]);
  });

  it.each([
    [{ input: 'frame.mp4', output: '/tmp/a.jpg' }],
    [{ input: '/tmp/a b.mp4', output: '/tmp/a.jpg' }],
    [{ input: '/tmp/a.mp4', output: '-y' }],
    [{ input: '/tmp/a.mp4', output: '/tmp/a.jpg', maxWidth: 8 }],
  ])('refuses %j', (o) => {
    expect(() => buildSnapshotArgs(o)).toThrow();
  });
});

describe('buildRtspSnapshotArgs', () => {
  it('reads one frame over RTSP/TCP with the RTSP whitelist and a socket timeout', () => {
    const a = buildRtspSnapshotArgs({ url: 'rtsp://u:p@10.0.0.5:554/s', output: '/tmp/p/frame.jpg', connectTimeoutMs: 4000 });
    expect([...a.inputOptions, '-i', a.input]).toEqual([
      '-hide_banner', '-nostdin', '-nostats', '-loglevel', 'error', '-rtsp_transport', 'tcp', '-timeout', '4000000',
      '-protocol_whitelist', 'rtsp,rtsps,tcp,tls,udp,rtp', '-i', 'rtsp://u:p@10.0.0.5:554/s',
    ]);
    expect(a.outputOptions).toContain('-frames:v');
    expect(() => buildRtspSnapshotArgs({ url: 'file:///etc/passwd', output: '/tmp/p/f.jpg', connectTimeoutMs: 1 })).toThrow();
    expect(() => buildRtspSnapshotArgs({ url: '-i x', output: '/tmp/p/f.jpg', connectTimeoutMs: 1 })).toThrow();
  });
});

describe('LlHlsPackager.latestKeyframePart', () => {
  it('is the newest part that starts with a keyframe, or null before any', () => {
    const p = new LlHlsPackager({ partTargetMs: 200, minSegmentMs: 1000, segmentsKept: 3 });
    p.setInit(Buffer.from('init'));
    expect(p.latestKeyframePart()).toBeNull();
    for (let n = 0; n < 13; n++) {
      const f: Fragment = {
        data: Buffer.from(`frag${n}`), keyframe: n % 5 === 0, durationSec: 0.2, decodeTime: n * 0.2, sampleCount: 5,
        arrivedAt: 1_000_000 + n * 200,
      };
      p.pushFragment(f);
    }
    expect(p.latestKeyframePart()?.data.toString()).toBe('frag10');
    p.reset();
    expect(p.latestKeyframePart()).toBeNull();
  });
});
