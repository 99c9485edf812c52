// Owns the camera sessions: one per (camera, effective stream), created on demand, dropped when idle.
import { EventEmitter } from 'node:events';
import { existsSync } from 'node:fs';
import type { Logger } from 'pino';
import { AppError } from '../errors.ts';
import { CameraSession } from './camera-session.ts';
import type { MediaSink } from './stream-consumers.ts';
import type { StreamInfo } from './stream-stats.ts';

export type { MediaSink };
import { preloadFfmpegCapabilities } from './ffmpeg-runner.ts';
import type { LlHlsPackager } from './ll-hls-packager.ts';
import { Transcodes, type TranscodeDiagnostics, type TranscodeStatusEvent } from './transcodes.ts';
import type { LiveStreamName, MediaOptions, SourceResolver, StreamName, StreamStatus, StreamStatusEvent } from './types.ts';

export type { TranscodeDiagnostics, TranscodeStatusEvent };

/** What the live router may use of a running stream. */
export interface LiveStream {
  readonly packager: LlHlsPackager;
  readonly status: StreamStatus;
  readonly lastError: string | null;
  /** keeps the stream alive while an HTTP request is in progress; call the result when it ends */
  hold(): () => void;
  waitReady(timeoutMs: number, signal?: AbortSignal): Promise<void>;
}

/** A live push viewer's hold on a stream. */
export interface LiveWatch {
  /** effective stream */
  stream: LiveStreamName;
  /** the camera stream whose pictures are sent (a transcode's input; else the effective stream) */
  source: StreamName;
  status: StreamStatus;
  lastError: string | null;
  release(): void;
}

export const DEMO_FONT_FILE = '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf';

export interface MediaService {
  on(event: 'status', listener: (e: StreamStatusEvent) => void): this;
  off(event: 'status', listener: (e: StreamStatusEvent) => void): this;
  emit(event: 'status', e: StreamStatusEvent): boolean;
  /** a transcode's status (kept apart: it is not a camera stream, and never moves the camera's own status) */
  on(event: 'transcode-status', listener: (e: TranscodeStatusEvent) => void): this;
  off(event: 'transcode-status', listener: (e: TranscodeStatusEvent) => void): this;
  emit(event: 'transcode-status', e: TranscodeStatusEvent): boolean;
}

export class MediaService extends EventEmitter {
  private readonly sessions = new Map<string, CameraSession>();
  /** sessions removed from the map whose ffmpeg has not exited yet */
  private readonly stopping = new Set<CameraSession>();
  private readonly capabilities: Promise<void>;
  private readonly fontFile: string | null;
  private readonly transcodes: Transcodes;
  private closed = false;

  constructor(
    private readonly opts: MediaOptions,
    private readonly resolve: SourceResolver,
    private readonly logger: Logger,
  ) {
    super();
    this.capabilities = preloadFfmpegCapabilities(opts.ffmpegPath);
    this.fontFile = existsSync(DEMO_FONT_FILE) ? DEMO_FONT_FILE : null;
    this.transcodes = new Transcodes({
      options: opts, logger, capabilities: this.capabilities,
      // the camera's smallest stream (`sub` is the main on a camera without one): the least to decode
      source: (cameraId) => this.effectiveStream(cameraId, 'sub'),
      watch: (cameraId, stream, consumer, sink) => this.watch(cameraId, stream, consumer, sink).release,
      onStatus: (e) => this.emit('transcode-status', e),
    });
  }

  /** how long a first viewer waits for a starting stream: the RTSP timeout plus ffmpeg start and a first GOP */
  get readyTimeoutMs(): number {
    return this.opts.connectTimeoutMs + 2000;
  }

  /**
   * The stream an HTTP viewer asks for: started if needed, and kept alive for idleTimeoutMs by this call.
   * `start: false` only touches a running stream (404 `stream-not-running` otherwise).
   */
  live(cameraId: string, stream: LiveStreamName, opts: { start?: boolean } = {}): LiveStream {
    const session = stream === 'transcode' ? this.transcode(cameraId, opts.start ?? true) : this.session(cameraId, stream, opts.start ?? true);
    session.touch();
    return session;
  }

  /**
   * A persistent consumer (the recorder): the stream runs until the returned function is called.
   * With a sink, it also receives the init segment (at once if known) and every fragment.
   */
  acquire(cameraId: string, stream: StreamName, consumer: string, sink?: MediaSink): () => void {
    return this.session(cameraId, stream, true).acquire(consumer, sink);
  }

  /**
   * A live push viewer: starts the stream and keeps it running while attached; the sink gets the init segment and
   * the frames since the last keyframe at once, then every fragment. After `release` the stream stops once nobody
   * has wanted it for idleTimeoutMs. Throws 404 `camera-not-found`.
   */
  watch(cameraId: string, stream: LiveStreamName, consumer: string, sink: MediaSink): LiveWatch {
    if (stream === 'transcode') {
      this.transcode(cameraId, true); // refused here when shutting down, the camera is unknown or no slot is free
      const t = this.transcodes.watch(cameraId, consumer, sink);
      return { stream, source: t.session.stream, status: t.session.status, lastError: t.session.lastError, release: t.release };
    }
    const session = this.session(cameraId, stream, true);
    const release = session.watch(consumer, sink);
    return { stream: session.stream, source: session.stream, status: session.status, lastError: session.lastError, release };
  }

  /** The effective stream (`sub` → `main` on a camera without one); undefined when the camera does not exist. */
  effectiveStream(cameraId: string, stream: StreamName): StreamName | undefined;
  effectiveStream(cameraId: string, stream: LiveStreamName): LiveStreamName | undefined;
  effectiveStream(cameraId: string, stream: LiveStreamName): LiveStreamName | undefined {
    if (stream === 'transcode') return this.resolve(cameraId, 'main') ? stream : undefined;
    return this.resolve(cameraId, stream)?.stream;
  }

  /** The H.264 transcodes running (server/media/transcodes.ts: status, viewers, what they send) and the limit. */
  transcodeDiagnostics(): { maxConcurrent: number; running: TranscodeDiagnostics[] } {
    return { maxConcurrent: this.transcodes.maxConcurrent, running: this.transcodes.diagnostics() };
  }

  /**
   * What a running stream is (codec, profile, size, fps, GOP, bitrate), read from its init segment and fragments;
   * null when the stream is not running (never starts it) or has sent no init segment yet.
   */
  streamInfo(cameraId: string, stream: LiveStreamName): StreamInfo | null {
    if (stream === 'transcode') return this.transcodes.info(cameraId);
    const effective = this.effectiveStream(cameraId, stream);
    if (!effective) return null;
    const s = this.sessions.get(`${cameraId}\u0000${effective}`);
    return s && !s.isStopped ? s.info : null;
  }

  streamStatuses(cameraId: string): StreamStatusEvent[] {
    return [...this.sessions.values()].filter((s) => s.cameraId === cameraId).map((s) => s.statusEvent());
  }

  /** Source changed or an admin asked: sessions with a persistent consumer restart now, others stop. */
  restartCamera(cameraId: string): void {
    for (const [key, s] of this.sessions) {
      if (s.cameraId !== cameraId) continue;
      const resolved = s.hasConsumers ? this.resolve(cameraId, s.stream) : undefined;
      if (resolved && resolved.stream === s.stream) {
        s.restart(resolved.input);
      } else {
        this.sessions.delete(key);
        this.retire(s, false);
      }
    }
  }

  /** The camera is gone: stop its sessions without status events. */
  removeCamera(cameraId: string): void {
    this.transcodes.removeCamera(cameraId);
    for (const [key, s] of this.sessions) {
      if (s.cameraId !== cameraId) continue;
      this.sessions.delete(key);
      this.retire(s, true);
    }
  }

  /** ffmpeg processes alive now (including ones being stopped) */
  sessionCount(): number {
    let n = 0;
    for (const s of this.sessions.values()) n += s.processCount;
    for (const s of this.stopping) n += s.processCount;
    return n + this.transcodes.processCount;
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const [key, s] of this.sessions) {
      this.sessions.delete(key);
      this.retire(s, false);
    }
    await Promise.all([...this.stopping].map((s) => s.stop()).concat(this.transcodes.close()));
  }

  private transcode(cameraId: string, start: boolean): CameraSession {
    if (this.closed) throw new AppError('media-closed', 'The media service is shutting down.');
    return this.transcodes.session(cameraId, start);
  }

  private session(cameraId: string, stream: StreamName, start: boolean): CameraSession {
    if (this.closed) throw new AppError('media-closed', 'The media service is shutting down.');
    const resolved = this.resolve(cameraId, stream);
    if (!resolved) throw new AppError('camera-not-found', 'No such camera.');
    const key = `${cameraId}\u0000${resolved.stream}`;
    const existing = this.sessions.get(key);
    if (existing && !existing.isStopped) return existing;
    if (!start) throw new AppError('stream-not-running', 'The stream is not running.');
    const session: CameraSession = new CameraSession({
      cameraId,
      stream: resolved.stream,
      input: resolved.input,
      options: this.opts,
      fontFile: this.fontFile,
      capabilities: this.capabilities,
      logger: this.logger.child({ cameraId, stream: resolved.stream }),
      onStatus: (e) => this.emit('status', e),
      onIdleStop: () => {
        if (this.sessions.get(key) === session) this.sessions.delete(key);
        this.retire(session, false);
      },
    });
    this.sessions.set(key, session);
    return session;
  }

  private retire(s: CameraSession, silent: boolean): void {
    this.stopping.add(s);
    void s.stop({ silent }).finally(() => this.stopping.delete(s));
  }
}
