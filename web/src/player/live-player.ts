// One live video: hls.js on a <video>, with self-recovery.
// - a fatal hls.js error destroys the instance and retries after a short backoff;
// - when the hub says the camera is back online, a waiting or stalled player restarts at once;
// - a watchdog restarts the player when currentTime stops advancing while the camera is online.
// destroy() releases the hls.js instance, the media element's buffers and every timer.
import type { ErrorData } from 'hls.js';
import Hls from 'hls.js/light';
import { retryDelayMs } from './backoff.ts';
import { bufferedAhead, catchUpRate } from './catch-up.ts';
import { liveHlsConfig } from './hls-config.ts';
import { stallVerdict, type PlayerState } from './stall.ts';

export type { PlayerState };

export interface LivePlayerOptions {
  video: HTMLVideoElement;
  src: string;
  /** Whether the hub reports the camera online; the stall watchdog only acts then. */
  isOnline(): boolean;
  onStateChange?(state: PlayerState): void;
  /** the hub answered 401: the session is gone */
  onUnauthorized?(): void;
  /** No progress for this long while online (and playing) → restart. */
  stallMs?: number;
  /** Grace for the first frame after a (re)start. */
  startGraceMs?: number;
  /**
   * The browser cannot decode the stream's codec (hls.js could not add a SourceBuffer for it: H.265 without HEVC
   * support): the player stops as 'unsupported' instead of retrying forever. `codec` as hls.js saw it, if known.
   */
  onCodecUnsupported?(codec: string | null): void;
}

const CODEC_ERRORS = new Set<string>([
  'bufferAddCodecError', 'bufferIncompatibleCodecsError', 'manifestIncompatibleCodecsError',
]);

export interface LivePlayer {
  state(): PlayerState;
  /** The hub reports the camera online again: restart now unless already playing. */
  cameraOnline(): void;
  restart(): void;
  destroy(): void;
}

const WATCHDOG_MS = 1000;

export function createLivePlayer(opts: LivePlayerOptions): LivePlayer {
  const { video, src } = opts;
  const stallMs = opts.stallMs ?? 5000;
  const startGraceMs = opts.startGraceMs ?? 8000;

  let hls: Hls | null = null;
  let current: PlayerState = 'loading';
  let attempt = 0;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;
  let startedAt = 0;
  let lastTime = -1;
  let lastProgressAt = 0;
  let destroyed = false;

  const setState = (next: PlayerState) => {
    if (next === current) return;
    current = next;
    video.dataset.playerState = next;
    opts.onStateChange?.(next);
  };

  const play = () => {
    video.play().catch(() => undefined); // muted autoplay; a refusal is retried by the watchdog
  };

  const teardown = () => {
    if (retryTimer) clearTimeout(retryTimer);
    retryTimer = null;
    if (hls) {
      hls.destroy();
      hls = null;
    }
    video.removeAttribute('src');
    video.load(); // drop the old MediaSource and its buffers
  };

  const start = () => {
    if (destroyed) return;
    teardown();
    startedAt = performance.now();
    lastProgressAt = startedAt;
    lastTime = -1;
    setState('loading');
    if (Hls.isSupported()) {
      const instance = new Hls(liveHlsConfig());
      hls = instance;
      instance.on(Hls.Events.ERROR, (_event, data: ErrorData) => {
        if (data.response?.code === 401) opts.onUnauthorized?.();
        if (hls !== instance) return;
        if (CODEC_ERRORS.has(data.details)) {
          // retrying cannot help: the same bytes would meet the same decoder
          teardown();
          setState('unsupported');
          opts.onCodecUnsupported?.(/codecs="?([^";]+)/.exec(data.mimeType ?? '')?.[1] ?? null);
          return;
        }
        if (data.fatal) scheduleRetry();
      });
      instance.on(Hls.Events.MEDIA_ATTACHED, () => instance.loadSource(src));
      instance.on(Hls.Events.MANIFEST_PARSED, play);
      instance.attachMedia(video);
    } else if (video.canPlayType('application/vnd.apple.mpegurl')) {
      video.src = src; // native HLS (Safari, iOS)
      play();
    } else {
      setState('unsupported');
    }
  };

  const scheduleRetry = () => {
    if (destroyed) return;
    teardown();
    setState('retrying');
    retryTimer = setTimeout(start, retryDelayMs(attempt++));
  };

  const restartNow = () => {
    attempt = 0;
    start();
  };

  const onTimeUpdate = () => {
    if (!hls) return;
    if (current === 'loading' || current === 'stalled') noteProgress(performance.now());
    const rate = catchUpRate(hls.latency, hls.targetLatency, bufferedAhead(video), video.playbackRate);
    if (video.playbackRate !== rate) video.playbackRate = rate;
  };
  video.addEventListener('timeupdate', onTimeUpdate);

  const onError = () => {
    if (!hls && current !== 'unsupported') scheduleRetry(); // native playback failed
  };
  video.addEventListener('error', onError);

  // Diagnostics on the element (benchmarks and tests read them): seconds behind the playlist's live edge,
  // and seconds behind the wall-clock time the hub stamped on the playing media (EXT-X-PROGRAM-DATE-TIME).
  const report = () => {
    if (!hls) return;
    if (Number.isFinite(hls.latency)) video.dataset.latency = hls.latency.toFixed(3);
    if (hls.targetLatency !== null) video.dataset.targetLatency = hls.targetLatency.toFixed(3);
    const playing = hls.playingDate;
    if (playing) video.dataset.delay = ((Date.now() - playing.getTime()) / 1000).toFixed(3);
  };

  /** true when the playhead moved since the last look */
  const noteProgress = (now: number): boolean => {
    const t = video.currentTime;
    if (t === lastTime || t <= 0) return false;
    const first = lastTime < 0; // the start position itself is not progress
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
    const now = performance.now();
    if (noteProgress(now)) return;
    if (video.paused && current === 'playing') play();
    const verdict = stallVerdict(current, now - lastProgressAt, opts.isOnline(), { startGraceMs, stallMs });
    if (verdict) setState('stalled'); // 'wait': the camera is away, the hub will say when it is back (cameraOnline)
    if (verdict === 'retry') scheduleRetry();
  }, WATCHDOG_MS);

  video.muted = true;
  video.playsInline = true;
  video.autoplay = true;
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
    },
  };
}
