// Recorded footage: hls.js (not low-latency) on the hub's VOD playlists. A playlist covers a window of at most
// WINDOW_MS from the chosen instant; playing past its end loads the next window, so a whole day plays on.
// The wall-clock time of the playing frame comes from EXT-X-PROGRAM-DATE-TIME.
import type { ErrorData, Fragment, LevelLoadedData } from 'hls.js';
import Hls from 'hls.js/light';

export const WINDOW_MS = 30 * 60_000;

export type VodState = 'idle' | 'loading' | 'playing' | 'paused' | 'ended' | 'error';

export interface VodPlayerOptions {
  video: HTMLVideoElement;
  /** the playlist of [from, to) */
  urlFor(from: Date, to: Date): string;
  /** where footage may be asked for, at most (end of the day, or now) */
  limit(): Date;
  onState?(state: VodState, error?: ErrorData): void;
  onUnauthorized?(): void;
}

export interface VodPlayer {
  /** play the footage from `at` */
  playFrom(at: Date): void;
  /** wall-clock time of the frame on screen */
  currentDate(): Date | null;
  state(): VodState;
  stop(): void;
  destroy(): void;
}

/** Position (s) in a playlist of the instant `at`, from its fragments' program date-times. */
export function positionOf(fragments: Pick<Fragment, 'start' | 'duration' | 'programDateTime'>[], at: number): number {
  let best = 0;
  for (const f of fragments) {
    if (f.programDateTime === null) continue;
    if (at < f.programDateTime) break;
    best = f.start + Math.min(f.duration, (at - f.programDateTime) / 1000);
  }
  return best;
}

export function createVodPlayer(opts: VodPlayerOptions): VodPlayer {
  const { video } = opts;
  let hls: Hls | null = null;
  let current: VodState = 'idle';
  let windowEnd = 0;
  let fragments: Fragment[] = [];

  const setState = (s: VodState, err?: ErrorData) => {
    if (s === current && !err) return;
    current = s;
    video.dataset.vodState = s;
    opts.onState?.(s, err);
  };

  const teardown = () => {
    hls?.destroy();
    hls = null;
    fragments = [];
    video.removeAttribute('src');
    video.load();
  };

  const playFrom = (at: Date) => {
    teardown();
    const limit = opts.limit().getTime();
    const from = at.getTime();
    const to = Math.min(limit, from + WINDOW_MS);
    if (to <= from) {
      setState('ended');
      return;
    }
    windowEnd = to;
    setState('loading');
    if (!Hls.isSupported()) {
      setState('error');
      return;
    }
    const instance = new Hls({
      autoStartLoad: false,
      lowLatencyMode: false,
      maxBufferLength: 20,
      backBufferLength: 30,
      enableWorker: true,
      debug: false,
    });
    hls = instance;
    instance.on(Hls.Events.MEDIA_ATTACHED, () => instance.loadSource(opts.urlFor(new Date(from), new Date(to))));
    instance.once(Hls.Events.LEVEL_LOADED, (_e, data: LevelLoadedData) => {
      fragments = data.details.fragments;
      instance.startLoad(positionOf(fragments, from));
      video.play().catch(() => undefined);
    });
    instance.on(Hls.Events.ERROR, (_e, data: ErrorData) => {
      if (data.response?.code === 401) opts.onUnauthorized?.();
      if (data.fatal && hls === instance) {
        teardown();
        // 400 on the playlist: nothing recorded from there on (e.g. the next window after the newest footage)
        if (data.response?.code === 400) setState('ended');
        else setState('error', data);
      }
    });
    instance.attachMedia(video);
  };

  const currentDate = (): Date | null => {
    if (!hls) return null;
    const d = hls.playingDate;
    if (d) return d;
    if (!fragments.length) return null;
    const t = video.currentTime;
    const f = fragments.find((x) => x.programDateTime !== null && t >= x.start && t < x.start + x.duration);
    return f?.programDateTime != null ? new Date(f.programDateTime + (t - f.start) * 1000) : null;
  };

  const onPlaying = () => setState('playing');
  const onPause = () => {
    if (current === 'playing' && !video.ended) setState('paused');
  };
  const onEnded = () => {
    // the window is over: go on with the next one while there is footage to ask for
    if (hls && windowEnd < opts.limit().getTime() - 1000) playFrom(new Date(windowEnd));
    else setState('ended');
  };
  video.addEventListener('playing', onPlaying);
  video.addEventListener('pause', onPause);
  video.addEventListener('ended', onEnded);

  return {
    playFrom,
    currentDate,
    state: () => current,
    stop() {
      teardown();
      setState('idle');
    },
    destroy() {
      video.removeEventListener('playing', onPlaying);
      video.removeEventListener('pause', onPause);
      video.removeEventListener('ended', onEnded);
      teardown();
    },
  };
}
