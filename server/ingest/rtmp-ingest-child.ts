// The RTMP ingest, run as a child process of the hub (node-media-server keeps module-level state and cannot be
// stopped, so it lives and dies with this process). Only the RTMP server of node-media-server 4 is used: no HTTP,
// admin API, store, recording or relay. Publish auth is ours: a stream key is accepted only when its SHA-256 is
// in the set the hub sent; a key the hub revokes is cut at once. Only the hub's own ffmpeg may play (loopback +
// play token). stdout (node-media-server's log, which names stream keys) is discarded by the parent.
import { createHash, timingSafeEqual } from 'node:crypto';
import { createRequire } from 'node:module';
import net from 'node:net';
import { INGEST_CONFIG_ENV, type ChildMessage, type IngestChildConfig, type ParentMessage, type RefusalReason } from './ingest-protocol.ts';

interface NmsSession {
  id: string;
  ip: string;
  streamApp: string;
  streamName: string;
  streamQuery: Record<string, unknown>;
  socket: net.Socket;
  run(): void;
  onData(data: Buffer): void;
}

interface NmsContext {
  config: Record<string, unknown>;
  sessions: Map<string, unknown>;
  eventEmitter: import('node:events').EventEmitter;
}

const IDLE_TIMEOUT_MS = 30_000;
const MAX_CONNECTIONS = 256;

const require = createRequire(import.meta.url);
const nmsLogger = require('node-media-server/src/core/logger.js') as { level: string };
const Context = require('node-media-server/src/core/context.js') as NmsContext;
const RtmpSession = require('node-media-server/src/session/rtmp_session.js') as new (socket: net.Socket) => NmsSession;

const send = (m: ChildMessage) => process.send?.(m);
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

function sameText(a: unknown, b: string): boolean {
  if (typeof a !== 'string') return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** "127.0.0.1:5000", "::ffff:127.0.0.1:5000", "::1:5000" → loopback */
function isLoopback(ip: string): boolean {
  const addr = ip.replace(/:\d+$/, '');
  return addr.startsWith('127.') || addr.startsWith('::ffff:127.') || addr === '::1';
}

function start(config: IngestChildConfig) {
  nmsLogger.level = 'error';
  Context.config = {};
  let allowed = new Set<string>();
  /** live publishers we accepted: session id → key hash */
  const publishers = new Map<string, { session: NmsSession; hash: string }>();
  const refused = new WeakSet<NmsSession>();

  const refuse = (s: NmsSession, reason: RefusalReason) => {
    refused.add(s);
    s.socket.destroy();
    send({ type: 'refused', reason });
  };

  Context.eventEmitter.on('prePublish', (s: NmsSession) => {
    if (s.streamApp !== config.app) return refuse(s, 'bad-app');
    if (!allowed.has(sha256(s.streamName))) return refuse(s, 'unknown-key');
  });
  Context.eventEmitter.on('postPublish', (s: NmsSession) => {
    if (refused.has(s) || s.socket.destroyed) return;
    const hash = sha256(s.streamName);
    if ([...publishers.values()].some((p) => p.hash === hash)) return; // the broadcast refuses a second publisher
    publishers.set(s.id, { session: s, hash });
    send({ type: 'publish-start', hash });
    s.socket.once('close', () => {
      if (publishers.delete(s.id)) send({ type: 'publish-end', hash });
    });
  });
  Context.eventEmitter.on('prePlay', (s: NmsSession) => {
    if (s.streamApp !== config.app || !isLoopback(s.ip) || !sameText(s.streamQuery?.t, config.playToken)) {
      refuse(s, 'play-denied');
    }
  });

  const server = net.createServer((socket) => {
    socket.setTimeout(IDLE_TIMEOUT_MS, () => socket.destroy());
    socket.on('error', () => socket.destroy());
    const session = new RtmpSession(socket);
    session.run();
    // node-media-server throws on some malformed input (e.g. a bad tcUrl): cut that client, keep the others
    socket.removeListener('data', session.onData);
    socket.on('data', (data: Buffer) => {
      try {
        session.onData(data);
      } catch {
        socket.destroy();
      }
    });
    Context.sessions.set(session.id, session);
  });
  server.maxConnections = MAX_CONNECTIONS;
  server.on('error', (err: NodeJS.ErrnoException) => {
    send({ type: 'listen-error', code: err.code ?? 'ERROR', message: err.message });
    process.exitCode = 2;
    setTimeout(() => process.exit(2), 50);
  });
  server.listen(config.port, config.host, () => {
    send({ type: 'listening', port: (server.address() as net.AddressInfo).port });
  });

  return (hashes: string[], seq: number) => {
    allowed = new Set(hashes);
    let cut = 0;
    for (const [id, p] of publishers) {
      if (allowed.has(p.hash)) continue;
      publishers.delete(id);
      p.session.socket.destroy();
      send({ type: 'publish-end', hash: p.hash });
      cut++;
    }
    send({ type: 'keys-applied', seq, cut });
  };
}

// the configuration comes in the environment (readable only by this user), so it is there before any message
const config = JSON.parse(process.env[INGEST_CONFIG_ENV] ?? 'null') as IngestChildConfig | null;
if (!config) {
  process.stderr.write(`${INGEST_CONFIG_ENV} is missing\n`);
  process.exit(2);
}
delete process.env[INGEST_CONFIG_ENV];
const applyKeys = start(config);
process.on('message', (m: ParentMessage) => {
  if (m.type === 'keys') applyKeys(m.hashes, m.seq);
});
// the hub went away: so does the ingest
process.on('disconnect', () => process.exit(0));
