// One live video over the tab's push socket: the channel's fMP4 fragments go into an MseBuffer (mse-buffer.ts)
// and the play head is kept at the live edge (live-edge.ts).
// - a new `init` on the channel (the camera session restarted, or the socket came back) starts a fresh MediaSource;
// - a decode error, a SourceBuffer error or a full buffer resets this tile alone: a fresh MediaSource and a new
//   subscription, after a short backoff;
// - the stall watchdog and cameraOnline()/restart() behave like the LL-HLS player's;
// - when the socket cannot open or MSE is missing, onFallback() says so (the caller switches the tile to LL-HLS);
// - when the browser cannot decode the stream's codec (MediaSource.isTypeSupported with the init's own codec
//   string: H.265 in Debian's chromium), the player stops as 'unsupported' and onCodecUnsupported() says which
//   codec; LL-HLS would fail the same way, so that is never a fallback.
// Diagnostics on the <video>: data-player-state, data-latency (s behind the newest buffered media),
// data-delay (s between now and the hub's arrival time of the frame on screen), data-skipped (fragments the
// hub dropped for this viewer).
import type { LiveStreamName } from '../../../server/contracts.ts';
import {
  FLAG_KEYFRAME, FRAME_AUDIO_FRAGMENT, FRAME_AUDIO_INIT, FRAME_FRAGMENT, FRAME_INIT, type FrameHeader,
} from '../../../server/live-push/wire.ts';
import { liveEdgeAction, startSeek, type Range } from './live-edge.ts';
import { createPlayerShell, type LivePlayer } from './player-shell.ts';
import type { PlayerState } from './stall.ts';
import type { LiveChannelHandler, LiveSocket, LiveSubscription } from './live-socket.ts';
import { audioMimeOf, createMseBuffer, mediaSourceClass, mimeOf } from './mse-buffer.ts';

export { mediaSourceClass };

export type FallbackReason = 'socket' | 'mse';

export interface MsePlayerOptions {
  video: HTMLVideoElement;
  cameraId: string;
  stream: LiveStreamName;
  socket: LiveSocket;
  isOnline(): boolean;
  onStateChange?(state: PlayerState): void;
  /** this player cannot play (see FallbackReason); null: keep retrying the socket instead (transport forced) */
  onFallback: ((reason: FallbackReason) => void) | null;
  /** the browser cannot decode this codec (RFC 6381 string from the hub); called once the player has stopped */
  onCodecUnsupported?(codec: string): void;
  /**
   * The hub refused or ended the subscription with `code`: true = retrying cannot help (no transcode slot free), the
   * player stops as 'unsupported'; false = retry as usual.
   */
  onRefused?(code: string): boolean;
  /** ask for the camera's audio too (the focused view; never the wall) */
  audio?: boolean;
  /** each (re)start says whether audio plays with the video: its codec (mp4a.40.2), or null */
  onAudio?(codec: string | null): void;
  stallMs?: number;
  startGraceMs?: number;
}

export function createMsePlayer(opts: MsePlayerOptions): LivePlayer {
  const { video } = opts;
  const mse = mediaSourceClass();
  return createPlayerShell(opts, (shell) => {
    let skipped = 0;
    let sub: LiveSubscription | null = null;
    /** the codec of the current MediaSource; null before the channel's `init` */
    let codec: string | null = null;
    let haveInit = false;
    let waitKey = true;
    /** the one start-up jump to the edge was made (per MediaSource) */
    let startJumped = false;

    /** keep the play head at the live edge: a seek or a playbackRate */
    const steer = (have: Range[]) => {
      if (video.seeking || have.length === 0) return;
      if (!startJumped && shell.state() === 'loading') {
        const to = startSeek(video.currentTime, have);
        if (to !== null) {
          startJumped = true;
          video.currentTime = to;
          if (video.paused) shell.play();
          return;
        }
      }
      const action = liveEdgeAction({
        currentTime: video.currentTime,
        ranges: have,
        newestKeyframe: buffer.log.newestKeyframe(),
        playbackRate: video.playbackRate,
      });
      if (action.kind === 'seek') {
        video.currentTime = action.to;
        if (video.playbackRate !== 1) video.playbackRate = 1;
      } else if (video.playbackRate !== action.rate) video.playbackRate = action.rate;
      if (video.paused) shell.play();
    };

    /** a decode or buffer error: this tile alone starts again (new MediaSource, new subscription) */
    const reset = () => {
      if (shell.destroyed() || shell.retrying()) return;
      shell.retry();
    };

    const buffer = createMseBuffer({ video, onAppended: steer, onFailure: reset });

    /** the audio codec of the current MediaSource (data-audio on the video); null: video only */
    let audioCodec: string | null = null;

    const freshMedia = (nextCodec: string) => {
      codec = nextCodec;
      haveInit = false;
      waitKey = true;
      startJumped = false;
      buffer.open(nextCodec, audioCodec);
    };

    const fallback = (reason: FallbackReason) => {
      if (shell.destroyed()) return;
      shell.teardown();
      if (opts.onFallback) opts.onFallback(reason);
      else shell.setState('unsupported');
    };

    const handler: LiveChannelHandler = {
      init(nextCodec, _stream, audio) {
        audioCodec = audio && mse?.ctor.isTypeSupported(audioMimeOf(audio)) ? audio : null;
        if (audioCodec) video.dataset.audio = audioCodec;
        else delete video.dataset.audio;
        opts.onAudio?.(audioCodec);
        if (!mse?.ctor.isTypeSupported(mimeOf(nextCodec))) {
          if (shell.destroyed()) return;
          shell.teardown();
          video.dataset.codec = nextCodec;
          shell.setState('unsupported');
          opts.onCodecUnsupported?.(nextCodec);
          return;
        }
        video.dataset.codec = nextCodec;
        freshMedia(nextCodec); // the first init, or a restart of the camera session
      },
      frame(header: FrameHeader, payload: Uint8Array) {
        if (!codec) return;
        if (header.kind === FRAME_INIT) {
          if (haveInit) freshMedia(codec); // a second init segment without a JSON init: same as a restart
          haveInit = true;
          buffer.appendInit(payload);
        } else if ((header.kind === FRAME_AUDIO_INIT || header.kind === FRAME_AUDIO_FRAGMENT) && haveInit) {
          buffer.appendAudio(payload);
        } else if (header.kind === FRAME_FRAGMENT && haveInit) {
          const key = (header.flags & FLAG_KEYFRAME) !== 0;
          if (waitKey && !key) return;
          waitKey = false;
          buffer.appendFragment(payload, header.wallMs, key);
        }
      },
      status() {
        // the tile learns the camera's status from the camera store
      },
      skip(dropped) {
        skipped += dropped;
        video.dataset.skipped = String(skipped);
        waitKey = true; // the next fragment starts with a keyframe; live-edge.ts jumps over the gap
      },
      error(code) {
        sub = null; // the hub ended it
        if (opts.onRefused?.(code)) {
          shell.teardown();
          shell.setState('unsupported');
        } else shell.retry();
      },
      unavailable() {
        sub = null;
        if (opts.onFallback) fallback('socket');
        else shell.retry();
      },
    };

    const onError = () => {
      if (codec && video.error) reset();
    };
    video.addEventListener('error', onError);
    const onTimeUpdate = () => shell.noteTimeUpdate();
    video.addEventListener('timeupdate', onTimeUpdate);

    return {
      start() {
        if (!mse) return fallback('mse');
        sub = opts.socket.subscribe(opts.cameraId, opts.stream, handler, { audio: opts.audio });
      },
      teardown() {
        sub?.close();
        sub = null;
        codec = null;
        haveInit = false;
        buffer.close();
      },
      tick(state: PlayerState) {
        const have = buffer.ranges();
        const last = have[have.length - 1];
        if (last) {
          const t = video.currentTime;
          video.dataset.latency = Math.max(0, last[1] - t).toFixed(3);
          const wall = buffer.log.wallMsAt(t);
          if (wall !== null && wall > 0) video.dataset.delay = ((Date.now() - wall) / 1000).toFixed(3);
        }
        // steered also when no fragment arrives (a frozen camera must not leave a rate above 1)
        if (state !== 'retrying' && state !== 'unsupported') steer(have);
      },
      destroy() {
        video.removeEventListener('error', onError);
        video.removeEventListener('timeupdate', onTimeUpdate);
        video.playbackRate = 1;
      },
    };
  });
}
