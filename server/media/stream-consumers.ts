// Who wants a camera stream: persistent consumers (the recorder, live push viewers, with an optional media sink),
// HTTP requests in progress (holds) and recent HTTP viewers (touches). Also fans the media out to the sinks, and
// keeps the fragments since the last keyframe (bounded) so a new live viewer starts at once.
import type { Logger } from 'pino';
import type { Fragment, InitSegment } from './mp4-box-reader.ts';
import type { AudioSink } from './session-audio.ts';

/** A persistent consumer's view of the media (the recorder). Exceptions it throws are logged, never fatal. */
export interface MediaSink {
  onInit(init: InitSegment): void;
  onFragment(fragment: Fragment): void;
  /** the source dropped; the next init starts a new run */
  onDrop?(): void;
  /** the camera's audio too (the recorder, the focused view); absent: video only, as the wall */
  audio?: AudioSink;
}

export class StreamConsumers {
  private readonly persistent = new Map<symbol, string>();
  private readonly sinks = new Set<MediaSink>();
  private holds = 0;
  private lastTouchAt = 0;
  private lastInit: InitSegment | null = null;
  /** the current GOP: a keyframe fragment and the ones after it; empty when unknown or over gopCacheBytes */
  private gop: Fragment[] = [];
  private gopBytes = 0;

  constructor(
    private readonly idleTimeoutMs: number,
    private readonly logger: Logger,
    private readonly gopCacheBytes = 0,
  ) {}

  /** bytes held by the GOP cache */
  get gopCachedBytes(): number {
    return this.gopBytes;
  }

  get hasPersistent(): boolean {
    return this.persistent.size > 0;
  }

  touch(): void {
    this.lastTouchAt = Date.now();
  }

  /** A request in progress counts as a viewer until released (then the idle time starts). */
  hold(): () => void {
    this.holds++;
    this.touch();
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.holds--;
      this.touch();
    };
  }

  /**
   * Returns the release function; `onReleased` runs once, when it is called. With `replayGop` the sink gets, after
   * the init segment, the cached fragments of the current GOP (starting with its keyframe).
   */
  add(consumer: string, sink: MediaSink | undefined, onReleased: () => void, opts: { replayGop?: boolean } = {}): () => void {
    const token = Symbol(consumer);
    this.persistent.set(token, consumer);
    if (sink) {
      this.sinks.add(sink);
      if (this.lastInit) {
        this.deliver(sink, (s) => s.onInit(this.lastInit!));
        if (opts.replayGop) for (const f of this.gop) this.deliver(sink, (s) => s.onFragment(f));
      }
    }
    return () => {
      if (!this.persistent.delete(token)) return;
      if (sink) this.sinks.delete(sink);
      onReleased();
    };
  }

  /** ms until the stream counts as unwanted: 0 = unwanted now; Infinity while a consumer or request holds it. */
  idleInMs(now = Date.now()): number {
    if (this.persistent.size > 0 || this.holds > 0) return Infinity;
    return Math.max(0, this.lastTouchAt + this.idleTimeoutMs - now);
  }

  init(init: InitSegment): void {
    this.lastInit = init;
    this.clearGop();
    for (const sink of this.sinks) this.deliver(sink, (s) => s.onInit(init));
  }

  fragment(f: Fragment): void {
    this.cache(f);
    for (const sink of this.sinks) this.deliver(sink, (s) => s.onFragment(f));
  }

  drop(): void {
    this.clearGop();
    if (!this.lastInit) return;
    this.lastInit = null;
    for (const sink of this.sinks) this.deliver(sink, (s) => s.onDrop?.());
  }

  private cache(f: Fragment): void {
    if (this.gopCacheBytes <= 0) return;
    if (f.keyframe) this.clearGop();
    else if (this.gop.length === 0) return; // GOP start unknown or too big: wait for the next keyframe
    if (this.gopBytes + f.data.length > this.gopCacheBytes) {
      this.clearGop();
      return;
    }
    this.gop.push(f);
    this.gopBytes += f.data.length;
  }

  private clearGop(): void {
    this.gop = [];
    this.gopBytes = 0;
  }

  private deliver(sink: MediaSink, call: (s: MediaSink) => void): void {
    try {
      call(sink);
    } catch (err) {
      this.logger.error({ err }, 'media consumer failed');
    }
  }
}
