// One live video over the tab's push socket: fMP4 fragments appended to a SourceBuffer (MSE, or
// ManagedMediaSource where only that exists: iOS 17.1+), kept at the live edge by live-edge.ts.
// - appends are queued and applied one at a time; media more than a few seconds behind the play head is removed;
// - a new `init` on the channel (the camera session restarted, or the socket came back) starts a fresh MediaSource;
// - a decode error, a SourceBuffer error or a full buffer resets this tile's MediaSource and subscribes again;
// - the stall watchdog and cameraOnline()/restart() behave like the LL-HLS player's;
// - when the socket cannot open, MSE is missing or the codec is not playable, onFallback() says so (the caller
//   switches the tile to LL-HLS).
// Diagnostics on the <video>: data-player-state, data-latency (s behind the newest buffered media),
// data-delay (s between now and the hub's arrival time of the frame being shown), data-skipped (fragments the
// hub dropped for this viewer).
import type { StreamName } from '../../../server/contracts.ts';
import { FLAG_KEYFRAME, FRAME_FRAGMENT, FRAME_INIT, type FrameHeader } from '../../../server/live-push/wire.ts';
import { retryDelayMs } from './backoff.ts';
import { fragmentDecodeTime, videoTimescale } from './fmp4.ts';
import { FrameLog, liveEdgeAction, startSeek, trimSpan, type Range } from './live-edge.ts';
import type { LivePlayer, PlayerState } from './live-player.ts';
import type { LiveChannelHandler, LiveSocket, LiveSubscription } from './live-socket.ts';

export type FallbackReason = 'socket' | 'mse' | 'codec';

export interface MsePlayerOptions {
  video: HTMLVideoElement;
  cameraId: string;
  stream: StreamName;
  socket: LiveSocket;
  isOnline(): boolean;
  onStateChange?(state: PlayerState): void;
  /** this player cannot play (see FallbackReason); null: keep retrying the socket instead (transport forced) */
  onFallback: ((reason: FallbackReason) => void) | null;
  stallMs?: number;
  startGraceMs?: number;
}

type MediaSourceCtor = typeof MediaSource;

/** MediaSource, or ManagedMediaSource where only that exists (iOS 17.1+); null: no MSE at all. */
export function mediaSourceClass(): { ctor: MediaSourceCtor; managed: boolean } | null {
  const g = globalThis as { MediaSource?: MediaSourceCtor; ManagedMediaSource?: MediaSourceCtor };
  if (g.MediaSource) return { ctor: g.MediaSource, managed: false };
  if (g.ManagedMediaSource) return { ctor: g.ManagedMediaSource, managed: true };
  return null;
}

export function mimeOf(codec: string): string {
  return `video/mp4; codecs="${codec}"`;
}

type Op =
  | { kind: 'init'; data: Uint8Array }
  | { kind: 'frag'; data: Uint8Array; decodeSec: number | null; wallMs: number; key: boolean }
  | { kind: 'remove'; from: number; to: number };

const WATCHDOG_MS = 1000;
/** more appends than this waiting (a throttled tab): drop to the newest keyframe */
const MAX_QUEUE = 90;

export function createMsePlayer(opts: MsePlayerOptions): LivePlayer {
  const { video } = opts;
  const stallMs = opts.stallMs ?? 5000;
  const startGraceMs = opts.startGraceMs ?? 8000;
  const mse = mediaSourceClass();

  let current: PlayerState = 'loading';
  let destroyed = false;
  let attempt = 0;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;
  let startedAt = 0;
  let lastTime = -1;
  let lastProgressAt = 0;
  let skipped = 0;

  let sub: LiveSubscription | null = null;
  let ms: MediaSource | null = null;
  let objectUrl: string | null = null;
  let sb: SourceBuffer | null = null;
  let codec: string | null = null;
  let haveInit = false;
  let timescale = 90_000;
  /** presentation time − decode time (s), measured on the first fragment of a MediaSource (edit lists) */
  let offset: number | null = null;
  let waitKey = true;
  /** the one start-up jump to the edge was made (per MediaSource) */
  let startJumped = false;
  let queue: Op[] = [];
  let applying: Op | null = null;
  const log = new FrameLog();

  const setState = (next: PlayerState) => {
    if (next === current) return;
    current = next;
    video.dataset.playerState = next;
    opts.onStateChange?.(next);
  };

  const play = () => {
    video.play().catch(() => undefined); // muted autoplay; a refusal is retried by the watchdog
  };

  const ranges = (): Range[] => {
    const out: Range[] = [];
    try {
      const b = sb?.buffered;
      if (b) for (let i = 0; i < b.length; i++) out.push([b.start(i), b.end(i)]);
    } catch {
      // the SourceBuffer was removed from its MediaSource
    }
    return out;
  };

  /** drop the media element's MediaSource and SourceBuffer (not the subscription) */
  const dropMedia = () => {
    if (sb) {
      sb.removeEventListener('updateend', onUpdateEnd);
      sb.removeEventListener('error', onBufferError);
    }
    ms?.removeEventListener('sourceopen', onSourceOpen);
    sb = null;
    ms = null;
    queue = [];
    applying = null;
    offset = null;
    waitKey = true;
    startJumped = false;
    haveInit = false;
    log.clear();
    video.removeAttribute('src');
    video.load(); // detach the old MediaSource and free its buffers
    if (objectUrl) URL.revokeObjectURL(objectUrl);
    objectUrl = null;
  };

  const newMedia = () => {
    dropMedia();
    if (!mse) return;
    const source = new mse.ctor();
    ms = source;
    source.addEventListener('sourceopen', onSourceOpen);
    if (mse.managed) video.disableRemotePlayback = true; // ManagedMediaSource needs it (no AirPlay of MSE)
    objectUrl = URL.createObjectURL(source);
    video.src = objectUrl;
  };

  const onSourceOpen = () => ensureBuffer();

  const ensureBuffer = () => {
    if (sb || !ms || ms.readyState !== 'open' || !codec) return;
    try {
      sb = ms.addSourceBuffer(mimeOf(codec));
    } catch {
      reset();
      return;
    }
    sb.mode = 'segments';
    sb.addEventListener('updateend', onUpdateEnd);
    sb.addEventListener('error', onBufferError);
    pump();
  };

  const pump = () => {
    if (!sb || sb.updating || applying || !ms || ms.readyState !== 'open') return;
    const op = queue.shift();
    if (!op) return;
    applying = op;
    try {
      if (op.kind === 'remove') sb.remove(op.from, op.to);
      else sb.appendBuffer(op.data as Uint8Array<ArrayBuffer>);
    } catch {
      applying = null;
      reset(); // QuotaExceededError, InvalidStateError: start this tile afresh
    }
  };

  const onUpdateEnd = () => {
    const op = applying;
    applying = null;
    if (op?.kind === 'frag') {
      const have = ranges();
      if (op.decodeSec !== null) {
        const last = have[have.length - 1];
        if (offset === null && last) offset = last[0] - op.decodeSec;
        log.add(op.decodeSec + (offset ?? 0), op.wallMs, op.key);
      }
      steer(have);
      const span = trimSpan(video.currentTime, have);
      if (span && !queue.some((q) => q.kind === 'remove')) {
        queue.unshift({ kind: 'remove', from: span[0], to: span[1] });
        log.dropBefore(span[1]);
      }
    }
    pump();
  };

  /** keep the play head at the live edge: a seek or a playbackRate */
  const steer = (have: Range[]) => {
    if (video.seeking || have.length === 0) return;
    if (!startJumped && current === 'loading') {
      const to = startSeek(video.currentTime, have);
      if (to !== null) {
        startJumped = true;
        video.currentTime = to;
        if (video.paused) play();
        return;
      }
    }
    const action = liveEdgeAction({
      currentTime: video.currentTime,
      ranges: have,
      newestKeyframe: log.newestKeyframe(),
      playbackRate: video.playbackRate,
    });
    if (action.kind === 'seek') {
      video.currentTime = action.to;
      if (video.playbackRate !== 1) video.playbackRate = 1;
    } else if (video.playbackRate !== action.rate) video.playbackRate = action.rate;
    if (video.paused) play();
  };

  const onBufferError = () => reset();

  const enqueue = (op: Op) => {
    queue.push(op);
    if (queue.length > MAX_QUEUE) {
      // keep pending inits and the newest keyframe onwards
      let k = -1;
      for (let i = queue.length - 1; i >= 0; i--) {
        const q = queue[i]!;
        if (q.kind === 'frag' && q.key) {
          k = i;
          break;
        }
      }
      if (k > 0) queue = [...queue.slice(0, k).filter((q) => q.kind === 'init'), ...queue.slice(k)];
    }
    pump();
  };

  const handler: LiveChannelHandler = {
    init(nextCodec) {
      if (!mse?.ctor.isTypeSupported(mimeOf(nextCodec))) {
        fallback('codec');
        return;
      }
      if (codec !== null || haveInit) newMedia(); // a restart of the camera session: a fresh MediaSource
      codec = nextCodec;
      ensureBuffer();
    },
    frame(header: FrameHeader, payload: Uint8Array) {
      if (!codec) return;
      if (header.kind === FRAME_INIT) {
        if (haveInit) newMedia(); // a second init segment without a JSON init: same as a restart
        haveInit = true;
        timescale = videoTimescale(payload) ?? timescale;
        waitKey = true;
        enqueue({ kind: 'init', data: payload });
        ensureBuffer();
      } else if (header.kind === FRAME_FRAGMENT && haveInit) {
        const key = (header.flags & FLAG_KEYFRAME) !== 0;
        if (waitKey && !key) return;
        waitKey = false;
        const dt = fragmentDecodeTime(payload);
        enqueue({ kind: 'frag', data: payload, decodeSec: dt === null ? null : dt / timescale, wallMs: header.wallMs, key });
      }
    },
    status() {
      // the tile learns the camera's status from the camera store
    },
    skip(dropped) {
      skipped += dropped;
      video.dataset.skipped = String(skipped);
      waitKey = true; // the next fragment starts a keyframe; live-edge.ts jumps over the gap
    },
    error() {
      sub = null; // the hub ended it
      scheduleRetry();
    },
    unavailable() {
      sub = null;
      if (opts.onFallback) fallback('socket');
      else scheduleRetry();
    },
  };

  const fallback = (reason: FallbackReason) => {
    if (destroyed) return;
    if (opts.onFallback) {
      teardown();
      opts.onFallback(reason);
    } else {
      teardown();
      setState('unsupported');
    }
  };

  const teardown = () => {
    if (retryTimer) clearTimeout(retryTimer);
    retryTimer = null;
    sub?.close();
    sub = null;
    codec = null;
    dropMedia();
  };

  const start = () => {
    if (destroyed) return;
    teardown();
    startedAt = performance.now();
    lastProgressAt = startedAt;
    lastTime = -1;
    setState('loading');
    if (!mse) {
      fallback('mse');
      return;
    }
    newMedia();
    sub = opts.socket.subscribe(opts.cameraId, opts.stream, handler);
  };

  const scheduleRetry = () => {
    if (destroyed) return;
    teardown();
    setState('retrying');
    retryTimer = setTimeout(start, retryDelayMs(attempt++));
  };

  /** a decode or buffer error: this tile alone starts again (new MediaSource, new subscription) */
  const reset = () => {
    if (destroyed || retryTimer) return;
    scheduleRetry();
  };

  const restartNow = () => {
    attempt = 0;
    start();
  };

  const onError = () => {
    if (ms && video.error) reset();
  };
  video.addEventListener('error', onError);

  const onTimeUpdate = () => {
    if (current === 'loading' || current === 'stalled') noteProgress(performance.now());
  };
  video.addEventListener('timeupdate', onTimeUpdate);

  const report = () => {
    const have = ranges();
    const last = have[have.length - 1];
    if (!last) return;
    const t = video.currentTime;
    video.dataset.latency = Math.max(0, last[1] - t).toFixed(3);
    const wall = log.wallMsAt(t);
    if (wall !== null && wall > 0) video.dataset.delay = ((Date.now() - wall) / 1000).toFixed(3);
  };

  /** true when the play head moved since the last look */
  const noteProgress = (now: number): boolean => {
    const t = video.currentTime;
    if (t === lastTime || t <= 0) return false;
    const first = lastTime < 0;
    lastTime = t;
    if (first) return false;
    lastProgressAt = now;
    attempt = 0;
    setState('playing');
    return true;
  };

  const watchdog = setInterval(() => {
    report();
    if (current === 'retrying' || current === 'unsupported') return;
    steer(ranges()); // also when no fragment arrives (a frozen camera must not leave a rate above 1)
    const now = performance.now();
    if (noteProgress(now)) return;
    if (video.paused && current === 'playing') play();
    const limit = current === 'loading' ? startGraceMs : stallMs;
    if (now - lastProgressAt > limit) {
      if (opts.isOnline()) {
        setState('stalled');
        scheduleRetry();
      } else if (current === 'playing') {
        setState('stalled'); // camera away: wait for the hub to say it is back (cameraOnline)
      }
    }
  }, WATCHDOG_MS);

  video.muted = true;
  video.playsInline = true;
  video.autoplay = true;
  video.dataset.playerState = current;
  start();

  return {
    state: () => current,
    cameraOnline() {
      if (current === 'retrying' || current === 'stalled') restartNow();
      else if (current === 'loading' && performance.now() - startedAt > 2000) restartNow();
    },
    restart: restartNow,
    destroy() {
      if (destroyed) return;
      destroyed = true;
      clearInterval(watchdog);
      video.removeEventListener('error', onError);
      video.removeEventListener('timeupdate', onTimeUpdate);
      teardown();
      video.playbackRate = 1;
    },
  };
}
