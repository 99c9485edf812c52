// The audio variant of a session's argv (tee: video copied to stdout as before, audio as AAC on fd 3), the reading
// of ffmpeg's level-tagged stderr, and the audio codec string.
import { describe, expect, it } from 'vitest';
import { AUDIO_PIPE, withAudioOutput } from '../../../server/media/audio-args.ts';
import { buildDemoArgs, buildRtmpArgs, buildRtspArgs, toArgv } from '../../../server/media/ffmpeg-args.ts';
import { describeInputAudio, InputDescription, splitLevel } from '../../../server/media/ffmpeg-log.ts';
import { audioCodecString } from '../../../server/media/session-audio.ts';

const rtsp = (perFrame: boolean) => buildRtspArgs({ url: 'rtsp://cam.local/main', connectTimeoutMs: 5000, partDurationMs: 200, fragmentPerFrame: perFrame });

describe('withAudioOutput', () => {
  it('keeps the input, copies the video to stdout and encodes the first audio stream to AAC on fd 3', () => {
    const a = withAudioOutput(rtsp(true))!;
    const argv = toArgv(a);
    expect(argv.slice(argv.indexOf('-i'), argv.indexOf('-i') + 2)).toEqual(['-i', 'rtsp://cam.local/main']);
    expect(argv).toContain('-rtsp_transport');
    expect(argv.slice(argv.indexOf('-loglevel'), argv.indexOf('-loglevel') + 2)).toEqual(['-loglevel', 'level+info']);
    expect(a.outputOptions).toEqual([
      '-map', '0:v:0', '-map', '0:a:0?', '-c:v', 'copy', '-c:a', 'aac', '-b:a', '48k', '-max_interleave_delta', '1', '-f', 'tee',
    ]);
    expect(a.target).toBe('[select=v:f=mp4:movflags=frag_every_frame+empty_moov+default_base_moof]pipe:1'
      + `|[select=a:f=mp4:movflags=frag_every_frame+empty_moov+default_base_moof:onfail=ignore]${AUDIO_PIPE}`);
    expect(argv.at(-1)).toBe(a.target);
    expect(a.pipe3).toBe(true);
  });

  it('carries the fragment duration when fragments are not per frame', () => {
    expect(withAudioOutput(rtsp(false))!.target).toContain('movflags=frag_keyframe+empty_moov+default_base_moof:frag_duration=200000');
  });

  it('applies to the RTMP pull of a pushed camera', () => {
    const a = withAudioOutput(buildRtmpArgs({
      port: 1935, streamName: 'k'.repeat(20), playToken: 't'.repeat(20), connectTimeoutMs: 5000, partDurationMs: 200,
    }));
    expect(a?.target).toMatch(/pipe:3$/);
  });

  it('leaves what is not a camera pull alone (a demo is encoded and has no audio)', () => {
    expect(withAudioOutput(buildDemoArgs({
      pattern: 'testsrc2', label: 'demo', width: 320, height: 180, fps: 10, partDurationMs: 200, fontFile: null, nowMs: 0,
    }))).toBeNull();
  });
});

describe('level-tagged stderr', () => {
  it.each([
    ['[rtsp @ 0x55e8] [error] method DESCRIBE failed: 401 Unauthorized', true, '[rtsp @ 0x55e8] method DESCRIBE failed: 401 Unauthorized'],
    ['[error] rtsp://***@cam/main: Server returned 404 Not Found', true, 'rtsp://***@cam/main: Server returned 404 Not Found'],
    ['[info]   Stream #0:1: Audio: pcm_alaw, 8000 Hz, mono, s16, 64 kb/s', false, '  Stream #0:1: Audio: pcm_alaw, 8000 Hz, mono, s16, 64 kb/s'],
    ['[aac @ 0x1] [warning] Too many bits', false, '[aac @ 0x1] Too many bits'],
    ['[fatal] something', true, 'something'],
    ['no tag at all', true, 'no tag at all'],
    // a camera without audio: the tee drops the audio branch and says so as errors; not the session's errors
    ['[mp4 @ 0x55c8] [error] No streams to mux were specified', false, '[mp4 @ 0x55c8] No streams to mux were specified'],
    ["[tee @ 0x55c8] [error] Slave '[select=a:f=mp4:movflags=frag_every_frame+empty_moov+default_base_moof:onfail=ignore]pipe:3': error writing header: Invalid argument",
      false, "[tee @ 0x55c8] Slave '[select=a:f=mp4:movflags=frag_every_frame+empty_moov+default_base_moof:onfail=ignore]pipe:3': error writing header: Invalid argument"],
    ['[tee @ 0x55c8] [error] Slave muxer #1 failed: Invalid argument, continuing with 1/2 slaves.', false,
      '[tee @ 0x55c8] Slave muxer #1 failed: Invalid argument, continuing with 1/2 slaves.'],
  ])('%s', (line, error, text) => {
    expect(splitLevel(line)).toEqual({ error, text });
  });

  it('reads the input audio stream up to the output description', () => {
    const d = new InputDescription();
    for (const l of [
      "Input #0, rtsp, from 'rtsp://127.0.0.1:8554/a':",
      '  Stream #0:0: Video: h264 (Constrained Baseline), yuv420p, 320x180, 15 fps',
      '  Stream #0:1: Audio: pcm_alaw, 8000 Hz, mono, s16, 64 kb/s',
    ]) d.line(l);
    expect(d.done).toBe(false);
    d.line('Stream mapping:');
    d.line('  Stream #0:1: Audio: aac (LC), 8000 Hz, mono, fltp, 48 kb/s'); // the output's: ignored
    expect(d.done).toBe(true);
    expect(d.audio).toEqual({ codec: 'pcm_alaw', sampleRate: 8000, channels: 'mono' });
    expect(describeInputAudio(d.audio!)).toBe('G.711 A-law 8 kHz');
  });

  it('knows an input without audio once it is described', () => {
    const d = new InputDescription();
    d.line("Input #0, rtsp, from 'rtsp://x/main':");
    d.line('  Stream #0:0: Video: h264, yuv420p, 640x360');
    d.line('Output #0, tee, to ...');
    expect(d).toMatchObject({ done: true, audio: null });
  });

  it.each([
    [{ codec: 'pcm_mulaw', sampleRate: 8000, channels: 'mono' }, 'G.711 µ-law 8 kHz'],
    [{ codec: 'aac', sampleRate: 16000, channels: 'mono' }, 'AAC 16 kHz'],
    [{ codec: 'adpcm_g726', sampleRate: 8000, channels: 'mono' }, 'G.726 8 kHz'],
    [{ codec: 'aac', sampleRate: 44100, channels: 'stereo' }, 'AAC 44.1 kHz'],
  ])('names %j as %s', (a, name) => expect(describeInputAudio(a)).toBe(name));
});

describe('audioCodecString', () => {
  const esds = (aot: number) => {
    // esds: version/flags, ES_Descriptor(3) … DecoderConfigDescriptor(4) … DecoderSpecificInfo(5): 2 bytes AOT/rate
    const body = Buffer.from([0, 0, 0, 0, 0x03, 0x19, 0, 1, 0, 0x04, 0x11, 0x40, 0x15, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x05, 0x02, (aot << 3) | 0x01, 0x88]);
    const head = Buffer.alloc(8);
    head.writeUInt32BE(8 + body.length, 0);
    head.write('esds', 4, 'latin1');
    return Buffer.concat([Buffer.from('....mp4a'), head, body]);
  };
  it('reads the audio object type (AAC-LC 2, HE-AAC 5)', () => {
    expect(audioCodecString(esds(2))).toBe('mp4a.40.2');
    expect(audioCodecString(esds(5))).toBe('mp4a.40.5');
  });
  it('says AAC-LC when the init has no esds', () => expect(audioCodecString(Buffer.from('ftypmoov'))).toBe('mp4a.40.2'));
});
