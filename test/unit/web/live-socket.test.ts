// The browser's push socket (web/src/player/live-socket.ts) against a real WebSocket server on 127.0.0.1 that
// speaks the wire format (server/live-push/wire.ts). The browser's WebSocket is the Node `ws` client here
// (same API: onopen/onmessage/onclose, binaryType 'arraybuffer').
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket as NodeWebSocket, WebSocketServer } from 'ws';
import {
  CLOSE_SESSION_ENDED,
  encodeFrameHeader,
  FRAME_FRAGMENT,
  FRAME_HEADER_BYTES,
  FRAME_INIT,
  FLAG_KEYFRAME,
  type LiveClientMessage,
} from '../../../server/live-push/wire.ts';
import { createLiveSocket, liveSocketUrl, nextChannel, type LiveChannelHandler, type LiveSocket } from '../../../web/src/player/live-socket.ts';

interface Recorder extends LiveChannelHandler {
  events: string[];
}

function recorder(): Recorder {
  const events: string[] = [];
  return {
    events,
    init: (codec, stream) => events.push(`init ${codec} ${stream}`),
    frame: (h, p) => events.push(`frame ${h.kind} ${h.flags} ${h.wallMs} ${[...p].join(',')}`),
    status: (s, e) => events.push(`status ${s} ${e}`),
    skip: (n) => events.push(`skip ${n}`),
    error: (code) => events.push(`error ${code}`),
    unavailable: () => events.push('unavailable'),
  };
}

function frame(kind: number, ch: number, flags: number, wallMs: number, payload: number[]): Buffer {
  const out = new Uint8Array(FRAME_HEADER_BYTES + payload.length);
  encodeFrameHeader({ kind, channel: ch, flags, wallMs }, out);
  out.set(payload, FRAME_HEADER_BYTES);
  return Buffer.from(out);
}

async function until(check: () => boolean, what: string, limitMs = 5000): Promise<void> {
  const deadline = Date.now() + limitMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** A hub stand-in: accepts or refuses upgrades, records what clients send. */
async function startServer(opts: { refuse?: number } = {}) {
  const server = http.createServer();
  const wss = new WebSocketServer({ noServer: true });
  const received: LiveClientMessage[] = [];
  const clients: NodeWebSocket[] = [];
  let connections = 0;
  let refuse = opts.refuse ?? 0;
  server.on('upgrade', (req, socket, head) => {
    if (refuse) {
      socket.end(`HTTP/1.1 ${refuse} Refused\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      connections++;
      clients.push(ws);
      ws.on('message', (data) => received.push(JSON.parse(String(data)) as LiveClientMessage));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `ws://127.0.0.1:${port}/ws/live`,
    received,
    clients,
    connections: () => connections,
    setRefuse: (code: number) => (refuse = code),
    last: () => clients[clients.length - 1]!,
    async close() {
      for (const c of clients) c.terminate();
      wss.close();
      await new Promise((r) => server.close(r));
    },
  };
}

const nodeSocket = (url: string) => new NodeWebSocket(url) as unknown as WebSocket;

describe('nextChannel', () => {
  it('counts up from the last one, skips channels in use, wraps after 65535 and says when all are taken', () => {
    expect(nextChannel(0, () => false)).toBe(1);
    expect(nextChannel(7, () => false)).toBe(8);
    const used = new Set([8, 9]);
    expect(nextChannel(7, (c) => used.has(c))).toBe(10);
    expect(nextChannel(65535, () => false)).toBe(1);
    expect(nextChannel(65534, (c) => c === 65535)).toBe(1);
    expect(nextChannel(3, () => true)).toBeNull();
  });

  it('builds ws: or wss: from the page address', () => {
    expect(liveSocketUrl({ protocol: 'http:', host: '127.0.0.1:8080' })).toBe('ws://127.0.0.1:8080/ws/live');
    expect(liveSocketUrl({ protocol: 'https:', host: 'hub.xa.vn' })).toBe('wss://hub.xa.vn/ws/live');
  });
});

describe('LiveSocket', () => {
  let server: Awaited<ReturnType<typeof startServer>> | null = null;
  let live: LiveSocket | null = null;
  afterEach(async () => {
    live?.close();
    live = null;
    await server?.close();
    server = null;
  });

  it('opens one socket on the first subscription, multiplexes channels and routes each frame to its handler', async () => {
    server = await startServer();
    let ended = 0;
    live = createLiveSocket({ url: server.url, createSocket: nodeSocket, onSessionEnded: () => ended++ });
    expect(live.state()).toBe('idle');
    const a = recorder();
    const b = recorder();
    const subA = live.subscribe('cam-a', 'sub', a);
    const subB = live.subscribe('cam-b', 'main', b);
    expect(subA.channel).not.toBe(subB.channel);
    await until(() => server!.received.length === 2, 'two subscriptions');
    expect(server.connections()).toBe(1);
    expect(server.received).toEqual([
      { op: 'sub', ch: subA.channel, cameraId: 'cam-a', stream: 'sub' },
      { op: 'sub', ch: subB.channel, cameraId: 'cam-b', stream: 'main' },
    ]);

    const hub = server.last();
    hub.send(JSON.stringify({ op: 'init', ch: subB.channel, cameraId: 'cam-b', stream: 'main', codec: 'avc1.64001f' }));
    hub.send(frame(FRAME_INIT, subB.channel, 0, 0, [1, 2, 3]));
    hub.send(frame(FRAME_FRAGMENT, subA.channel, FLAG_KEYFRAME, 1700000000123.5, [9]));
    hub.send(JSON.stringify({ op: 'skip', ch: subA.channel, dropped: 4 }));
    hub.send(JSON.stringify({ op: 'status', ch: subA.channel, status: 'offline', lastError: 'RTSP 401' }));
    hub.send(frame(FRAME_FRAGMENT, 999, 0, 1, [7])); // nobody's channel: ignored
    hub.send('not json'); // ignored
    await until(() => a.events.length === 3 && b.events.length === 2, 'frames');
    expect(b.events).toEqual(['init avc1.64001f main', `frame ${FRAME_INIT} 0 0 1,2,3`]);
    expect(a.events).toEqual([`frame ${FRAME_FRAGMENT} ${FLAG_KEYFRAME} 1700000000123.5 9`, 'skip 4', 'status offline RTSP 401']);

    subA.close();
    subA.close(); // twice is harmless
    await until(() => server!.received.length === 3, 'unsub');
    expect(server.received[2]).toEqual({ op: 'unsub', ch: subA.channel });
    hub.send(frame(FRAME_FRAGMENT, subA.channel, 0, 2, [5])); // in flight after unsub: dropped
    hub.send(JSON.stringify({ op: 'error', ch: subB.channel, code: 'forbidden', message: 'no' }));
    await until(() => b.events.length === 3, 'error');
    expect(b.events[2]).toBe('error forbidden');
    expect(a.events.length).toBe(3);
    expect(ended).toBe(0);
  });

  it('reconnects after a drop and subscribes every open channel again, on the same channel numbers', async () => {
    server = await startServer();
    live = createLiveSocket({ url: server.url, createSocket: nodeSocket, onSessionEnded: () => undefined });
    const a = live.subscribe('cam-a', 'sub', recorder());
    const b = live.subscribe('cam-b', 'sub', recorder());
    await until(() => server!.received.length === 2, 'subscriptions');
    server.last().terminate(); // the hub restarted, the network blinked
    await until(() => server!.connections() === 2 && server!.received.length === 4, 'resubscription');
    expect(server.received.slice(2)).toEqual([
      { op: 'sub', ch: a.channel, cameraId: 'cam-a', stream: 'sub' },
      { op: 'sub', ch: b.channel, cameraId: 'cam-b', stream: 'sub' },
    ]);
    expect(live.state()).toBe('open');
  });

  it('tells every subscriber when the socket cannot open (the hub refuses the upgrade), and later ones at once', async () => {
    server = await startServer({ refuse: 503 });
    live = createLiveSocket({ url: server.url, createSocket: nodeSocket, onSessionEnded: () => undefined });
    const a = recorder();
    const b = recorder();
    live.subscribe('cam-a', 'sub', a);
    live.subscribe('cam-b', 'sub', b);
    await until(() => a.events.length === 1 && b.events.length === 1, 'unavailable');
    expect(a.events).toEqual(['unavailable']);
    expect(b.events).toEqual(['unavailable']);
    expect(live.state()).toBe('unavailable');
    const c = recorder();
    live.subscribe('cam-c', 'sub', c);
    await until(() => c.events.length === 1, 'unavailable for a later subscriber');
    expect(c.events).toEqual(['unavailable']);
  });

  it('tries again after the unavailable period', async () => {
    server = await startServer({ refuse: 401 });
    live = createLiveSocket({ url: server.url, createSocket: nodeSocket, onSessionEnded: () => undefined, unavailableForMs: 0 });
    const a = recorder();
    live.subscribe('cam-a', 'sub', a);
    await until(() => a.events.length === 1, 'unavailable');
    server.setRefuse(0);
    live.subscribe('cam-a', 'sub', recorder());
    await until(() => server!.received.length === 1, 'a subscription on a new socket');
    expect(live.state()).toBe('open');
  });

  it('counts a socket that does not open in time as unavailable', async () => {
    // a TCP server that accepts and never answers the upgrade
    const silent = http.createServer();
    const held: import('node:stream').Duplex[] = [];
    silent.on('upgrade', (_req, socket) => held.push(socket));
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const { port } = silent.address() as AddressInfo;
    try {
      live = createLiveSocket({ url: `ws://127.0.0.1:${port}/ws/live`, createSocket: nodeSocket, onSessionEnded: () => undefined, openTimeoutMs: 300 });
      const a = recorder();
      live.subscribe('cam-a', 'sub', a);
      await until(() => a.events.length === 1, 'unavailable after the open timeout');
      expect(a.events).toEqual(['unavailable']);
    } finally {
      for (const s of held) s.destroy();
      await new Promise((r) => silent.close(r));
    }
  });

  it('close code 4001 ends the session and does not reconnect', async () => {
    server = await startServer();
    let ended = 0;
    live = createLiveSocket({ url: server.url, createSocket: nodeSocket, onSessionEnded: () => ended++ });
    live.subscribe('cam-a', 'sub', recorder());
    await until(() => server!.received.length === 1, 'subscription');
    server.last().close(CLOSE_SESSION_ENDED, 'session ended');
    await until(() => ended === 1, 'session end');
    expect(live.state()).toBe('closed');
    await new Promise((r) => setTimeout(r, 700)); // longer than the first reconnect delay
    expect(server.connections()).toBe(1);
  });

  it('closes an idle socket once nothing is subscribed, and opens again on demand', async () => {
    server = await startServer();
    live = createLiveSocket({ url: server.url, createSocket: nodeSocket, onSessionEnded: () => undefined, idleCloseMs: 50 });
    const a = live.subscribe('cam-a', 'sub', recorder());
    await until(() => server!.received.length === 1, 'subscription');
    a.close();
    await until(() => live!.state() === 'idle', 'idle close');
    await until(() => server!.last().readyState === NodeWebSocket.CLOSED, 'closed at the hub');
    live.subscribe('cam-b', 'sub', recorder());
    await until(() => server!.connections() === 2 && server!.received.length === 3, 'a new socket');
    expect(server.received[2]).toMatchObject({ op: 'sub', cameraId: 'cam-b' });
  });
});
