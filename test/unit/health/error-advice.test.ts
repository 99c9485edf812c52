// The hub's reasons (server/media/exit-reason.ts, from real ffmpeg stderr lines) each map to the advice the web app
// shows; a reason nobody mapped falls back to general advice. Durations read the way a person says them.
import { describe, expect, it } from 'vitest';
import { describeExit, silenceReason, unreadableReason } from '../../../server/media/exit-reason.ts';
import { formatDuration } from '../../../web/src/views/health/alert-text.ts';
import { adviceFor } from '../../../web/src/views/health/error-advice.ts';

const reason = (line: string) => describeExit({ code: 1, signal: null, error: null, requested: false, stderrTail: [line] });

describe('advice for the hub reasons', () => {
  it.each([
    ['[rtsp @ 0x5] method DESCRIBE failed: 401 Unauthorized', 'auth'],
    ['[rtsp @ 0x5] method DESCRIBE failed: 403 Forbidden', 'forbidden'],
    ['[rtsp @ 0x5] method DESCRIBE failed: 404 Not Found', 'path'],
    ['[rtsp @ 0x5] method DESCRIBE failed: 503 Service Unavailable', 'busy'],
    ['[rtsp @ 0x5] method SETUP failed: 461 Unsupported transport', 'transport'],
    ['[tcp @ 0x5] Connection to tcp://10.0.0.9:554?timeout=5000000 failed: Connection refused', 'refused'],
    ['[tcp @ 0x5] Connection to tcp://10.0.0.9:554 failed: Connection timed out', 'timeout'],
    ['[tcp @ 0x5] Connection to tcp://10.0.0.9:554 failed: No route to host', 'unreachable'],
    ['[tcp @ 0x5] Failed to resolve hostname cam.example: Name or service not known', 'dns'],
    ['rtsp://10.0.0.9/x: Connection reset by peer', 'closed'],
    ['[out#0/mp4 @ 0x5] Error initializing output stream 0:0 --', 'video'],
    ['Stream map \'0:v:0\' matches no streams.', 'video'],
    ['rtmp://127.0.0.1:1935/live: Connection refused', 'push'],
    ['rtmp://127.0.0.1:1935/live: Input/output error', 'push'],
    ['Protocol not on whitelist \'rtsp,tcp\'!', 'url'],
  ])('%s → %s', (line, id) => {
    expect(adviceFor(reason(line)).id).toBe(id);
  });

  it('the reasons a session gives itself have advice too: the watchdog (a camera that went silent), unreadable output', () => {
    expect(adviceFor(silenceReason(10)).id).toBe('timeout');
    expect(adviceFor(unreadableReason('box too large')).id).toBe('video');
  });

  it('a clean end of stream reads as the camera closing the connection; anything else gets general advice', () => {
    expect(adviceFor(describeExit({ code: 0, signal: null, error: null, requested: false, stderrTail: [] })).id).toBe('closed');
    expect(adviceFor('something new happened').id).toBe('unknown');
    expect(adviceFor('something new happened').fix).toBe('advice.unknown.fix');
  });
});

describe('formatDuration', () => {
  it('says seconds, minutes, hours and days in Vietnamese and English', () => {
    expect(formatDuration(7000, 'vi')).toBe('7 giây');
    expect(formatDuration(0, 'en')).toBe('0 s');
    expect(formatDuration(4 * 60_000 + 10_000, 'vi')).toBe('4 phút 10 giây');
    expect(formatDuration(3 * 3600_000 + 5 * 60_000 + 9000, 'en')).toBe('3 h 5 min');
    expect(formatDuration(2 * 86_400_000 + 3600_000, 'vi')).toBe('2 ngày 1 giờ');
    expect(formatDuration(60_000, 'en')).toBe('1 min');
  });
});

describe('routes', () => {
  it('parses the alert list and a camera diagnostics page, and healthUrl round-trips an id', async () => {
    const { parseRoute } = await import('../../../web/src/router.ts');
    const { healthUrl } = await import('../../../web/src/views/health/health-url.ts');
    expect(parseRoute('/alerts', '')).toEqual({ name: 'alerts', state: 'open' });
    expect(parseRoute('/alerts', '?state=all')).toEqual({ name: 'alerts', state: 'all' });
    expect(parseRoute('/alerts', '?state=nonsense')).toEqual({ name: 'alerts', state: 'open' });
    const url = healthUrl('cổng chợ/1');
    expect(parseRoute(url, '')).toEqual({ name: 'camera-health', cameraId: 'cổng chợ/1' });
    expect(parseRoute('/cameras', '')).toMatchObject({ name: 'cameras' });
  });
});
