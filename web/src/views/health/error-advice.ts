// The hub's short English reasons (server/media/exit-reason.ts) → what happened and what to do, in the user's
// language. Unknown reasons get general advice and the raw text as the technical detail.
import type { MessageKey } from '../../i18n/i18n.ts';

export type AdviceId =
  | 'auth' | 'forbidden' | 'path' | 'busy' | 'transport' | 'refused' | 'timeout' | 'unreachable' | 'dns' | 'closed'
  | 'push' | 'video' | 'url' | 'unknown';

// order matters: the first match wins (e.g. the RTMP ingest lines before the generic "connection refused")
const RULES: [RegExp, AdviceId][] = [
  [/RTMP ingest|not pushing|RTMP publish/i, 'push'],
  [/password|RTSP 401|401 Unauthorized/i, 'auth'],
  [/refused access|RTSP 403/i, 'forbidden'],
  [/path not found|RTSP 404/i, 'path'],
  [/cannot serve this stream|RTSP 5xx/i, 'busy'],
  [/RTSP over TCP|\(461\)/i, 'transport'],
  [/connection refused/i, 'refused'],
  [/timeout|timed out|no answer|no video from the camera/i, 'timeout'],
  [/unreachable/i, 'unreachable'],
  [/host name not found|resolve/i, 'dns'],
  [/closed the connection|stream ended/i, 'closed'],
  [/no usable video|has no video|cannot read|unreadable|codec/i, 'video'],
  [/protocol not allowed|URL refused/i, 'url'],
];

export function adviceFor(reason: string): { id: AdviceId; cause: MessageKey; fix: MessageKey } {
  const id = RULES.find(([re]) => re.test(reason))?.[1] ?? 'unknown';
  return { id, cause: `advice.${id}.cause` as MessageKey, fix: `advice.${id}.fix` as MessageKey };
}
