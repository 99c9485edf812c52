// One camera stream: one ffmpeg at a time → box reader → LL-HLS packager; status, watchdog, backoff, consumers.
// Every process gets a generation number; events from an older generation are ignored, so a stale process
// can never overwrite the state of the live one.
import type { Logger } from 'pino';
import type { Duplex } from 'node:stream';
import { AppError } from '../errors.ts';
import { Backoff } from './backoff.ts';
import { describeExit, silenceReason, unreadableReason } from './exit-reason.ts';
import { buildSessionArgs, type FfmpegArgs } from './ffmpeg-args.ts';
import { FfmpegProcess, type FfmpegExit } from './ffmpeg-runner.ts';
import { LlHlsPackager } from './ll-hls-packager.ts';
import { SessionAudio } from './session-audio.ts';
import { Mp4BoxReader } from './mp4-box-reader.ts';
import { StreamConsumers, type MediaSink } from './stream-consumers.ts';
import { logLongGop, StreamStats, type StreamInfo } from './stream-stats.ts';
import type { InputSpec, MediaOptions, StreamName, StreamStatus, StreamStatusEvent } from './types.ts';

export type { MediaSink };

const NEEDS_LONGER_PROBE = /unspecified size|dimensions not set|Could not find codec parameters/i;
const LONG_PROBE_MS = 5000;
const DEFAULT_GOP_CACHE_BYTES = 8 * 1024 * 1024;

export interface CameraSessionDeps {
  cameraId: string;
  /** effective stream */
  stream: StreamName;
  input: InputSpec;
  options: MediaOptions;
  /** font for the demo overlay, null for none */
  fontFile: string | null;
  /** settles when fluent-ffmpeg's capability probe is done (spawns wait for it) */
  capabilities: Promise<void>;
  logger: Logger;
  onStatus: (e: StreamStatusEvent) => void;
  /** the session stopped by itself (idle); the owner forgets it */
  onIdleStop: () => void;
  /** input on ffmpeg's stdin (a transcode), one feed per run; `fail` ends the run with a reason (then a retry) */
  feed?: (fail: (reason: string) => void) => { stdin: Duplex; stop(): void };
}

export class CameraSession {
  readonly packager: LlHlsPackager;
  private statusValue: StreamStatus = 'idle';
  private lastErrorValue: string | null = null;
  private generation = 0;
  private proc: FfmpegProcess | null = null;
  /** every process not yet exited, including ones being stopped */
  private readonly live = new Set<FfmpegProcess>();
  private readonly backoff: Backoff;
  private retryTimer: NodeJS.Timeout | null = null;
  private watchdogTimer: NodeJS.Timeout | null = null;
  private idleTimer: NodeJS.Timeout | null = null;
  private lastOutputAt = 0;
  private pendingReason: string | null = null;
  private readonly consumers: StreamConsumers;
  private readonly readyFailers = new Set<(msg: string) => void>();
  private stopped = false;
  /** between spawn() and the process start (waiting for the capability probe) */
  private starting = false;
  /** set when ffmpeg could not find the video parameters in the short probe window */
  private longProbe = false;
  private input: InputSpec;
  /** codec, size, fps, GOP, bitrate of the current run */
  private readonly stats = new StreamStats();
  /** the long GOP was logged for the current run */
  private longGopLogged = false;
  private readonly audio: SessionAudio; // for the sinks that ask for it (session-audio.ts)

  constructor(private readonly d: CameraSessionDeps) {
    this.input = d.input;
    this.audio = new SessionAudio(d.logger, d.options.audio !== false);
    this.backoff = new Backoff(d.options.backoff);
    this.consumers = new StreamConsumers(d.options.idleTimeoutMs, d.logger, d.options.gopCacheBytes ?? DEFAULT_GOP_CACHE_BYTES);
    this.packager = new LlHlsPackager({
      partTargetMs: d.options.partDurationMs,
      minSegmentMs: d.options.minSegmentMs,
      segmentsKept: d.options.segmentsKept,
      shortFirstSegment: true,
    });
  }

  get cameraId(): string {
    return this.d.cameraId;
  }

  get stream(): StreamName {
    return this.d.stream;
  }

  get hasConsumers(): boolean {
    return this.consumers.hasPersistent;
  }

  get status(): StreamStatus {
    return this.statusValue;
  }

  get lastError(): string | null {
    return this.lastErrorValue;
  }

  get isStopped(): boolean {
    return this.stopped;
  }

  /** ffmpeg processes alive for this session (normally 0 or 1) */
  get processCount(): number {
    return this.live.size;
  }

  /** What the current run is (codec, size, fps, GOP, bitrate); null before its init segment. */
  get info(): StreamInfo | null {
    const info = this.stats.info();
    return info && { ...info, audio: this.audio.describe() };
  }

  statusEvent(): StreamStatusEvent {
    return {
      cameraId: this.d.cameraId, stream: this.d.stream, status: this.statusValue,
      lastError: this.lastErrorValue, at: new Date().toISOString(),
    };
  }

  /** An HTTP viewer asked for something: keeps the session alive for idleTimeoutMs, starts it if needed. */
  touch(): void {
    this.consumers.touch();
    this.ensureStarted();
  }

  /** An HTTP request in progress (a blocking wait may outlast the idle timeout): release when it ends. */
  hold(): () => void {
    const release = this.consumers.hold();
    this.ensureStarted();
    return release;
  }

  /** A persistent consumer (recorder…): the session runs until every one is released. */
  acquire(consumer: string, sink?: MediaSink): () => void {
    const release = this.audio.join(sink?.audio, () => this.consumers.add(consumer, sink, () => this.armIdle(this.d.options.idleTimeoutMs)));
    this.ensureStarted();
    return release;
  }

  /**
   * A live viewer (the push transport): counts as a consumer while attached, and its sink gets the init segment and
   * the current GOP at once. When it leaves, the session stays up for idleTimeoutMs, as after an HTTP viewer.
   */
  watch(consumer: string, sink: MediaSink): () => void {
    const release = this.audio.join(sink.audio, () => this.consumers.add(consumer, sink, () => {
      this.consumers.touch();
      this.armIdle(this.d.options.idleTimeoutMs);
    }, { replayGop: true }));
    this.ensureStarted();
    return release;
  }

  /** Resolves when hls.js could start playing; 503 `stream-unavailable` (with the reason) otherwise. */
  async waitReady(timeoutMs: number, signal?: AbortSignal): Promise<void> {
    if (this.packager.ready) return;
    if (this.statusValue === 'offline') throw this.unavailable(this.lastErrorValue);
    const ac = new AbortController();
    const onAbort = () => ac.abort();
    signal?.addEventListener('abort', onAbort, { once: true });
    let failure: string | null = null;
    const fail = (msg: string) => {
      failure = msg;
      ac.abort();
    };
    this.readyFailers.add(fail);
    try {
      await this.packager.waitReady(timeoutMs, ac.signal);
    } catch (e) {
      if (failure !== null) throw this.unavailable(failure);
      if (e instanceof AppError && e.code === 'hls-wait-timeout') {
        throw this.unavailable(this.lastErrorValue ?? 'The camera sent no video in time.');
      }
      throw e;
    } finally {
      this.readyFailers.delete(fail);
      signal?.removeEventListener('abort', onAbort);
    }
  }

  /** Stops the process now and starts again (new source, or asked by an admin); keeps consumers. */
  restart(input?: InputSpec): void {
    if (this.stopped) return;
    if (input) this.input = input;
    this.clearTimer('retryTimer');
    this.killCurrent();
    this.packager.reset();
    this.consumers.drop();
    this.audio.drop();
    this.stats.reset();
    this.backoff.reset();
    this.setStatus('connecting', null);
    this.spawn();
  }

  /** Stops for good: the owner drops the session. Resolves when ffmpeg is gone. */
  async stop(opts: { silent?: boolean } = {}): Promise<void> {
    if (!this.stopped) {
      this.stopped = true;
      this.clearTimer('retryTimer');
      this.clearTimer('idleTimer');
      this.killCurrent();
      this.audio.drop();
      this.packager.close();
      this.failReadyWaiters('The stream stopped.');
      if (!opts.silent) this.setStatus('idle', null);
    }
    await Promise.all([...this.live].map((p) => p.exited));
  }

  private ensureStarted(): void {
    if (this.stopped) throw new AppError('stream-stopped', 'The stream stopped.');
    this.armIdle(this.d.options.idleTimeoutMs);
    if (this.proc || this.retryTimer || this.starting) return;
    this.setStatus('connecting', null);
    this.spawn();
  }

  private spawn(): void {
    const gen = ++this.generation;
    this.starting = true;
    void this.d.capabilities.then(() => {
      if (gen !== this.generation || this.stopped) return;
      this.starting = false;
      this.startProcess(gen);
    });
  }

  private startProcess(gen: number): void {
    const { options: o, logger } = this.d;
    let args: FfmpegArgs;
    try {
      args = this.audio.prepare(this.input, buildSessionArgs(this.input, {
        connectTimeoutMs: o.connectTimeoutMs, partDurationMs: o.partDurationMs, fragmentPerFrame: o.fragmentPerFrame ?? true,
        probeMs: this.longProbe ? LONG_PROBE_MS : undefined, fontFile: this.d.fontFile, nowMs: Date.now(),
      }));
    } catch (e) {
      // the source itself is unusable: report it, retry later (the registry may fix the camera meanwhile)
      this.onFailure(gen, `invalid source: ${(e as Error).message}`);
      return;
    }
    const feed = this.d.feed?.((reason) => {
      if (gen !== this.generation || !this.proc) return;
      this.pendingReason ??= reason;
      void this.proc.stop();
    });
    const proc = new FfmpegProcess({
      ffmpegPath: o.ffmpegPath,
      args,
      stdin: feed?.stdin,
      onStderrLine: (line) => logger.debug({ line }, 'ffmpeg'),
      ...this.audio.processOptions(),
    });
    this.proc = proc;
    this.live.add(proc);
    this.pendingReason = null;
    this.lastOutputAt = Date.now();
    this.armWatchdog(o.watchdogMs);
    logger.debug({ gen }, 'ffmpeg started');

    const reader = new Mp4BoxReader({
      onInit: (init) => this.audio.gate(() => {
        this.stats.init(init);
        this.longGopLogged = false;
        if (init.track.codec && !/^avc/.test(init.track.codec)) {
          logger.info({ codec: init.track.codec }, 'video codec is not H.264: browsers that cannot decode it are offered the sub-stream');
        }
        this.packager.setInit(init.data);
        this.consumers.init(init);
      }),
      onFragment: (f) => this.audio.gate(() => {
        this.audio.noteVideo(f);
        this.stats.fragment(f);
        if (!this.longGopLogged && f.keyframe) this.longGopLogged = logLongGop(this.stats, logger);
        this.packager.pushFragment(f);
        this.consumers.fragment(f);
        if (this.statusValue !== 'online' && this.packager.ready) {
          this.backoff.reset();
          this.setStatus('online', null);
        }
      }),
    });
    let exited = false;
    this.audio.attach(proc.pipe3, () => gen === this.generation && !exited);
    proc.stdout.on('data', (chunk: Buffer) => {
      if (gen !== this.generation || exited) return; // stale, or a tail after the drop was handled
      this.lastOutputAt = Date.now();
      try {
        reader.push(chunk);
      } catch (e) {
        this.pendingReason = unreadableReason((e as Error).message);
        void proc.stop();
      }
    });
    void proc.exited.then((exit) => {
      exited = true;
      feed?.stop();
      this.live.delete(proc);
      if (gen !== this.generation) return; // a stale process: its end changes nothing
      this.proc = null;
      if (!this.longProbe && exit.stderrTail.some((l) => NEEDS_LONGER_PROBE.test(l))) {
        this.longProbe = true;
        logger.info('video parameters not found quickly: probing longer from now on');
      }
      this.onFailure(gen, this.pendingReason ?? describeExit(exit), exit);
    });
  }

  /** Any end of a live process is a drop (even code 0): offline, then retry after backoff while wanted. */
  private onFailure(gen: number, reason: string, exit?: FfmpegExit): void {
    if (gen !== this.generation || this.stopped) return;
    this.clearTimer('watchdogTimer');
    this.packager.reset();
    this.consumers.drop();
    this.audio.drop(exit);
    this.stats.reset();
    this.d.logger.info({ reason, code: exit?.code, signal: exit?.signal }, 'stream dropped');
    this.setStatus('offline', reason);
    this.failReadyWaiters(reason);
    if (this.consumers.idleInMs() === 0) {
      void this.stopIdle();
      return;
    }
    const delay = this.backoff.next();
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      if (!this.stopped && gen === this.generation) this.spawn();
    }, delay);
  }

  private killCurrent(): void {
    this.generation++; // whatever the current process does from now on is stale
    this.starting = false;
    this.clearTimer('watchdogTimer');
    const proc = this.proc;
    this.proc = null;
    if (proc) void proc.stop();
  }

  private armWatchdog(ms: number): void {
    this.clearTimer('watchdogTimer');
    const gen = this.generation;
    this.watchdogTimer = setTimeout(() => {
      this.watchdogTimer = null;
      if (gen !== this.generation || !this.proc) return;
      const silent = Date.now() - this.lastOutputAt;
      if (silent < this.d.options.watchdogMs) return this.armWatchdog(this.d.options.watchdogMs - silent);
      this.pendingReason = silenceReason(Math.round(silent / 1000));
      this.d.logger.warn('watchdog: no output, restarting ffmpeg');
      void this.proc.stop();
    }, Math.max(1, ms));
  }

  private armIdle(ms: number): void {
    if (this.idleTimer || this.stopped) return;
    this.idleTimer = setTimeout(() => {
      this.idleTimer = null;
      if (this.stopped || this.consumers.hasPersistent) return; // re-armed on release
      const left = this.consumers.idleInMs();
      if (left > 0) return this.armIdle(Number.isFinite(left) ? left : this.d.options.idleTimeoutMs);
      void this.stopIdle();
    }, Math.max(1, ms));
  }

  private async stopIdle(): Promise<void> {
    this.d.logger.debug('idle: stopping');
    this.d.onIdleStop();
    await this.stop();
  }

  private setStatus(status: StreamStatus, lastError: string | null): void {
    if (status === this.statusValue && lastError === this.lastErrorValue) return;
    const previous = this.statusValue;
    this.statusValue = status;
    this.lastErrorValue = lastError;
    if (previous !== status) this.d.logger.info({ status, lastError }, 'stream status');
    this.d.onStatus(this.statusEvent());
  }

  private failReadyWaiters(msg: string): void {
    for (const f of [...this.readyFailers]) f(msg);
  }

  private unavailable(msg: string | null): AppError {
    return new AppError('stream-unavailable', msg ?? 'The camera is not available.');
  }

  private clearTimer(name: 'retryTimer' | 'watchdogTimer' | 'idleTimer'): void {
    const t = this[name];
    if (t) clearTimeout(t);
    this[name] = null;
  }
}
