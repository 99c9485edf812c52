// One live video: hls.js on a <video>, with self-recovery.
// - a fatal hls.js error destroys the instance and retries after a short backoff;
// - when the hub says the camera is back online, a waiting or stalled player restarts at once;
// - a watchdog restarts the player when currentTime stops advancing while the camera is online.
// destroy() releases the hls.js instance, the media element's buffers and every timer.
import type { ErrorData } from 'hls.js';
import Hls from 'hls.js/light';
import { bufferedAhead, catchUpRate } from './catch-up.ts';
import { liveHlsConfig } from './hls-config.ts';
import { createPlayerShell, type LivePlayer } from './player-shell.ts';
import type { PlayerState } from './stall.ts';

export type { LivePlayer, PlayerState };

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
  /**
   * The hub refused a request with this error code (read from its JSON body): true = retrying cannot help (no
   * transcode slot free), the player stops as 'unsupported'; false = the usual retries.
   */
  onRefused?(code: string): boolean;
}

/** The hub's error code in the body of a refused playlist request (`{"error":{"code":…}}`), when hls.js kept it. */
function refusalCode(data: ErrorData): string | null {
  if ((data.response?.code ?? 0) < 400) return null;
  try {
    // networkDetails is the XMLHttpRequest; responseText throws for binary responses (fragments)
    const text = (data.networkDetails as { responseText?: unknown } | undefined)?.responseText;
    return typeof text === 'string' ? ((JSON.parse(text) as { error?: { code?: unknown } }).error?.code as string | undefined) ?? null : null;
  } catch {
    return null;
  }
}

const CODEC_ERRORS = new Set<string>([
  'bufferAddCodecError', 'bufferIncompatibleCodecsError', 'manifestIncompatibleCodecsError',
]);

export function createLivePlayer(opts: LivePlayerOptions): LivePlayer {
  const { video, src } = opts;
  return createPlayerShell(opts, (shell) => {
    let hls: Hls | null = null;

    const onTimeUpdate = () => {
      if (!hls) return;
      shell.noteTimeUpdate();
      const rate = catchUpRate(hls.latency, hls.targetLatency, bufferedAhead(video), video.playbackRate);
      if (video.playbackRate !== rate) video.playbackRate = rate;
    };
    video.addEventListener('timeupdate', onTimeUpdate);

    const onError = () => {
      if (!hls && shell.state() !== 'unsupported') shell.retry(); // native playback failed
    };
    video.addEventListener('error', onError);

    return {
      start() {
        if (Hls.isSupported()) {
          const instance = new Hls(liveHlsConfig());
          hls = instance;
          instance.on(Hls.Events.ERROR, (_event, data: ErrorData) => {
            if (data.response?.code === 401) opts.onUnauthorized?.();
            if (hls !== instance) return;
            if (CODEC_ERRORS.has(data.details)) {
              // retrying cannot help: the same bytes would meet the same decoder
              shell.teardown();
              shell.setState('unsupported');
              opts.onCodecUnsupported?.(/codecs="?([^";]+)/.exec(data.mimeType ?? '')?.[1] ?? null);
              return;
            }
            const refusal = data.fatal ? refusalCode(data) : null;
            if (refusal && opts.onRefused?.(refusal)) {
              shell.teardown();
              shell.setState('unsupported');
              return;
            }
            if (data.fatal) shell.retry();
          });
          instance.on(Hls.Events.MEDIA_ATTACHED, () => instance.loadSource(src));
          instance.on(Hls.Events.MANIFEST_PARSED, shell.play);
          instance.attachMedia(video);
        } else if (video.canPlayType('application/vnd.apple.mpegurl')) {
          video.src = src; // native HLS (Safari, iOS)
          shell.play();
        } else {
          shell.setState('unsupported');
        }
      },
      teardown() {
        if (hls) {
          hls.destroy();
          hls = null;
        }
        video.removeAttribute('src');
        video.load(); // drop the old MediaSource and its buffers
      },
      // Diagnostics on the element (benchmarks and tests read them): seconds behind the playlist's live edge,
      // and seconds behind the wall-clock time the hub stamped on the playing media (EXT-X-PROGRAM-DATE-TIME).
      tick() {
        if (!hls) return;
        if (Number.isFinite(hls.latency)) video.dataset.latency = hls.latency.toFixed(3);
        if (hls.targetLatency !== null) video.dataset.targetLatency = hls.targetLatency.toFixed(3);
        const playing = hls.playingDate;
        if (playing) video.dataset.delay = ((Date.now() - playing.getTime()) / 1000).toFixed(3);
      },
      destroy() {
        video.removeEventListener('error', onError);
        video.removeEventListener('timeupdate', onTimeUpdate);
      },
    };
  });
}
