// Validation of what a browser sends on the live socket (text frames, JSON).
import { z } from 'zod';
import { MAX_CHANNEL, type LiveClientMessage } from './wire.ts';

const channel = z.number().int().min(1).max(MAX_CHANNEL);

const clientMessage = z.discriminatedUnion('op', [
  z.strictObject({
    op: z.literal('sub'),
    ch: channel,
    cameraId: z.string().min(1).max(100),
    stream: z.enum(['main', 'sub', 'transcode']),
    audio: z.boolean().optional(),
  }),
  z.strictObject({ op: z.literal('unsub'), ch: channel }),
]);

export type ParsedMessage = { ok: true; message: LiveClientMessage } | { ok: false; ch: number; message: string };

/** Parses one text frame; on failure says why, with the channel when one could be read (else 0). */
export function parseClientMessage(text: string): ParsedMessage {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, ch: 0, message: 'The message is not JSON.' };
  }
  const r = clientMessage.safeParse(json);
  if (r.success) return { ok: true, message: r.data };
  const ch = (json as { ch?: unknown } | null)?.ch;
  const issue = r.error.issues[0];
  return {
    ok: false,
    ch: typeof ch === 'number' && Number.isInteger(ch) && ch >= 1 && ch <= MAX_CHANNEL ? ch : 0,
    message: `Bad message${issue?.path.length ? ` (${issue.path.join('.')})` : ''}: ${issue?.message ?? 'invalid'}.`,
  };
}
