import { describe, expect, it } from 'vitest';
import { AppError } from '../../../server/errors.ts';
import { httpStatusOf } from '../../../server/http/error-status.ts';
import { acceptSnapshotUri, acceptStreamUri } from '../../../server/onvif/stream-uri.ts';

describe('acceptStreamUri', () => {
  it.each([
    ['rtsp://127.0.0.3:554/main', '127.0.0.3', 'rtsp://127.0.0.3:554/main'],
    ['rtsp://0.0.0.0:554/Streaming/Channels/101', '127.0.0.3', 'rtsp://127.0.0.3:554/Streaming/Channels/101'],
    ['rtsp://127.0.0.1/live?ch=1&sub=0', '127.0.0.3', 'rtsp://127.0.0.3/live?ch=1&sub=0'],
    ['rtsp://192.168.1.64:8554/h264', '203.0.113.7', 'rtsp://203.0.113.7:8554/h264'],
    ['rtsps://cam.local:322/a', 'CAM.LOCAL', 'rtsps://cam.local:322/a'],
    ['rtsp://10.0.0.5/x', 'camera-1.example', 'rtsp://camera-1.example/x'],
    ['rtsp://10.0.0.5/x', '::1', 'rtsp://[::1]/x'],
    ['rtsp://admin:hunter2@192.168.1.64/x', '192.168.1.64', 'rtsp://192.168.1.64/x'],
  ])('%s reached at %s → %s', (raw, host, expected) => {
    expect(acceptStreamUri(raw, host)).toBe(expected);
  });

  it.each([
    'file:///etc/passwd', 'http://127.0.0.3/stream', 'concat:a|b', 'rtmp://127.0.0.3/live', 'rtsp://h/a\nb',
    'rtsp://h/a b', '-i rtsp://h/', '', 'rtsp:/nohost', 'rtsp://h/#frag',
  ])('refuses %j with onvif-bad-uri', (raw) => {
    try {
      acceptStreamUri(raw, '127.0.0.3');
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).code).toBe('onvif-bad-uri');
      expect(httpStatusOf((err as AppError).code)).toBe(502);
    }
  });

  it('refuses a non-string', () => {
    expect(() => acceptStreamUri({ uri: 'rtsp://x/' }, 'h')).toThrow(/stream address/);
  });
});

describe('acceptSnapshotUri', () => {
  it.each([
    ['http://0.0.0.0:8080/snap.jpg?ch=1', '127.0.0.3', 'http://127.0.0.3:8080/snap.jpg?ch=1'],
    ['https://u:p@192.168.1.64/ISAPI/Streaming/channels/101/picture', '10.1.1.1', 'https://10.1.1.1/ISAPI/Streaming/channels/101/picture'],
    ['file:///etc/passwd', '127.0.0.3', undefined],
    ['rtsp://127.0.0.3/x', '127.0.0.3', undefined],
    ['http://h/a\r\nX: y', '127.0.0.3', undefined],
    [42, '127.0.0.3', undefined],
  ])('%j → %j', (raw, host, expected) => {
    expect(acceptSnapshotUri(raw, host)).toBe(expected);
  });
});
