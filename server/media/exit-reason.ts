// Turns the end of an ffmpeg run into a short message a person can act on. Never includes credentials:
// stderr lines are scrubbed by the runner, and the patterns below keep only the gist.
import { scrubSecrets, type FfmpegExit } from './ffmpeg-runner.ts';

const KNOWN: [RegExp, string][] = [
  // a pushed camera, pulled back from the hub's own RTMP ingest (rtmp://127.0.0.1:<port>/live)
  [/rtmp:\/\/127\.0\.0\.1:\d+\/live: Connection refused/i, "the hub's RTMP ingest is not running"],
  [/rtmp:\/\/127\.0\.0\.1:\d+\/live: (Input\/output error|End of file|Connection reset by peer)/i,
    'the camera is not pushing its stream (no RTMP publish)'],
  [/401 Unauthorized/i, 'wrong user name or password (RTSP 401)'],
  [/403 Forbidden/i, 'the camera refused access (RTSP 403)'],
  [/404 Not Found/i, 'stream path not found on the camera (RTSP 404)'],
  [/DESCRIBE failed: 5\d\d|503 Service Unavailable/i, 'the camera cannot serve this stream now (RTSP 5xx)'],
  [/461 Unsupported transport/i, 'the camera does not support RTSP over TCP (461)'],
  [/Connection refused/i, 'connection refused by the camera'],
  [/Connection timed out|Operation timed out|timed out/i, 'no answer from the camera (timeout)'],
  [/No route to host|Network is unreachable|Host is unreachable/i, 'camera unreachable on the network'],
  [/Name or service not known|Temporary failure in name resolution|Failed to resolve/i, 'camera host name not found'],
  [/Connection reset by peer|End of file|Broken pipe/i, 'the camera closed the connection'],
  [/Protocol not on whitelist|not on whitelist/i, 'URL refused: protocol not allowed'],
  [/Invalid data found when processing input/i, 'the camera sent data ffmpeg cannot read'],
  [/Stream map '0:v:0' matches no streams|matches no streams/i, 'the stream has no video'],
  // the session was set up (PLAY answered) but no picture came before ffmpeg had to write the header
  [/Error initializing output stream|Could not write header|Could not find codec parameters|dimensions not set/i,
    'the camera answered but sent no usable video'],
];

/** The reasons a session gives itself, not read from ffmpeg's exit: the watchdog, and output that is not fMP4. */
export const silenceReason = (seconds: number) => `no video from the camera for ${seconds} s`;
export const unreadableReason = (detail: string) => `unreadable video stream: ${detail}`;

export function describeExit(exit: FfmpegExit): string {
  if (exit.error) return clip(`ffmpeg could not start: ${exit.error.message}`);
  const tail = exit.stderrTail.join('\n');
  for (const [re, msg] of KNOWN) if (re.test(tail)) return msg;
  const last = exit.stderrTail.filter((l) => l.trim()).at(-1);
  if (last) return clip(scrubSecrets(last.replace(/^\[[^\]]*\]\s*/, '')));
  if (exit.signal) return `ffmpeg was stopped (${exit.signal})`;
  if (exit.code === 0) return 'the stream ended';
  return `ffmpeg exited with code ${exit.code}`;
}

const clip = (s: string) => (s.length > 160 ? `${s.slice(0, 157)}…` : s);
