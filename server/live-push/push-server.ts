// The live push transport's hub side: `ws` (noServer) on the hub's own HTTP server at LIVE_WS_PATH.
// Handshake: push enabled (else 503), a session cookie (else 401), an Origin naming this hub (else 403).
// Each socket is a PushConnection; sessions and permissions are re-checked every few seconds, and logout,
// disabled users and deleted cameras end sockets and subscriptions at once.
import { STATUS_CODES, type IncomingMessage, type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Logger } from 'pino';
import { WebSocketServer, type WebSocket } from 'ws';
import type { AuthedSession, AuthService } from '../auth/auth-service.ts';
import type { ErrorCode } from '../contracts.ts';
import { readCookie, SESSION_COOKIE } from '../http/cookies.ts';
import { httpStatusOf } from '../http/error-status.ts';
import { crossSiteReason, originIsOurs } from '../http/same-origin.ts';
import type { MediaService } from '../media/media-service.ts';
import type { TranscodeDiagnostics, TranscodeStatusEvent } from '../media/media-service.ts';
import type { StreamName, StreamStatusEvent } from '../media/types.ts';
import { PushConnection } from './push-connection.ts';
import { CLOSE_SESSION_ENDED, LIVE_WS_PATH } from './wire.ts';

export interface LivePushOptions {
  enabled: boolean;
  viewerQueueBytes: number;
  resumeBelowBytes: number;
  maxSubscriptions: number;
  pingIntervalMs: number;
  sessionCheckMs: number;
}

export interface LivePushDeps {
  auth: Pick<AuthService, 'authenticate'>;
  /** the permission `/live` checks (CameraService.assertViewable) */
  assertViewable(cameraId: string, user: AuthedSession['user']): void;
  media: MediaService;
  logger: Logger;
  /** the client address of an upgrade request, as the hub's trustProxy setting sees it */
  clientIp?(req: IncomingMessage): string | null;
  /** a subscription started sending (the access log); the returned function is called once when it ends */
  onViewStart?(v: LiveViewStart): () => void;
}

export interface LiveViewStart {
  user: AuthedSession['user'];
  cameraId: string;
  /** the effective stream sent */
  stream: StreamName;
  ip: string | null;
}

/** GET /api/diagnostics/live */
export interface LivePushDiagnostics {
  enabled: boolean;
  connections: number;
  subscriptions: number;
  /** bytes waiting on all live sockets now, and on the fullest one */
  queuedBytes: number;
  maxViewerQueuedBytes: number;
  /** since the hub started, including sockets that are gone */
  fragmentsSent: number;
  fragmentsDropped: number;
  skipEpisodes: number;
  limits: { viewerQueueBytes: number; resumeBelowBytes: number; maxSubscriptions: number };
  /** the hub process's memory (process.memoryUsage) */
  memory: { rssBytes: number; heapUsedBytes: number };
  /** current subscriptions by camera stream; counts are those of the current subscriptions */
  streams: { cameraId: string; stream: string; subscribers: number; fragmentsSent: number; fragmentsDropped: number }[];
  viewers: {
    id: number; user: string; connectedAt: string; subscriptions: number; queuedBytes: number;
    fragmentsSent: number; fragmentsDropped: number; skipEpisodes: number;
  }[];
  /** the H.264 transcodes running now (server/media/transcodes.ts) and how many may run at once (0 = off) */
  transcodes: { maxConcurrent: number; running: TranscodeDiagnostics[] };
}

/** Client messages are tiny JSON objects. */
const MAX_PAYLOAD_BYTES = 4096;

export class LivePushServer {
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: MAX_PAYLOAD_BYTES, perMessageDeflate: false });
  private readonly connections = new Set<PushConnection>();
  private readonly closedTotals = { sent: 0, dropped: 0, episodes: 0 };
  private nextId = 1;
  private readonly timers: NodeJS.Timeout[] = [];
  private closing = false;
  private readonly onStatus = (e: StreamStatusEvent | TranscodeStatusEvent) => {
    for (const c of this.connections) c.status(e);
  };

  constructor(
    private readonly o: LivePushOptions,
    private readonly d: LivePushDeps,
  ) {
    d.media.on('status', this.onStatus).on('transcode-status', this.onStatus);
    this.timers.push(setInterval(() => this.heartbeat(), o.pingIntervalMs), setInterval(() => this.recheck(), o.sessionCheckMs));
    for (const t of this.timers) t.unref();
  }

  /**
   * Listens for upgrades to LIVE_WS_PATH on the hub's server. Other paths are left alone: socket.io's engine
   * takes /socket.io/ and ends every other upgrade that nothing answered (its `destroyUpgrade`), and it does not
   * touch ours because we answer at once (it only ends sockets nothing was written to).
   */
  attach(server: Server): void {
    server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
      if ((req.url ?? '').split('?')[0] !== LIVE_WS_PATH) return;
      this.upgrade(req, socket, head);
    });
  }

  /** Logout: the session's sockets close with CLOSE_SESSION_ENDED. */
  closeSession(sessionId: string): void {
    for (const c of [...this.connections]) {
      if (c.session.sessionId === sessionId) c.close(CLOSE_SESSION_ENDED, 'session ended');
    }
  }

  /** A user disabled, or their role or password changed: every socket of theirs but `keepSessionId`'s closes. */
  closeUser(userId: number, keepSessionId?: string): void {
    for (const c of [...this.connections]) {
      if (c.session.user.id === userId && c.session.sessionId !== keepSessionId) c.close(CLOSE_SESSION_ENDED, 'session ended');
    }
  }

  /** The camera is gone: its subscriptions end with an error message. */
  cameraRemoved(cameraId: string): void {
    for (const c of this.connections) c.endCamera(cameraId, 'camera-deleted', 'The camera was removed.');
  }

  /**
   * Who may watch a camera may have changed (an owner's consent, an approval, an area): every subscription is
   * checked again now, not at the next periodic check, so a withdrawn consent ends the views at once.
   */
  permissionsChanged(): void {
    for (const c of this.connections) c.recheck();
  }

  /** The camera's source changed: subscriptions follow a change of effective stream (sub-stream added or removed). */
  cameraChanged(cameraId: string): void {
    for (const c of this.connections) c.cameraChanged(cameraId);
  }

  diagnostics(): LivePushDiagnostics {
    const streams = new Map<string, LivePushDiagnostics['streams'][number]>();
    const viewers: LivePushDiagnostics['viewers'] = [];
    let totals = { ...this.closedTotals };
    let queued = 0;
    let maxQueued = 0;
    for (const c of this.connections) {
      const s = c.stats;
      totals = { sent: totals.sent + s.sent, dropped: totals.dropped + s.dropped, episodes: totals.episodes + s.episodes };
      const q = c.queuedBytes;
      queued += q;
      maxQueued = Math.max(maxQueued, q);
      viewers.push({
        id: c.id, user: c.session.user.username, connectedAt: c.connectedAt, subscriptions: c.channels.size, queuedBytes: q,
        fragmentsSent: s.sent, fragmentsDropped: s.dropped, skipEpisodes: s.episodes,
      });
      for (const ch of c.channels.values()) {
        const key = `${ch.cameraId}\u0000${ch.stream}`;
        const row = streams.get(key) ?? { cameraId: ch.cameraId, stream: ch.stream, subscribers: 0, fragmentsSent: 0, fragmentsDropped: 0 };
        row.subscribers++;
        row.fragmentsSent += ch.pacer.sent;
        row.fragmentsDropped += ch.pacer.dropped;
        streams.set(key, row);
      }
    }
    const mem = process.memoryUsage();
    return {
      enabled: this.o.enabled,
      connections: this.connections.size,
      subscriptions: viewers.reduce((n, v) => n + v.subscriptions, 0),
      queuedBytes: queued,
      maxViewerQueuedBytes: maxQueued,
      fragmentsSent: totals.sent,
      fragmentsDropped: totals.dropped,
      skipEpisodes: totals.episodes,
      limits: {
        viewerQueueBytes: this.o.viewerQueueBytes, resumeBelowBytes: this.o.resumeBelowBytes, maxSubscriptions: this.o.maxSubscriptions,
      },
      memory: { rssBytes: mem.rss, heapUsedBytes: mem.heapUsed },
      streams: [...streams.values()],
      viewers,
      transcodes: this.d.media.transcodeDiagnostics(),
    };
  }

  /** Shutdown: every socket closes (1001 going away), no new one is accepted. */
  close(): void {
    this.closing = true;
    for (const t of this.timers) clearInterval(t);
    this.d.media.off('status', this.onStatus).off('transcode-status', this.onStatus);
    for (const c of [...this.connections]) c.close(1001, 'hub shutting down');
    this.wss.close();
  }

  private upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    socket.on('error', () => {}); // a client gone mid-handshake is not our error
    if (!this.o.enabled || this.closing) {
      return refuse(socket, 'live-push-disabled', 'Live video over WebSocket is turned off on this hub: use LL-HLS.');
    }
    const token = readCookie(req.headers.cookie, SESSION_COOKIE);
    const session = this.d.auth.authenticate(token);
    if (!session || !token) return refuse(socket, 'unauthenticated', 'Please log in.');
    if (!originIsOurs(req) || crossSiteReason(req, { stateChanging: true })) return refuse(socket, 'cross-origin', 'The page that opened this socket is not from this hub.');
    this.wss.handleUpgrade(req, socket, head, (ws: WebSocket) => {
      if (this.closing) return ws.close(1001, 'hub shutting down');
      const conn: PushConnection = new PushConnection(this.nextId++, ws, session, token, {
        media: this.d.media,
        assertViewable: this.d.assertViewable,
        limits: { highWaterBytes: this.o.viewerQueueBytes, lowWaterBytes: this.o.resumeBelowBytes },
        maxSubscriptions: this.o.maxSubscriptions,
        ip: this.d.clientIp?.(req) ?? req.socket.remoteAddress ?? null,
        onViewStart: this.d.onViewStart,
        logger: this.d.logger.child({ module: 'live-push', conn: this.nextId - 1 }),
        onClosed: (c) => {
          if (!this.connections.delete(c)) return;
          const s = c.stats;
          this.closedTotals.sent += s.sent;
          this.closedTotals.dropped += s.dropped;
          this.closedTotals.episodes += s.episodes;
        },
      });
      this.connections.add(conn);
    });
  }

  /** Dead sockets (no pong since the last ping) are dropped; the others are pinged. */
  private heartbeat(): void {
    for (const c of [...this.connections]) {
      if (!c.alive) {
        c.terminate();
        continue;
      }
      c.alive = false;
      c.ping();
    }
  }

  /** An expired or revoked session closes its socket; a permission withdrawn ends that subscription. */
  private recheck(): void {
    for (const c of [...this.connections]) {
      const session = this.d.auth.authenticate(c.token);
      if (!session || session.sessionId !== c.session.sessionId) {
        c.close(CLOSE_SESSION_ENDED, 'session ended');
        continue;
      }
      c.session = session;
      c.recheck();
    }
  }
}

function refuse(socket: Duplex, code: ErrorCode, message: string): void {
  const status = httpStatusOf(code);
  const body = JSON.stringify({ error: { code, message } });
  socket.end([
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}`,
    'Connection: close',
    'Content-Type: application/json; charset=utf-8',
    `Content-Length: ${Buffer.byteLength(body)}`,
    '', body,
  ].join('\r\n'));
}
