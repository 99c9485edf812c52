// One WebSocket per signed-in tab for every live tile (server/live-push/wire.ts has the protocol).
// Opened on the first subscription; each subscription gets its own channel number; frames are handed to the
// channel's handler. After a drop it reconnects with backoff and subscribes every open channel again (the hub
// then sends a fresh `init`, which the players take as a restart). If the socket cannot be opened at all
// (the hub refuses the upgrade, or nothing opens within a few seconds), subscribers are told, so that their
// tiles play over LL-HLS instead. Close code 4001 means the session ended: the app goes to the login page.
import type { LiveStreamName, StreamStatus } from '../../../server/contracts.ts';
import {
  CLOSE_SESSION_ENDED,
  decodeFrameHeader,
  FRAME_HEADER_BYTES,
  LIVE_WS_PATH,
  MAX_CHANNEL,
  type FrameHeader,
  type LiveClientMessage,
  type LiveServerMessage,
} from '../../../server/live-push/wire.ts';
import { retryDelayMs } from './backoff.ts';

export interface LiveChannelHandler {
  /** the subscription is live (again): a new init segment follows; reset the media. `audio`: its audio codec */
  init(codec: string, stream: LiveStreamName, audio?: string): void;
  /** a binary frame of this channel: the init segment or a fragment, after its 12-byte header */
  frame(header: FrameHeader, payload: Uint8Array): void;
  status(status: StreamStatus, lastError: string | null): void;
  /** the hub dropped `dropped` fragments for us; the next one is a keyframe */
  skip(dropped: number): void;
  /** the hub refused or ended this subscription; nothing more comes on it */
  error(code: string, message: string): void;
  /** the socket cannot be opened: play some other way (the subscription is over) */
  unavailable(): void;
}

export interface LiveSubscription {
  readonly channel: number;
  close(): void;
}

export type LiveSocketState = 'idle' | 'connecting' | 'open' | 'unavailable' | 'closed';

export interface LiveSocket {
  /** `audio`: the camera's audio too (the focused view) */
  subscribe(cameraId: string, stream: LiveStreamName, handler: LiveChannelHandler, opts?: { audio?: boolean }): LiveSubscription;
  state(): LiveSocketState;
  /** sign-out: close for good */
  close(): void;
}

export interface LiveSocketOptions {
  url: string;
  /** close code 4001: the session is over */
  onSessionEnded(): void;
  /** how to make a WebSocket (tests pass a Node client) */
  createSocket?: (url: string) => WebSocket;
  /** no open within this long = cannot open */
  openTimeoutMs?: number;
  /** after having been open, this many failed reconnects in a row = unavailable */
  maxReconnects?: number;
  /** once unavailable, new subscriptions are told so at once for this long, then the socket is tried again */
  unavailableForMs?: number;
  /** close the socket after this long without subscriptions */
  idleCloseMs?: number;
}

export function liveSocketUrl(loc: { protocol: string; host: string }): string {
  return `${loc.protocol === 'https:' ? 'wss:' : 'ws:'}//${loc.host}${LIVE_WS_PATH}`;
}

/** The next free channel after `last` (1..MAX_CHANNEL, wrapping), so a number is not reused soon; null if all are taken. */
export function nextChannel(last: number, inUse: (channel: number) => boolean): number | null {
  for (let i = 1; i <= MAX_CHANNEL; i++) {
    const ch = ((last - 1 + i) % MAX_CHANNEL) + 1;
    if (!inUse(ch)) return ch;
  }
  return null;
}

// WebSocket.readyState values (not read from the global: tests run the Node `ws` client)
const CONNECTING = 0;
const OPEN = 1;

interface Sub {
  cameraId: string;
  stream: LiveStreamName;
  handler: LiveChannelHandler;
  audio?: boolean;
}

export function createLiveSocket(opts: LiveSocketOptions): LiveSocket {
  const create = opts.createSocket ?? ((url: string) => new WebSocket(url));
  const openTimeoutMs = opts.openTimeoutMs ?? 3000;
  const maxReconnects = opts.maxReconnects ?? 5;
  const unavailableForMs = opts.unavailableForMs ?? 30_000;
  const idleCloseMs = opts.idleCloseMs ?? 15_000;

  const subs = new Map<number, Sub>();
  let lastChannel = 0;
  let ws: WebSocket | null = null;
  let current: LiveSocketState = 'idle';
  let everOpened = false;
  let failures = 0;
  let unavailableAt = 0;
  let openTimer: ReturnType<typeof setTimeout> | null = null;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;
  let idleTimer: ReturnType<typeof setTimeout> | null = null;

  const clear = (t: ReturnType<typeof setTimeout> | null) => {
    if (t) clearTimeout(t);
    return null;
  };

  const send = (msg: LiveClientMessage) => {
    if (ws && ws.readyState === OPEN) ws.send(JSON.stringify(msg));
  };

  const sendSub = (ch: number, s: Sub) => send({ op: 'sub', ch, cameraId: s.cameraId, stream: s.stream, ...(s.audio ? { audio: true } : {}) });

  const drop = (socket: WebSocket) => {
    socket.onopen = socket.onmessage = socket.onclose = null; // onerror stays a no-op (the close says it all)
    if (socket.readyState === CONNECTING || socket.readyState === OPEN) socket.close(1000);
  };

  const declareUnavailable = () => {
    current = 'unavailable';
    unavailableAt = Date.now();
    failures = 0;
    const gone = [...subs.values()];
    subs.clear();
    for (const s of gone) s.handler.unavailable();
  };

  const onMessage = (ev: MessageEvent) => {
    if (typeof ev.data === 'string') {
      let msg: LiveServerMessage;
      try {
        msg = JSON.parse(ev.data) as LiveServerMessage;
      } catch {
        return;
      }
      const s = subs.get(msg.ch);
      if (!s) return;
      if (msg.op === 'init') s.handler.init(msg.codec, msg.stream, msg.audio);
      else if (msg.op === 'status') s.handler.status(msg.status, msg.lastError);
      else if (msg.op === 'skip') s.handler.skip(msg.dropped);
      else if (msg.op === 'error') {
        subs.delete(msg.ch);
        s.handler.error(msg.code, msg.message);
      }
      return;
    }
    const data = ev.data instanceof ArrayBuffer ? new Uint8Array(ev.data) : null;
    const header = data && decodeFrameHeader(data);
    if (!data || !header) return;
    subs.get(header.channel)?.handler.frame(header, data.subarray(FRAME_HEADER_BYTES));
  };

  const connect = () => {
    retryTimer = clear(retryTimer);
    current = 'connecting';
    let opened = false;
    let socket: WebSocket;
    try {
      socket = create(opts.url);
    } catch {
      failed(false);
      return;
    }
    ws = socket;
    socket.binaryType = 'arraybuffer';
    socket.onerror = () => undefined; // a close always follows
    openTimer = setTimeout(() => {
      openTimer = null;
      if (ws !== socket) return;
      drop(socket);
      ws = null;
      failed(false);
    }, openTimeoutMs);
    socket.onopen = () => {
      openTimer = clear(openTimer);
      opened = true;
      everOpened = true;
      failures = 0;
      current = 'open';
      for (const [ch, s] of subs) sendSub(ch, s);
      if (subs.size === 0) scheduleIdleClose();
    };
    socket.onmessage = onMessage;
    socket.onclose = (ev: CloseEvent) => {
      openTimer = clear(openTimer);
      if (ws !== socket) return;
      ws = null;
      if (ev.code === CLOSE_SESSION_ENDED) {
        current = 'closed';
        subs.clear();
        opts.onSessionEnded();
        return;
      }
      failed(opened);
    };
  };

  /** the socket closed; `wasOpen`: it had opened (a drop), otherwise it never opened (refused, timed out) */
  const failed = (wasOpen: boolean) => {
    if (current === 'closed') return;
    if (!wasOpen) failures++;
    if (!wasOpen && (!everOpened || failures >= maxReconnects)) {
      declareUnavailable();
      return;
    }
    current = 'idle';
    if (subs.size === 0) return; // opened again by the next subscription
    retryTimer = setTimeout(connect, retryDelayMs(failures));
  };

  const scheduleIdleClose = () => {
    idleTimer = clear(idleTimer);
    idleTimer = setTimeout(() => {
      idleTimer = null;
      if (subs.size > 0 || !ws) return;
      drop(ws);
      ws = null;
      current = 'idle';
    }, idleCloseMs);
  };

  return {
    subscribe(cameraId, stream, handler, subOpts) {
      const ch = current === 'closed' ? null : nextChannel(lastChannel, (c) => subs.has(c));
      let live = ch !== null;
      if (ch === null || (current === 'unavailable' && Date.now() - unavailableAt < unavailableForMs)) {
        queueMicrotask(() => handler.unavailable());
        return { channel: 0, close: () => undefined };
      }
      lastChannel = ch;
      const sub: Sub = { cameraId, stream, handler, audio: subOpts?.audio };
      subs.set(ch, sub);
      idleTimer = clear(idleTimer);
      if (current === 'open') sendSub(ch, sub);
      else if (current !== 'connecting' && !retryTimer) connect();
      return {
        channel: ch,
        close() {
          if (!live) return;
          live = false;
          if (subs.get(ch) !== sub) return;
          subs.delete(ch);
          send({ op: 'unsub', ch });
          if (subs.size === 0 && current === 'open') scheduleIdleClose();
        },
      };
    },
    state: () => current,
    close() {
      current = 'closed';
      openTimer = clear(openTimer);
      retryTimer = clear(retryTimer);
      idleTimer = clear(idleTimer);
      subs.clear();
      if (ws) drop(ws);
      ws = null;
    },
  };
}
