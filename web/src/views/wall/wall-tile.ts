// One tile of the wall: a camera's live stream with its name, status badge, demo label and actions
// (flag an incident, review recordings). The whole tile opens the focus view, through a transparent button
// under the actions, so no control is nested inside another.
import type { CameraDto, LiveStreamName, StreamName } from '../../../../server/contracts.ts';
import { h, icon } from '../../dom.ts';
import type { I18n } from '../../i18n/i18n.ts';
import type { LivePlayer } from '../../player/live-player.ts';
import { watchOnScreen } from '../../player/on-screen.ts';
import { codecLabel, liveUrl, type LivePlayers } from '../../player/transport.ts';
import { createStatusBadge } from '../status-badge.ts';

export interface WallTile {
  el: HTMLElement;
  update(camera: CameraDto): void;
  destroy(): void;
}

export interface WallTileOptions {
  i18n: I18n;
  camera: CameraDto;
  stream: StreamName;
  /** the tile opens the focus view; null for the focus view itself */
  onOpen: ((cameraId: string) => void) | null;
  /** flag an incident; `anchor` is the flag button, `at` the moment it was pressed. null: not allowed */
  onFlag: ((camera: CameraDto, anchor: HTMLElement, at: Date) => void) | null;
  /** show the "review recordings" link */
  review: boolean;
  /** builds the tile's live player on the transport in force (push socket or LL-HLS) */
  players: LivePlayers;
  onUnauthorized(): void;
  /** the stream the tile plays changed (the sub or the hub's transcode instead of a main the browser cannot decode, or back) */
  onShowing?(stream: LiveStreamName): void;
  /** play the camera's audio too, muted until the user unmutes (the focused view; never the wall) */
  audio?: boolean;
  /** whether audio plays with the video now (its codec, or null), and the element that plays it */
  onAudio?(codec: string | null, video: HTMLVideoElement): void;
}

export { liveUrl };

export function createWallTile(opts: WallTileOptions): WallTile {
  const { i18n, onOpen, onFlag } = opts;
  let camera = opts.camera;

  const video = h('video', {
    class: 'tile-video',
    'data-testid': 'live-video',
    muted: true,
    autoplay: true,
    playsinline: true,
    disablepictureinpicture: true,
    'aria-hidden': 'true',
  });
  video.muted = true; // the attribute alone is only the default; the focused view's unmute button changes this
  // an ONVIF camera's own snapshot (cheap for the hub) is the poster until the first frame plays
  if (camera.source.kind === 'onvif') video.poster = `/api/cameras/${encodeURIComponent(camera.id)}/snapshot.jpg`;
  const name = h('span', { class: 'tile-name' });
  const demo = i18n.attr(i18n.text(h('span', { class: 'tile-demo' }), 'camera.demo'), 'title', 'camera.demoTitle');
  const badge = createStatusBadge(i18n, camera.status);
  badge.el.id = `tile-status-${opts.stream}-${camera.id}`;
  const errorLine = h('span', { class: 'tile-error' });
  const offlineNote = h(
    'div',
    { class: 'tile-overlay' },
    icon('offline', 'icon tile-overlay-icon'),
    i18n.text(h('span', { class: 'tile-overlay-title' }), 'status.offline'),
    i18n.text(h('span', { class: 'tile-overlay-sub' }), 'wall.retrying'),
    errorLine,
  );
  // Before the first picture: a spinner with words. Once a picture is shown, only a small corner spinner
  // while the player is not (yet, or no longer) advancing — never words over a picture.
  const waitLabel = h('span', { class: 'tile-wait-label' });
  const waiting = h('div', { class: 'tile-wait', 'data-testid': 'tile-wait', 'aria-hidden': 'true' }, icon('connecting'), waitLabel);
  const buffering = h('div', { class: 'tile-buffering', 'aria-hidden': 'true' }, icon('connecting'));
  // the browser cannot decode the stream's codec (H.265): the sub-stream or the hub's H.264 transcode plays instead
  // (labelled), or this says why nothing does
  const codecNote = h('div', { class: 'tile-codec-note', 'data-testid': 'tile-codec-note', role: 'status', hidden: true });
  const unsupportedTitle = h('span', { class: 'tile-overlay-title' });
  const unsupportedWhy = h('span', { class: 'tile-overlay-sub' });
  const unsupported = h('div', { class: 'tile-unsupported', 'data-testid': 'tile-unsupported', role: 'status', hidden: true },
    icon('offline', 'icon tile-overlay-icon'), unsupportedTitle, unsupportedWhy);
  /** the transcode's label names the size it arrives in (the hub's limit, or the camera's own when smaller) */
  let transcodeCodec: string | null = null;
  const labelTranscode = () => {
    if (transcodeCodec === null) return;
    const size = video.videoWidth > 0 ? `${video.videoWidth}×${video.videoHeight}` : null;
    if (size) i18n.text(codecNote, 'wall.codecShowingTranscodeSize', { codec: transcodeCodec, size });
    else i18n.text(codecNote, 'wall.codecShowingTranscode', { codec: transcodeCodec });
  };
  video.addEventListener('resize', labelTranscode);

  const openBtn = onOpen
    ? h('button', { type: 'button', class: 'tile-open', 'aria-describedby': badge.el.id, 'data-testid': 'tile-open' })
    : null;
  const flagBtn = onFlag
    ? i18n.attr(
        h(
          'button',
          { type: 'button', class: 'tile-action tile-flag', 'aria-haspopup': 'dialog', 'aria-expanded': 'false', 'data-testid': 'tile-flag' },
          icon('flag'),
          i18n.text(h('span', { class: 'tile-action-text' }), 'flag.button'),
        ),
        'title',
        'flag.buttonTitle',
      )
    : null;
  const reviewLink = opts.review
    ? i18n.attr(
        h(
          'a',
          { class: 'tile-action tile-review', href: `/review/${encodeURIComponent(camera.id)}`, 'data-link': true, 'data-testid': 'tile-review' },
          icon('history'),
          i18n.text(h('span', { class: 'tile-action-text' }), 'review.tileLink'),
        ),
        'title',
        'review.tileLinkTitle',
      )
    : null;

  const el = h(
    'div',
    { class: 'tile', 'data-camera-id': camera.id, 'data-player': 'loading' },
    video,
    waiting,
    buffering,
    offlineNote,
    unsupported,
    openBtn,
    codecNote,
    h('div', { class: 'tile-bar' }, h('span', { class: 'tile-title' }, name, demo), badge.el),
    flagBtn || reviewLink ? h('div', { class: 'tile-actions' }, reviewLink, flagBtn) : null,
  );

  const flag = () => {
    if (!flagBtn || !onFlag) return;
    onFlag(camera, flagBtn, new Date());
  };
  flagBtn?.addEventListener('click', (ev) => {
    ev.stopPropagation();
    flag();
  });
  openBtn?.addEventListener('click', () => onOpen?.(camera.id));
  el.addEventListener('keydown', (ev) => {
    if ((ev.key === 'f' || ev.key === 'F') && !ev.ctrlKey && !ev.metaKey && !ev.altKey && flagBtn) {
      ev.preventDefault();
      flag();
    }
  });

  // A picture is on screen from the first decoded frame until the player tears the media down.
  const onFrame = () => {
    if (video.readyState >= HTMLMediaElement.HAVE_CURRENT_DATA) el.dataset.frame = 'yes';
  };
  const onEmptied = () => {
    delete el.dataset.frame;
  };
  video.addEventListener('loadeddata', onFrame);
  video.addEventListener('timeupdate', onFrame);
  video.addEventListener('emptied', onEmptied);

  const render = () => {
    el.dataset.status = camera.status;
    name.textContent = camera.name;
    demo.hidden = !camera.demo;
    badge.set(camera.status);
    // the hub already has media: what we wait for is the picture, not the connection
    i18n.text(waitLabel, camera.status === 'online' ? 'wall.loadingVideo' : 'status.connecting');
    if (openBtn) i18n.attr(openBtn, 'aria-label', 'wall.openFocus', { name: camera.name });
    const err = camera.status === 'offline' && camera.lastError ? camera.lastError : null;
    if (err) {
      i18n.attr(el, 'title', 'wall.lastError', { error: err });
      errorLine.textContent = err;
    } else {
      i18n.clearAttr(el, 'title');
      errorLine.textContent = '';
    }
  };
  render();

  // The player runs only while the tile can be seen: off screen or in a hidden tab for a few seconds, it is
  // torn down (the hub's camera session may then go idle) and built again when the tile is seen.
  let player: LivePlayer | null = null;
  const startPlayer = () => {
    el.dataset.player = 'loading';
    codecNote.hidden = true;
    unsupported.hidden = true;
    transcodeCodec = null;
    if (el.dataset.codecProblem === 'sub' || el.dataset.codecProblem === 'transcode') opts.onShowing?.(opts.stream);
    delete el.dataset.codecProblem;
    player = opts.players.create({
      video,
      cameraId: camera.id,
      stream: opts.stream,
      hasSub: camera.hasSub,
      audio: opts.audio,
      onAudio: opts.onAudio && ((codec) => opts.onAudio!(codec, video)),
      isOnline: () => camera.status === 'online',
      onUnauthorized: opts.onUnauthorized,
      onStateChange: (state) => {
        el.dataset.player = state;
      },
      onCodecUnsupported: ({ codec, showing, refused }) => {
        const name = codecLabel(codec);
        transcodeCodec = showing === 'transcode' ? name : null;
        if (showing) {
          el.dataset.codecProblem = showing;
          opts.onShowing?.(showing);
          if (showing === 'transcode') labelTranscode();
          else i18n.text(codecNote, 'wall.codecShowingSub', { codec: name });
          codecNote.hidden = false;
          unsupported.hidden = true; // a transcode slot freed up after a refusal
        } else {
          el.dataset.codecProblem = refused ?? 'none';
          codecNote.hidden = true;
          i18n.text(unsupportedTitle, 'wall.codecUnsupported', { codec: name });
          // no slot free: say so; turned off (or nothing to try): what the camera's owner can change
          i18n.text(unsupportedWhy, refused === 'transcode-busy' ? 'error.transcode-busy' : 'wall.codecUnsupportedFix');
          unsupported.hidden = false;
        }
      },
    });
  };
  startPlayer();
  const onScreen = watchOnScreen(el, {
    doc: document,
    onSuspend() {
      player?.destroy();
      player = null;
      el.dataset.suspended = 'yes';
      el.dataset.player = 'suspended';
    },
    onResume() {
      delete el.dataset.suspended;
      startPlayer();
    },
  });

  return {
    el,
    update(next) {
      const wasOnline = camera.status === 'online';
      camera = next;
      render();
      if (!wasOnline && next.status === 'online') player?.cameraOnline();
    },
    destroy() {
      onScreen.destroy();
      player?.destroy();
      player = null;
      video.removeEventListener('loadeddata', onFrame);
      video.removeEventListener('timeupdate', onFrame);
      video.removeEventListener('emptied', onEmptied);
      video.removeEventListener('resize', labelTranscode);
      el.remove();
    },
  };
}
