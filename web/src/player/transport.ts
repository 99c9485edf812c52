// Which transport a tile's live video uses, and the factory that builds the right player for it.
// - `?transport=ws|hls|auto` in the address bar (noted on every route, kept for the tab) forces one: for support
//   and for measuring one against the other;
// - otherwise the user's choice in the user menu (settings: auto | ws | hls);
// - auto: the push socket (MSE) when the browser has MSE and the socket opens, else LL-HLS, tile by tile.
// A forced `ws` never falls back: a tile keeps retrying the socket (that is what forcing it is for).
// A codec the browser cannot decode (an H.265 main in a browser without HEVC) is not a transport problem: the
// player switches to the camera's own sub-stream (the H.264 one Vietnamese cameras ship) when it has one, and
// otherwise to the hub's H.264 transcode of the camera (`transcode`, ≤ 640×360, a bounded number per hub); when the
// hub has no transcode slot free it stays 'unsupported' with the codec and the reason named. LL-HLS is never tried
// for a codec problem (it could not play it either).
import type { LiveStreamName, StreamName } from '../../../server/contracts.ts';
import { createLivePlayer, type LivePlayer, type PlayerState } from './live-player.ts';
import type { LiveSocket } from './live-socket.ts';
import { createMsePlayer, mediaSourceClass } from './mse-player.ts';
import { createTransportChoice, initialTransport, type TransportChoice, type TransportPref } from './transport-pref.ts';

export function liveUrl(cameraId: string, stream: LiveStreamName): string {
  return `/live/${encodeURIComponent(cameraId)}/${stream}/index.m3u8`;
}

export interface LivePlayerRequest {
  video: HTMLVideoElement;
  cameraId: string;
  stream: StreamName;
  isOnline(): boolean;
  onStateChange(state: PlayerState): void;
  /** the hub answered 401 to an LL-HLS request */
  onUnauthorized(): void;
  /** the camera has a sub-stream of its own (played instead of a main stream the browser cannot decode) */
  hasSub?: boolean;
  /**
   * the browser cannot decode `codec`; `showing` is the stream played instead, null when there is none; `refused`:
   * the hub's code when it refused the transcode (`transcode-busy`: no slot free, `transcode-disabled`)
   */
  onCodecUnsupported?(e: { codec: string; showing: LiveStreamName | null; refused?: TranscodeRefusal }): void;
  /** the camera's audio too (the focused view): over the push socket only; LL-HLS plays video alone */
  audio?: boolean;
  /** whether audio plays with the video now: its codec, or null (no audio, or LL-HLS) */
  onAudio?(codec: string | null): void;
}

/** The hub's answers to a transcode it will not start; retrying at once cannot help. */
export const TRANSCODE_REFUSALS = ['transcode-busy', 'transcode-disabled'] as const;
export type TranscodeRefusal = (typeof TRANSCODE_REFUSALS)[number];
const isRefusal = (code: string): code is TranscodeRefusal => (TRANSCODE_REFUSALS as readonly string[]).includes(code);
/** a tile refused for want of a transcode slot asks again this often (the hub answers at once, starting nothing) */
export const TRANSCODE_BUSY_RETRY_MS = 20_000;

/** 'H.265' / 'H.264' from an RFC 6381 codec string, else the string itself */
export function codecLabel(codec: string): string {
  if (/^(hvc1|hev1)/.test(codec)) return 'H.265';
  if (/^(avc1|avc3)/.test(codec)) return 'H.264';
  return codec;
}

export interface LivePlayers extends TransportChoice {
  create(req: LivePlayerRequest): LivePlayer;
}

export interface LivePlayersOptions {
  socket: LiveSocket;
  /** the user's setting */
  setting(): TransportPref;
}

export function createLivePlayers(opts: LivePlayersOptions): LivePlayers {
  const choice = createTransportChoice(opts.setting);

  return {
    noteUrl: choice.noteUrl,
    preference: choice.preference,
    create(req) {
      const pref = choice.preference();
      const { video } = req;
      let inner: LivePlayer;
      let destroyed = false;

      const clearDiagnostics = () => {
        for (const key of ['latency', 'delay', 'targetLatency', 'skipped'] as const) delete video.dataset[key];
      };

      /** the codec the browser could not decode (named on the tile while something else plays) */
      let badCodec = '';
      /**
       * the browser cannot decode `codec` on `stream`: the camera's sub-stream instead, else the hub's transcode
       * (each tried once), or say so
       */
      const codecProblem = (stream: LiveStreamName, codec: string, play: (next: LiveStreamName) => void) =>
        queueMicrotask(() => {
          if (destroyed) return;
          const next: LiveStreamName | null = stream === 'main' && req.hasSub ? 'sub' : stream === 'transcode' ? null : 'transcode';
          if (next) {
            badCodec = codec;
            inner.destroy();
            video.dataset.codecFallback = next;
            play(next);
          }
          req.onCodecUnsupported?.({ codec, showing: next });
        });

      /** a transcode asked for again after `transcode-busy`: the tile hears of it once it plays */
      let awaitingSlot = false;
      let busyTimer: ReturnType<typeof setTimeout> | null = null;
      const onStateChange = (state: PlayerState) => {
        req.onStateChange(state);
        if (state !== 'playing' || !awaitingSlot) return;
        awaitingSlot = false;
        req.onCodecUnsupported?.({ codec: badCodec, showing: 'transcode' });
      };

      /** the hub will not transcode (no slot free, or turned off): the tile says why; a slot may free up later */
      const refused = (stream: LiveStreamName, code: string): boolean => {
        if (stream !== 'transcode' || !isRefusal(code)) return false;
        queueMicrotask(() => {
          if (destroyed) return;
          req.onCodecUnsupported?.({ codec: badCodec, showing: null, refused: code });
          if (code !== 'transcode-busy') return;
          const again = video.dataset.transport === 'hls' ? hls : ws;
          busyTimer = setTimeout(() => {
            busyTimer = null;
            if (destroyed) return;
            awaitingSlot = true;
            inner.destroy();
            again('transcode');
          }, TRANSCODE_BUSY_RETRY_MS);
        });
        return true;
      };

      const hls = (stream: LiveStreamName = req.stream) => {
        clearDiagnostics();
        video.dataset.transport = 'hls';
        req.onAudio?.(null);
        video.dataset.stream = stream;
        video.dataset.playerState = 'loading';
        req.onStateChange('loading');
        inner = createLivePlayer({
          video,
          src: liveUrl(req.cameraId, stream),
          isOnline: req.isOnline,
          onStateChange,
          onUnauthorized: req.onUnauthorized,
          // hls.js names the codec it could not add only loosely: the H.265 main is the only case we serve
          onCodecUnsupported: (codec) => codecProblem(stream, codec ?? 'hvc1', hls),
          onRefused: (code) => refused(stream, code),
        });
      };

      const ws = (stream: LiveStreamName) => {
        clearDiagnostics();
        video.dataset.transport = 'ws';
        video.dataset.stream = stream;
        delete video.dataset.fallback;
        inner = createMsePlayer({
          video,
          cameraId: req.cameraId,
          stream,
          socket: opts.socket,
          isOnline: req.isOnline,
          onStateChange,
          onFallback:
            pref === 'ws'
              ? null
              : (reason) =>
                  queueMicrotask(() => {
                    if (destroyed) return;
                    inner.destroy();
                    video.dataset.fallback = reason;
                    hls(stream);
                  }),
          onCodecUnsupported: (codec) => codecProblem(stream, codec, ws),
          audio: req.audio,
          onAudio: req.onAudio,
          onRefused: (code) => refused(stream, code),
        });
      };

      delete video.dataset.codecFallback;
      if (initialTransport(pref, mediaSourceClass() !== null) === 'hls') hls();
      else ws(req.stream);

      return {
        state: () => inner.state(),
        cameraOnline: () => inner.cameraOnline(),
        restart: () => inner.restart(),
        destroy() {
          destroyed = true;
          if (busyTimer) clearTimeout(busyTimer);
          inner.destroy();
        },
      };
    },
  };
}
