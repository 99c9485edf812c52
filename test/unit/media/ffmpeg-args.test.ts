import { describe, expect, it } from 'vitest';
import {
  assertSafeRtspUrl,
  buildDemoArgs,
  buildRtmpArgs,
  buildRtspArgs,
  buildSessionArgs,
  sanitizeLabel,
  toArgv,
  UnsafeInputError,
} from '../../../server/media/ffmpeg-args.ts';

const rtsp = (url: string) => buildRtspArgs({ url, connectTimeoutMs: 5000, partDurationMs: 200 });

describe('buildRtspArgs', () => {
  it('builds a TCP, whitelisted, video-only stream-copy pull to fragmented MP4 on stdout', () => {
    expect(toArgv(rtsp('rtsp://user:pa%40ss@10.0.0.5:554/Streaming/Channels/101'))).toEqual([
      '-hide_banner', '-nostats', '-nostdin', '-loglevel', 'error',
      '-rtsp_transport', 'tcp',
      '-timeout', '5000000',
      '-protocol_whitelist', 'rtsp,rtsps,tcp,tls,udp,rtp',
      '-analyzeduration', '100000',
      '-i', 'rtsp://user:pa%40ss@10.0.0.5:554/Streaming/Channels/101',
      '-map', '0:v:0', '-an', '-c', 'copy',
      '-f', 'mp4', '-movflags', 'frag_keyframe+empty_moov+default_base_moof', '-frag_duration', '200000',
      'pipe:1',
    ]);
  });

  it.each([
    [1000, 200, '1000000', '200000'],
    [10_000, 100, '10000000', '100000'],
    [2500, 333, '2500000', '333000'],
  ])('timeout %i ms and part %i ms become µs', (connectTimeoutMs, partDurationMs, timeout, frag) => {
    const argv = toArgv(buildRtspArgs({ url: 'rtsps://cam.local/live', connectTimeoutMs, partDurationMs }));
    expect(argv[argv.indexOf('-timeout') + 1]).toBe(timeout);
    expect(argv[argv.indexOf('-frag_duration') + 1]).toBe(frag);
  });

  it('passes a longer probe when asked', () => {
    const argv = toArgv(buildRtspArgs({ url: 'rtsp://h/x', connectTimeoutMs: 1000, partDurationMs: 200, probeMs: 5000 }));
    expect(argv[argv.indexOf('-analyzeduration') + 1]).toBe('5000000');
  });

  it('keeps the input separate from the options (struct)', () => {
    const a = rtsp('rtsp://127.0.0.1:8554/main');
    expect(a.input).toBe('rtsp://127.0.0.1:8554/main');
    expect(a.inputOptions).not.toContain('-i');
    expect(a.outputOptions).not.toContain('pipe:1');
  });

  it.each([
    ['file:///etc/passwd', 'bad-url-scheme'],
    ['concat:a.mp4|b.mp4', 'bad-url-scheme'],
    ['subfile,,start,0,end,10,,:/etc/passwd', 'bad-url-scheme'],
    ['pipe:0', 'bad-url-scheme'],
    ['http://10.0.0.5/stream', 'bad-url-scheme'],
    ['/dev/video0', 'bad-url-scheme'],
    ['rtsp:/no-host', 'bad-url-scheme'],
    ['-i rtsp://x/y', 'bad-url'],
    ['-filter_complex', 'bad-url'],
    ['rtsp://10.0.0.5/a\nb', 'bad-url'],
    ['rtsp://10.0.0.5/a\r', 'bad-url'],
    ['rtsp://10.0.0.5/a b', 'bad-url'],
    ['rtsp://10.0.0.5/a\tb', 'bad-url'],
    ['rtsp://10.0.0.5/a\u0000', 'bad-url'],
    ['rtsp://10.0.0.5/a\u2028', 'bad-url'],
    ['rtsp://10.0.0.5/\u007f', 'bad-url'],
    ['', 'bad-url'],
    [`rtsp://h/${'a'.repeat(3000)}`, 'bad-url'],
  ])('refuses %j (%s)', (url, code) => {
    expect(() => rtsp(url)).toThrow(UnsafeInputError);
    try {
      assertSafeRtspUrl(url);
    } catch (e) {
      expect((e as UnsafeInputError).code).toBe(code);
      // the refusal never echoes the URL (it may hold a password)
      expect((e as Error).message).not.toContain(url || '\u0001');
    }
  });

  it.each(['rtsp://127.0.0.1/x', 'RTSP://cam/x', 'rtsps://u:p@cam:322/x?channel=1&subtype=0'])('accepts %s', (url) => {
    expect(() => rtsp(url)).not.toThrow();
  });

  it('refuses non-positive timings', () => {
    expect(() => buildRtspArgs({ url: 'rtsp://h/x', connectTimeoutMs: 0, partDurationMs: 200 })).toThrow(RangeError);
    expect(() => buildRtspArgs({ url: 'rtsp://h/x', connectTimeoutMs: 1000, partDurationMs: NaN })).toThrow(RangeError);
  });
});

describe('buildDemoArgs', () => {
  const base = {
    pattern: 'testsrc2' as const, label: 'Cổng trường (demo)', width: 640, height: 360, fps: 15,
    partDurationMs: 200, fontFile: null, nowMs: Date.UTC(2025, 0, 1, 0, 0, 0),
  };

  it('encodes a live lavfi pattern with a 1 s GOP to fragmented MP4, no text without a font', () => {
    expect(toArgv(buildDemoArgs(base))).toEqual([
      '-hide_banner', '-nostats', '-nostdin', '-loglevel', 'error',
      '-re', '-f', 'lavfi', '-i', 'testsrc2=size=640x360:rate=15',
      '-c:v', 'libx264', '-preset', 'ultrafast', '-tune', 'zerolatency', '-g', '15', '-pix_fmt', 'yuv420p',
      '-f', 'mp4', '-movflags', 'frag_keyframe+empty_moov+default_base_moof', '-frag_duration', '200000',
      'pipe:1',
    ]);
  });

  it('draws the label and the Vietnam clock (UTC+7) when a font is given', () => {
    const a = buildDemoArgs({ ...base, fontFile: '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf' });
    const vf = a.outputOptions[a.outputOptions.indexOf('-vf') + 1]!;
    expect(vf).toContain('text=Cổng trường (demo):');
    const offset = Date.UTC(2025, 0, 1, 0, 0, 0) / 1000 + 7 * 3600;
    expect(vf).toContain(`'%{pts\\:gmtime\\:${offset}\\:%Y-%m-%d %H\\\\\\:%M\\\\\\:%S}'`);
    expect(vf.split('drawtext=').length - 1).toBe(2);
  });

  it.each([
    ["a'b", 'a b'],
    ['x:y,z;[w]', 'x y z w'],
    ['%{eif\\:1}', 'eif 1'],
    ['Ngõ 12, tổ dân phố 3', 'Ngõ 12 tổ dân phố 3'],
    ['   ', 'demo'],
  ])('sanitizes the label %j → %j', (raw, clean) => {
    expect(sanitizeLabel(raw)).toBe(clean);
  });

  it.each([
    [{ fontFile: '/tmp/a:b.ttf' }, UnsafeInputError],
    [{ fontFile: "/tmp/a'b.ttf" }, UnsafeInputError],
    [{ pattern: 'movie=/etc/passwd' }, UnsafeInputError],
    [{ width: 0 }, RangeError],
    [{ height: 99999 }, RangeError],
    [{ fps: 2.5 }, RangeError],
  ])('refuses %j', (patch, err) => {
    expect(() => buildDemoArgs({ ...base, ...(patch as object) } as typeof base)).toThrow(err);
  });
});

describe('one fragment per frame (live push transport)', () => {
  const KEY = 'k'.repeat(20);
  const builders = {
    rtsp: (fragmentPerFrame?: boolean) =>
      buildRtspArgs({ url: 'rtsp://h/x', connectTimeoutMs: 1000, partDurationMs: 200, fragmentPerFrame }),
    rtmp: (fragmentPerFrame?: boolean) =>
      buildRtmpArgs({ port: 1935, streamName: KEY, playToken: KEY, connectTimeoutMs: 1000, partDurationMs: 200, fragmentPerFrame }),
    demo: (fragmentPerFrame?: boolean) => buildDemoArgs({
      pattern: 'testsrc2', label: 'x', width: 160, height: 90, fps: 15, partDurationMs: 200, fontFile: null, nowMs: 0, fragmentPerFrame,
    }),
  };
  it.each(Object.keys(builders) as (keyof typeof builders)[])('%s: frag_every_frame, no -frag_duration', (kind) => {
    const argv = toArgv(builders[kind](true));
    const at = argv.lastIndexOf('-f');
    expect(argv.slice(at, at + 4)).toEqual(
      ['-f', 'mp4', '-movflags', 'frag_every_frame+empty_moov+default_base_moof'],
    );
    expect(argv).not.toContain('-frag_duration');
    expect(argv.at(-1)).toBe('pipe:1');
  });
  it.each(Object.keys(builders) as (keyof typeof builders)[])('%s: by default, fragments of partDurationMs cut at keyframes', (kind) => {
    const argv = toArgv(builders[kind]());
    expect(argv[argv.indexOf('-movflags') + 1]).toBe('frag_keyframe+empty_moov+default_base_moof');
    expect(argv[argv.indexOf('-frag_duration') + 1]).toBe('200000');
  });
});

describe('buildSessionArgs: one builder per kind of input', () => {
  const o = { connectTimeoutMs: 3000, partDurationMs: 200, fragmentPerFrame: true, fontFile: null, nowMs: 0 };
  const KEY = 'k'.repeat(32);
  it.each([
    ['rtsp', { kind: 'rtsp', url: 'rtsp://127.0.0.1:8554/main' } as const,
      buildRtspArgs({ url: 'rtsp://127.0.0.1:8554/main', connectTimeoutMs: 3000, partDurationMs: 200, fragmentPerFrame: true, probeMs: 5000 })],
    ['rtmp', { kind: 'rtmp', port: 1935, streamName: KEY, playToken: KEY } as const,
      buildRtmpArgs({ port: 1935, streamName: KEY, playToken: KEY, connectTimeoutMs: 3000, partDurationMs: 200, fragmentPerFrame: true, probeMs: 5000 })],
    ['demo', { kind: 'demo', pattern: 'testsrc2', label: 'x', width: 160, height: 90, fps: 15 } as const,
      buildDemoArgs({ pattern: 'testsrc2', label: 'x', width: 160, height: 90, fps: 15, partDurationMs: 200, fragmentPerFrame: true, fontFile: null, nowMs: 0 })],
  ])('%s', (_kind, input, expected) => {
    expect(toArgv(buildSessionArgs(input, { ...o, probeMs: 5000 }))).toEqual(toArgv(expected));
  });
});
