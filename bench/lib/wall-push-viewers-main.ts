// Child process of the wall benchmark: N live push viewers (node `ws` clients) of one camera, each on its own
// WebSocket to /ws/live with the hub's session cookie, so that their CPU is not counted as the hub's.
// argv[2]: JSON { origin, cookie, cameraId, stream, count, warmupMs, windowMs, readyTimeoutMs }.
// stdout: `READY <viewers with media>`, `WINDOW` (samples start), then `RESULT <json> END`; the viewers stay
// connected until SIGTERM or until stdin closes (the benchmark went away).
// Fan-out delay = Date.now() when the client receives a fragment − the frame header's wallMs (when the fragment
// reached the hub), same machine clock.
import WebSocket from 'ws';
import { decodeFrameHeader, FRAME_FRAGMENT, LIVE_WS_PATH, type LiveServerMessage } from '../../server/live-push/wire.ts';
import { percentile } from './stats.ts';

interface Config {
  origin: string;
  cookie: string;
  cameraId: string;
  stream: 'main' | 'sub';
  count: number;
  warmupMs: number;
  windowMs: number;
  readyTimeoutMs: number;
}

export interface PushViewersResult {
  viewers: number;
  opened: number;
  withMedia: number;
  /** JSON `init` messages (one per viewer expected; more means the session restarted) */
  inits: number;
  /** fragments received in the window, all viewers together */
  fragments: number;
  bytes: number;
  skips: number;
  dropped: number;
  errors: string[];
  closes: Record<string, number>;
  delay: { n: number; p50: number; p95: number; p99: number; max: number };
  windowMs: number;
}

const cfg = JSON.parse(process.argv[2] ?? '{}') as Config;
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

process.stdin.on('end', () => process.exit(0));
process.stdin.resume();

const wsUrl = `${cfg.origin.replace(/^http/, 'ws')}${LIVE_WS_PATH}`;
const sockets: WebSocket[] = [];
const hadMedia = new Set<number>();
const delays: number[] = [];
const errors: string[] = [];
const closes: Record<string, number> = {};
let recording = false;
let opened = 0;
let inits = 0;
let fragments = 0;
let bytes = 0;
let skips = 0;
let dropped = 0;

const noteError = (e: string): void => {
  if (errors.length < 20 && !errors.includes(e)) errors.push(e);
};

for (let i = 0; i < cfg.count; i += 1) {
  const ws = new WebSocket(wsUrl, { headers: { cookie: cfg.cookie, origin: cfg.origin } });
  sockets.push(ws);
  ws.on('open', () => {
    opened += 1;
    ws.send(JSON.stringify({ op: 'sub', ch: 1, cameraId: cfg.cameraId, stream: cfg.stream }));
  });
  ws.on('message', (data: Buffer, isBinary: boolean) => {
    const now = Date.now();
    if (!isBinary) {
      const msg = JSON.parse(data.toString('utf8')) as LiveServerMessage;
      if (msg.op === 'init') inits += 1;
      else if (msg.op === 'skip') {
        skips += 1;
        dropped += msg.dropped;
      } else if (msg.op === 'error') noteError(`${msg.code}: ${msg.message}`);
      return;
    }
    const h = decodeFrameHeader(data);
    if (!h || h.kind !== FRAME_FRAGMENT) return;
    hadMedia.add(i);
    if (!recording) return;
    fragments += 1;
    bytes += data.length;
    delays.push(now - h.wallMs);
  });
  ws.on('error', (err) => noteError(String(err.message)));
  ws.on('close', (code) => {
    closes[String(code)] = (closes[String(code)] ?? 0) + 1;
  });
}

const deadline = Date.now() + cfg.readyTimeoutMs;
while (hadMedia.size < cfg.count && Date.now() < deadline) await sleep(100);
console.log(`READY ${hadMedia.size}`);
await sleep(cfg.warmupMs);
console.log('WINDOW');
recording = true;
await sleep(cfg.windowMs);
recording = false;
const result: PushViewersResult = {
  viewers: cfg.count,
  opened,
  withMedia: hadMedia.size,
  inits,
  fragments,
  bytes,
  skips,
  dropped,
  errors,
  closes,
  delay: {
    n: delays.length,
    p50: percentile(delays, 50),
    p95: percentile(delays, 95),
    p99: percentile(delays, 99),
    max: delays.length ? delays.reduce((a, b) => Math.max(a, b), -Infinity) : Number.NaN,
  },
  windowMs: cfg.windowMs,
};
console.log(`RESULT ${JSON.stringify(result)} END`);
// the viewers stay connected (so that the hub's diagnostics can be read) until the benchmark stops this process
