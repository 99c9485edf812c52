import { describe, expect, it } from 'vitest';
import { parseClientMessage } from '../../../server/live-push/client-messages.ts';

describe('parseClientMessage', () => {
  it('accepts sub and unsub', () => {
    expect(parseClientMessage('{"op":"sub","ch":1,"cameraId":"cam-1","stream":"sub"}')).toEqual({
      ok: true, message: { op: 'sub', ch: 1, cameraId: 'cam-1', stream: 'sub' },
    });
    expect(parseClientMessage('{"op":"unsub","ch":65535}')).toEqual({ ok: true, message: { op: 'unsub', ch: 65535 } });
    // the hub's H.264 transcode of a camera (server/media/transcodes.ts)
    expect(parseClientMessage('{"op":"sub","ch":2,"cameraId":"cam-1","stream":"transcode"}')).toMatchObject({ ok: true });
  });

  it.each([
    ['not json', 0],
    ['null', 0],
    ['{"op":"play","ch":3}', 3],
    ['{"op":"sub","ch":2,"cameraId":"c","stream":"hd"}', 2],
    ['{"op":"sub","ch":0,"cameraId":"c","stream":"main"}', 0],
    ['{"op":"sub","ch":65536,"cameraId":"c","stream":"main"}', 0],
    ['{"op":"sub","ch":1.5,"cameraId":"c","stream":"main"}', 0],
    ['{"op":"sub","ch":4,"cameraId":"","stream":"main"}', 4],
    [`{"op":"sub","ch":4,"cameraId":"${'x'.repeat(101)}","stream":"main"}`, 4],
    ['{"op":"unsub","ch":5,"extra":true}', 5],
  ])('refuses %s (channel %i in the error)', (text, ch) => {
    const r = parseClientMessage(text);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.ch).toBe(ch);
      expect(r.message.length).toBeGreaterThan(5);
    }
  });
});
