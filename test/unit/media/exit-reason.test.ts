import { describe, expect, it } from 'vitest';
import { describeExit } from '../../../server/media/exit-reason.ts';
import type { FfmpegExit } from '../../../server/media/ffmpeg-runner.ts';

const exit = (stderrTail: string[], patch: Partial<FfmpegExit> = {}): FfmpegExit => ({
  code: 1, signal: null, error: null, requested: false, stderrTail, ...patch,
});

describe('describeExit', () => {
  it.each([
    [['[rtsp @ 0x1] method DESCRIBE failed: 401 Unauthorized', 'rtsp://***@h/x: Server returned 401 Unauthorized'], 'wrong user name or password (RTSP 401)'],
    [['rtsp://***@h/x: Server returned 404 Not Found'], 'stream path not found on the camera (RTSP 404)'],
    [['[rtsp @ 0x1] method DESCRIBE failed: 503 Service Unavailable'], 'the camera cannot serve this stream now (RTSP 5xx)'],
    [['rtsp://h:1/x: Connection refused'], 'connection refused by the camera'],
    [['rtsp://h/x: Connection timed out'], 'no answer from the camera (timeout)'],
    [['rtsp://h/x: No route to host'], 'camera unreachable on the network'],
    [['[tcp @ 0x1] Failed to resolve hostname cam.lan: Name or service not known'], 'camera host name not found'],
    [["Stream map '0:v:0' matches no streams."], 'the stream has no video'],
    [['Error initializing output stream 0:0 -- '], 'the camera answered but sent no usable video'],
    [['[rtsp @ 0x1] Could not find codec parameters for stream 0 (Video: h264, none): unspecified size'], 'the camera answered but sent no usable video'],
    [['[mp4 @ 0x1] something unusual happened'], 'something unusual happened'],
  ])('%j → %s', (tail, msg) => {
    expect(describeExit(exit(tail))).toBe(msg);
  });

  it.each([
    [exit([], { code: 0 }), 'the stream ended'],
    [exit([], { code: 255 }), 'ffmpeg exited with code 255'],
    [exit([], { code: null, signal: 'SIGKILL' }), 'ffmpeg was stopped (SIGKILL)'],
    [exit([], { code: null, error: new Error('ffmpeg not found or not executable at /x') }), 'ffmpeg could not start: ffmpeg not found or not executable at /x'],
  ])('no stderr: %j → %s', (e, msg) => {
    expect(describeExit(e)).toBe(msg);
  });

  it('never repeats a password and stays short', () => {
    const m = describeExit(exit([`Input rtsp://admin:hunter2@cam/x: ${'blah '.repeat(100)}`]));
    expect(m).not.toContain('hunter2');
    expect(m.length).toBeLessThanOrEqual(160);
  });
});
