// A live push client for tests: the `ws` package speaking the hub's wire format, recording what it receives.
import WebSocket from 'ws';
import { decodeFrameHeader, LIVE_WS_PATH, type FrameHeader, type LiveServerMessage } from '../../../server/live-push/wire.ts';

export type Received =
  | { kind: 'json'; msg: LiveServerMessage; at: number }
  | { kind: 'binary'; header: FrameHeader; payload: Buffer; at: number };

export interface LiveClient {
  ws: WebSocket;
  received: Received[];
  closed: Promise<{ code: number; reason: string }>;
  send(msg: unknown): void;
  json(ch?: number): LiveServerMessage[];
  binary(ch?: number): { header: FrameHeader; payload: Buffer; at: number }[];
  /** resolves when `check` is true of what was received (polls) */
  until(check: () => boolean, what: string, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export const wsUrl = (hubUrl: string, path = LIVE_WS_PATH) => hubUrl.replace(/^http/, 'ws') + path;

/** Opens the socket; rejects with the HTTP status when the hub refuses the upgrade. */
export function openLive(
  hubUrl: string, cookie: string | null, origin: string | null = hubUrl, path = LIVE_WS_PATH, extraHeaders: Record<string, string> = {},
): Promise<LiveClient> {
  const headers: Record<string, string> = { ...extraHeaders };
  if (cookie) headers.cookie = cookie;
  if (origin) headers.origin = origin;
  const ws = new WebSocket(wsUrl(hubUrl, path), { headers });
  const received: Received[] = [];
  ws.on('message', (data: Buffer, isBinary) => {
    const at = Date.now();
    if (!isBinary) return received.push({ kind: 'json', msg: JSON.parse(String(data)) as LiveServerMessage, at });
    const header = decodeFrameHeader(data);
    if (!header) throw new Error('binary frame without a header');
    received.push({ kind: 'binary', header, payload: data.subarray(12), at });
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) => {
    ws.once('close', (code, reason) => resolve({ code, reason: String(reason) }));
  });
  const client: LiveClient = {
    ws, received, closed,
    send: (msg) => ws.send(JSON.stringify(msg)),
    json: (ch) => received.flatMap((r) => (r.kind === 'json' && (ch === undefined || r.msg.ch === ch) ? [r.msg] : [])),
    binary: (ch) => received.flatMap((r) => (r.kind === 'binary' && (ch === undefined || r.header.channel === ch) ? [r] : [])),
    async until(check, what, timeoutMs = 20_000) {
      const end = Date.now() + timeoutMs;
      while (!check()) {
        if (Date.now() > end) throw new Error(`timed out waiting for ${what}; got ${JSON.stringify(client.json())}`);
        await new Promise((r) => setTimeout(r, 25));
      }
    },
    async close() {
      if (ws.readyState === WebSocket.CLOSED) return;
      ws.close();
      await closed;
    },
  };
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(client));
    ws.once('unexpected-response', (_req, res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d));
      res.on('end', () => reject(Object.assign(new Error(`upgrade refused: ${res.statusCode}`), { status: res.statusCode, body })));
    });
    ws.once('error', reject);
  });
}

/** The HTTP status with which the hub refuses an upgrade (throws when it accepts). */
export async function refusedStatus(
  hubUrl: string, cookie: string | null, origin: string | null = hubUrl, path = LIVE_WS_PATH,
): Promise<{ status: number; body: string }> {
  try {
    const c = await openLive(hubUrl, cookie, origin, path);
    await c.close();
  } catch (e) {
    const err = e as { status?: number; body?: string };
    if (err.status) return { status: err.status, body: err.body ?? '' };
    throw e;
  }
  throw new Error('the upgrade was accepted');
}

/** Top-level box types of an MP4 byte string. */
export function boxTypes(b: Buffer): string[] {
  const types: string[] = [];
  for (let i = 0; i + 8 <= b.length;) {
    const size = b.readUInt32BE(i);
    types.push(b.toString('latin1', i + 4, i + 8));
    if (size < 8) break;
    i += size;
  }
  return types;
}

/** Samples in a moof (trun sample_count), read the simple way: ffmpeg writes one traf with one trun. */
export function trunSampleCount(moofMdat: Buffer): number {
  const at = moofMdat.indexOf('trun', 0, 'latin1');
  if (at < 0) return -1;
  return moofMdat.readUInt32BE(at + 8); // type(4) version+flags(4) then sample_count
}
