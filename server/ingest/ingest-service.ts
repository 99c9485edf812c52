// The hub's side of the RTMP ingest: starts the child (server/ingest/rtmp-ingest-child.ts) when the first RTMP
// camera needs it, keeps its set of valid stream keys current, restarts it if it dies, and tells the hub when a
// camera starts or stops pushing. The pushed stream is then pulled by an ordinary camera session (InputSpec
// kind 'rtmp') from 127.0.0.1, so it feeds the same stream hub as every other camera.
import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Logger } from 'pino';
import { AppError } from '../errors.ts';
import type { InputSpec } from '../media/types.ts';
import {
  INGEST_APP, INGEST_CONFIG_ENV, STREAM_NAME_RE, type ChildMessage, type IngestChildConfig, type ParentMessage,
} from './ingest-protocol.ts';

export interface IngestOptions {
  enabled: boolean;
  /** address the RTMP listener binds to */
  host: string;
  /** 0 = any free port (chosen once, kept across restarts of the child) */
  port: number;
  publicHost?: string;
  publicPort?: number;
  /** how long the child may take to listen; default 20 s */
  startTimeoutMs?: number;
}

const CHILD = fileURLToPath(new URL('./rtmp-ingest-child.ts', import.meta.url));
const TSX_LOADER = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
const RESTART_DELAYS_MS = [1000, 2000, 5000, 10_000, 30_000];

/** Key hashes in publish events; the hub maps them to cameras. */
export interface IngestEvents {
  'publish-start': [hash: string];
  'publish-end': [hash: string];
}

export class IngestService extends EventEmitter<IngestEvents> {
  /** what the hub's ffmpeg puts in its play path; stable for the life of the hub */
  private readonly playToken = randomBytes(24).toString('base64url');
  private child: ChildProcess | null = null;
  private portValue: number | null = null;
  private starting: Promise<void> | null = null;
  private readonly publishing = new Set<string>();
  private seq = 0;
  private readonly acks = new Map<number, () => void>();
  private restartTimer: NodeJS.Timeout | null = null;
  private restarts = 0;
  private closed = false;

  constructor(
    private readonly o: IngestOptions,
    /** SHA-256 (hex) of every valid stream key, read when the child starts or keys change */
    private readonly keyHashes: () => string[],
    private readonly logger: Logger,
  ) {
    super();
  }

  get enabled(): boolean {
    return this.o.enabled;
  }

  /** the port the ingest listens on, once it does */
  get port(): number | null {
    return this.child ? this.portValue : null;
  }

  isPublishing(hash: string | null): boolean {
    return hash !== null && this.publishing.has(hash);
  }

  /** `rtmp://<host>:<port>/live/` for publish URLs; `requestHost` is what the admin reached the hub at. */
  publishBase(requestHost: string): string {
    const host = this.o.publicHost ?? requestHost;
    const hostPart = host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
    return `rtmp://${hostPart}:${this.o.publicPort ?? this.portValue ?? this.o.port}/${INGEST_APP}/`;
  }

  /** What a camera session pulls for a pushed camera (port 0 while the ingest is down: the session retries). */
  pullInput(streamKey: string): InputSpec {
    return { kind: 'rtmp', port: this.port ?? 0, streamName: streamKey, playToken: this.playToken };
  }

  /** Starts the child if it is not running; resolves once it listens with the current keys. */
  ensureRunning(): Promise<void> {
    if (!this.o.enabled) {
      return Promise.reject(new AppError('ingest-disabled', 'RTMP push is turned off on this hub (ingest.enabled).'));
    }
    if (this.closed) return Promise.reject(new AppError('ingest-unavailable', 'The hub is shutting down.'));
    if (this.child && !this.starting) return Promise.resolve();
    this.starting ??= this.spawn().finally(() => (this.starting = null));
    return this.starting;
  }

  /** Sends the current key set; resolves when the child applied it (publishers of removed keys are cut). */
  async syncKeys(): Promise<void> {
    if (!this.child || !this.child.connected) return;
    const seq = ++this.seq;
    const applied = new Promise<void>((resolve) => {
      this.acks.set(seq, resolve);
      setTimeout(() => {
        if (this.acks.delete(seq)) resolve();
      }, 5000).unref();
    });
    this.post({ type: 'keys', seq, hashes: this.keyHashes() });
    await applied;
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.restartTimer) clearTimeout(this.restartTimer);
    const child = this.child;
    this.child = null;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    const force = setTimeout(() => child.kill('SIGKILL'), 3000);
    await exited;
    clearTimeout(force);
  }

  private post(m: ParentMessage): void {
    this.child?.send(m, (err) => {
      if (err) this.logger.debug({ err: err.message }, 'ingest: message not delivered');
    });
  }

  private spawn(): Promise<void> {
    const config: IngestChildConfig = {
      host: this.o.host, port: this.portValue ?? this.o.port, playToken: this.playToken, app: INGEST_APP,
    };
    const child = fork(CHILD, [], {
      execArgv: ['--import', TSX_LOADER],
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      serialization: 'json',
      env: { PATH: process.env.PATH ?? '', NODE_ENV: process.env.NODE_ENV ?? '', [INGEST_CONFIG_ENV]: JSON.stringify(config) },
    });
    this.child = child;
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));

    const listening = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => fail('the RTMP ingest did not start in time'), this.o.startTimeoutMs ?? 20_000);
      const fail = (why: string) => {
        clearTimeout(timer);
        reject(new AppError('ingest-unavailable', `RTMP push is not available: ${why}.`));
        if (child.exitCode === null) child.kill('SIGKILL');
      };
      child.on('message', (m: ChildMessage) => {
        if (m.type === 'listening') {
          clearTimeout(timer);
          this.portValue = m.port;
          resolve();
        } else if (m.type === 'listen-error') {
          fail(m.code === 'EADDRINUSE'
            ? `port ${this.o.port} on ${this.o.host} is already in use`
            : `the RTMP listener failed (${m.code})`);
        } else {
          this.onChildMessage(m);
        }
      });
      child.once('exit', (code, signal) => {
        fail(`the RTMP ingest exited (${code ?? signal})`);
        this.onExit(child, code, signal, stderr);
      });
    });
    return listening.then(async () => {
      this.restarts = 0;
      await this.syncKeys();
      this.logger.info({ host: this.o.host, port: this.portValue }, 'RTMP ingest listening');
    });
  }

  private onChildMessage(m: ChildMessage): void {
    switch (m.type) {
      case 'keys-applied':
        this.acks.get(m.seq)?.();
        this.acks.delete(m.seq);
        if (m.cut) this.logger.info({ cut: m.cut }, 'ingest: publishers with a revoked key were cut');
        break;
      case 'publish-start':
        this.publishing.add(m.hash);
        this.emit('publish-start', m.hash);
        break;
      case 'publish-end':
        if (this.publishing.delete(m.hash)) this.emit('publish-end', m.hash);
        break;
      case 'refused':
        this.logger.info({ reason: m.reason }, 'ingest: RTMP client refused');
        break;
    }
  }

  private onExit(child: ChildProcess, code: number | null, signal: NodeJS.Signals | null, stderr: string): void {
    if (this.child !== child) return;
    this.child = null;
    for (const [seq, ack] of this.acks) {
      this.acks.delete(seq);
      ack();
    }
    for (const hash of [...this.publishing]) {
      this.publishing.delete(hash);
      this.emit('publish-end', hash);
    }
    if (this.closed) return;
    const tail = stderr.replace(/\/live\/[^\s'"]+/g, '/live/***').split('\n').filter(Boolean).slice(-3).join(' | ');
    this.logger.warn({ code, signal, stderr: tail || undefined }, 'RTMP ingest stopped; restarting');
    const delay = RESTART_DELAYS_MS[Math.min(this.restarts++, RESTART_DELAYS_MS.length - 1)]!;
    this.restartTimer = setTimeout(() => {
      this.restartTimer = null;
      if (!this.closed && !this.child) this.ensureRunning().catch((e: Error) => this.logger.warn({ err: e.message }, 'RTMP ingest restart failed'));
    }, delay);
    this.restartTimer.unref();
  }
}

export function isStreamKey(s: string): boolean {
  return STREAM_NAME_RE.test(s);
}
