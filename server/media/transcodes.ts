// The bounded H.264 transcodes: for a browser that cannot decode a camera's codec (H.265 in most desktop browsers)
// when the camera has no H.264 stream. One per camera at most, `limits.maxConcurrent` at once. A transcode is a
// CameraSession (status, watchdog, backoff, idle stop, LL-HLS packager, GOP cache, push viewers: all as for a
// camera stream) whose ffmpeg reads the hub's own fMP4 of the camera's copy session on stdin: the camera keeps
// ONE session, and the recorder keeps recording what the camera sends.
import type { Logger } from 'pino';
import { AppError } from '../errors.ts';
import { CameraSession } from './camera-session.ts';
import type { MediaSink } from './stream-consumers.ts';
import type { StreamInfo } from './stream-stats.ts';
import { createTranscodeFeed } from './transcode-feed.ts';
import type { MediaOptions, StreamName, StreamStatus, StreamStatusEvent } from './types.ts';

/** the live stream name of a camera's transcode (`LiveStreamName` in server/contracts.ts) */
export const TRANSCODE_STREAM = 'transcode';

export type TranscodeStatusEvent = Omit<StreamStatusEvent, 'stream'> & { stream: typeof TRANSCODE_STREAM };

/** One running transcode, for the diagnostics (`GET /api/diagnostics/live`, the camera's health). */
export interface TranscodeDiagnostics {
  cameraId: string;
  /** the camera stream it reads (its copy session) */
  source: StreamName;
  status: StreamStatus;
  lastError: string | null;
  /** push subscriptions on it now (LL-HLS viewers are not counted: they are requests, not subscriptions) */
  viewers: number;
  startedAt: string;
  /** what it sends: codec string, size, fps… (null before its first init segment) */
  info: StreamInfo | null;
  /** source fragments not fed because ffmpeg fell behind (skipped to the next keyframe) */
  fragmentsSkipped: number;
}

export interface TranscodeDeps {
  options: MediaOptions;
  logger: Logger;
  /** settles when fluent-ffmpeg's capability probe is done */
  capabilities: Promise<void>;
  /** the camera stream to transcode; undefined when the camera does not exist */
  source(cameraId: string): StreamName | undefined;
  /** a sink on that stream's copy session (MediaService.watch): init and current GOP at once, then every fragment */
  watch(cameraId: string, stream: StreamName, consumer: string, sink: MediaSink): () => void;
  onStatus(e: TranscodeStatusEvent): void;
}

interface Entry {
  session: CameraSession;
  source: StreamName;
  viewers: number;
  startedAt: string;
  skipped: number;
}

export class Transcodes {
  private readonly running = new Map<string, Entry>();
  /** sessions dropped from the map whose ffmpeg has not exited yet */
  private readonly stopping = new Set<CameraSession>();

  constructor(private readonly d: TranscodeDeps) {}

  /** at most this many at once; 0 = off */
  get maxConcurrent(): number {
    return this.d.options.transcode?.maxConcurrent ?? 0;
  }

  /**
   * The camera's transcode, started when `start` and a slot is free. Throws 404 `camera-not-found`,
   * 503 `transcode-disabled` (limit 0), 503 `transcode-busy` (every slot taken), 404 `stream-not-running`.
   */
  session(cameraId: string, start: boolean): CameraSession {
    const existing = this.running.get(cameraId);
    if (existing && !existing.session.isStopped) return existing.session;
    const source = this.d.source(cameraId);
    if (!source) throw new AppError('camera-not-found', 'No such camera.');
    if (!start) throw new AppError('stream-not-running', 'The stream is not running.');
    const limits = this.d.options.transcode;
    if (!limits || limits.maxConcurrent <= 0) throw new AppError('transcode-disabled', 'Transcoding is turned off on this hub.');
    if (this.running.size >= limits.maxConcurrent) {
      throw new AppError('transcode-busy', `All ${limits.maxConcurrent} transcodes of this hub are in use (media.transcode.maxConcurrent).`);
    }
    const entry: Entry = { session: null!, source, viewers: 0, startedAt: new Date().toISOString(), skipped: 0 };
    const logger = this.d.logger.child({ cameraId, stream: TRANSCODE_STREAM, source });
    const session: CameraSession = new CameraSession({
      cameraId,
      stream: source,
      input: { kind: 'transcode', maxWidth: limits.maxWidth, maxHeight: limits.maxHeight },
      options: this.d.options,
      fontFile: null,
      capabilities: this.d.capabilities,
      logger,
      onStatus: (e) => this.d.onStatus({ ...e, stream: TRANSCODE_STREAM }),
      onIdleStop: () => {
        if (this.running.get(cameraId) === entry) this.running.delete(cameraId);
        this.retire(session, false);
      },
      feed: (fail) => createTranscodeFeed({
        fail,
        onSkip: () => entry.skipped++,
        // watch on the camera's copy session: the init segment and the cached GOP at once, then every fragment
        attach: (sink) => this.d.watch(cameraId, entry.source, `transcode:${cameraId}`, sink),
      }),
    });
    entry.session = session;
    this.running.set(cameraId, entry);
    logger.info({ running: this.running.size, maxConcurrent: limits.maxConcurrent }, 'transcode started');
    return session;
  }

  /** A push viewer of the camera's transcode (counted for the diagnostics); `release` when it leaves. */
  watch(cameraId: string, consumer: string, sink: MediaSink): { session: CameraSession; release: () => void } {
    const session = this.session(cameraId, true);
    const entry = this.running.get(cameraId)!;
    const release = session.watch(consumer, sink);
    entry.viewers++;
    let released = false;
    return {
      session,
      release: () => {
        if (released) return;
        released = true;
        entry.viewers--;
        release();
      },
    };
  }

  info(cameraId: string): StreamInfo | null {
    const e = this.running.get(cameraId);
    return e && !e.session.isStopped ? e.session.info : null;
  }

  diagnostics(): TranscodeDiagnostics[] {
    return [...this.running.entries()].map(([cameraId, e]) => ({
      cameraId, source: e.source, status: e.session.status, lastError: e.session.lastError, viewers: e.viewers,
      startedAt: e.startedAt, info: e.session.info, fragmentsSkipped: e.skipped,
    }));
  }

  /** ffmpeg processes alive now (including ones being stopped) */
  get processCount(): number {
    let n = 0;
    for (const e of this.running.values()) n += e.session.processCount;
    for (const s of this.stopping) n += s.processCount;
    return n;
  }

  /** The camera is gone: its transcode stops without status events. */
  removeCamera(cameraId: string): void {
    const e = this.running.get(cameraId);
    if (!e) return;
    this.running.delete(cameraId);
    this.retire(e.session, true);
  }

  async close(): Promise<void> {
    for (const cameraId of [...this.running.keys()]) this.removeCamera(cameraId);
    await Promise.all([...this.stopping].map((s) => s.stop()));
  }

  private retire(s: CameraSession, silent: boolean): void {
    this.stopping.add(s);
    void s.stop({ silent }).finally(() => this.stopping.delete(s));
  }
}
