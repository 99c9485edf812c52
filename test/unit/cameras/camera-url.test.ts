import { describe, expect, it } from 'vitest';
import { parseCameraUrl, withPassword } from '../../../server/cameras/camera-url.ts';
import { AppError } from '../../../server/errors.ts';
import { httpStatusOf } from '../../../server/http/error-status.ts';

function codeOf(raw: unknown): string {
  try {
    parseCameraUrl(raw);
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    expect(httpStatusOf((e as AppError).code)).toBe(400);
    return (e as AppError).code;
  }
  return 'accepted';
}

describe('parseCameraUrl', () => {
  it.each([
    ['file:///etc/passwd', 'url-scheme-not-allowed'],
    ['concat:rtsp://a/b|file:///etc/passwd', 'url-scheme-not-allowed'],
    ['subfile:,,start,0,end,100,,:/etc/passwd', 'url-scheme-not-allowed'],
    ['pipe:0', 'url-scheme-not-allowed'],
    ['http://192.168.1.10/video.mjpg', 'url-scheme-not-allowed'],
    ['rtmp://host/live/x', 'url-scheme-not-allowed'],
    ['/dev/video0', 'url-scheme-not-allowed'],
    ['-i', 'url-invalid'],
    ['-f lavfi', 'url-invalid'],
    ['rtsp://host/a\nfile:///etc/passwd', 'url-invalid'],
    ['rtsp://host/a\r\n', 'url-invalid'],
    ['rtsp://host/a b', 'url-invalid'],
    ['rtsp://host/a\u0000', 'url-invalid'],
    ['rtsp:/host', 'url-invalid'],
    ['rtsp:', 'url-invalid'],
    ['rtsp://host/a#frag', 'url-invalid'],
    ['', 'url-invalid'],
    [42, 'url-invalid'],
    ['rtsp://' + 'a'.repeat(3000), 'url-invalid'],
  ])('refuses %j with %s', (raw, code) => {
    expect(codeOf(raw)).toBe(code);
  });

  it('splits the password off and keeps the user name', () => {
    const p = parseCameraUrl('rtsp://admin:p%40ss@192.168.1.64:554/Streaming/Channels/101');
    expect(p).toEqual({ url: 'rtsp://admin@192.168.1.64:554/Streaming/Channels/101', password: 'p%40ss', username: 'admin' });
    expect(withPassword(p.url, p.password)).toBe('rtsp://admin:p%40ss@192.168.1.64:554/Streaming/Channels/101');
  });

  it('accepts rtsps and URLs without credentials, keeping the query', () => {
    expect(parseCameraUrl('rtsps://cam.local:322/live?channel=1&subtype=0')).toEqual({
      url: 'rtsps://cam.local:322/live?channel=1&subtype=0', password: null, username: '',
    });
    expect(codeOf('RTSP://10.0.0.5/h264')).toBe('accepted');
  });
});
