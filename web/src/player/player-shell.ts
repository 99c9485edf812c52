// What both live players (LL-HLS and the push socket) share: the player state, retries with backoff, the stall
// watchdog (a player that is not advancing restarts while the hub says the camera is online), cameraOnline(),
// restart() and destroy(). A transport plugs in how its media starts, stops and is looked after.
import { retryDelayMs } from './backoff.ts';
import { stallVerdict, type PlayerState } from './stall.ts';

export interface LivePlayer {
  state(): PlayerState;
  /** The hub reports the camera online again: restart now unless already playing. */
  cameraOnline(): void;
  restart(): void;
  destroy(): void;
}

export interface ShellOptions {
  video: HTMLVideoElement;
  /** Whether the hub reports the camera online; the stall watchdog only acts then. */
  isOnline(): boolean;
  onStateChange?(state: PlayerState): void;
  /** No progress for this long while online (and playing) → restart. */
  stallMs?: number;
  /** Grace for the first frame after a (re)start. */
  startGraceMs?: number;
}

/** What the shell offers a transport. */
export interface ShellControls {
  state(): PlayerState;
  setState(next: PlayerState): void;
  /** muted autoplay; a refusal is retried by the watchdog */
  play(): void;
  /** the media failed: tear down and start again after a backoff */
  retry(): void;
  /** a retry is already scheduled */
  retrying(): boolean;
  /** the transport's teardown, and any scheduled retry cancelled (before a fallback or a final stop) */
  teardown(): void;
  /** the video's time moved (timeupdate): progress while loading or stalled */
  noteTimeUpdate(): void;
  destroyed(): boolean;
}

export interface PlayerTransport {
  /** begin loading (the state is 'loading') */
  start(): void;
  /** release what start() made; also before every retry */
  teardown(): void;
  /** every watchdog tick (once a second), before the stall check: diagnostics, live-edge steering */
  tick(state: PlayerState): void;
  /** after the last teardown: remove listeners, reset the element */
  destroy(): void;
}

const WATCHDOG_MS = 1000;

export function createPlayerShell(o: ShellOptions, transportOf: (c: ShellControls) => PlayerTransport): LivePlayer {
  const { video } = o;
  const limits = { stallMs: o.stallMs ?? 5000, startGraceMs: o.startGraceMs ?? 8000 };
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
    o.onStateChange?.(next);
  };

  const play = () => {
    video.play().catch(() => undefined);
  };

  const teardown = () => {
    if (retryTimer) clearTimeout(retryTimer);
    retryTimer = null;
    transport.teardown();
  };

  const start = () => {
    if (destroyed) return;
    teardown();
    startedAt = performance.now();
    lastProgressAt = startedAt;
    lastTime = -1;
    setState('loading');
    transport.start();
  };

  const retry = () => {
    if (destroyed) return;
    teardown();
    setState('retrying');
    retryTimer = setTimeout(start, retryDelayMs(attempt++));
  };

  const restartNow = () => {
    attempt = 0;
    start();
  };

  /** true when the play head moved since the last look (the start position itself is not progress) */
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

  const transport = transportOf({
    state: () => current,
    setState,
    play,
    retry,
    retrying: () => retryTimer !== null,
    teardown,
    noteTimeUpdate: () => {
      if (current === 'loading' || current === 'stalled') noteProgress(performance.now());
    },
    destroyed: () => destroyed,
  });

  const watchdog = setInterval(() => {
    transport.tick(current);
    if (current === 'retrying' || current === 'unsupported') return;
    const now = performance.now();
    if (noteProgress(now)) return;
    if (video.paused && current === 'playing') play();
    const verdict = stallVerdict(current, now - lastProgressAt, o.isOnline(), limits);
    if (verdict) setState('stalled'); // 'wait': the camera is away, the hub will say when it is back (cameraOnline)
    if (verdict === 'retry') retry();
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
      teardown();
      transport.destroy();
    },
  };
}
