// One tile of the wall: a camera's sub-stream with its name, status badge and demo label.
import type { CameraDto, StreamName } from '../../../../server/contracts.ts';
import { h, icon } from '../../dom.ts';
import type { I18n } from '../../i18n/i18n.ts';
import { createLivePlayer, type LivePlayer } from '../../player/live-player.ts';
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
  onUnauthorized(): void;
}

export function liveUrl(cameraId: string, stream: StreamName): string {
  return `/live/${encodeURIComponent(cameraId)}/${stream}/index.m3u8`;
}

export function createWallTile(opts: WallTileOptions): WallTile {
  const { i18n, onOpen } = opts;
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
  const name = h('span', { class: 'tile-name' });
  const demo = i18n.attr(i18n.text(h('span', { class: 'tile-demo' }), 'camera.demo'), 'title', 'camera.demoTitle');
  const badge = createStatusBadge(i18n, camera.status);
  const errorLine = h('span', { class: 'tile-error' });
  const offlineNote = h(
    'div',
    { class: 'tile-overlay' },
    icon('offline', 'icon tile-overlay-icon'),
    i18n.text(h('span', { class: 'tile-overlay-title' }), 'status.offline'),
    i18n.text(h('span', { class: 'tile-overlay-sub' }), 'wall.retrying'),
    errorLine,
  );
  const waiting = h('div', { class: 'tile-wait', 'aria-hidden': 'true' }, icon('connecting'), i18n.text(h('span', {}), 'status.connecting'));
  const el = h(
    'div',
    { class: 'tile', 'data-camera-id': camera.id, 'data-player': 'loading' },
    video,
    waiting,
    offlineNote,
    h('div', { class: 'tile-bar' }, h('span', { class: 'tile-title' }, name, demo), badge.el),
  );

  const open = () => onOpen?.(camera.id);
  if (onOpen) {
    el.tabIndex = 0;
    el.setAttribute('role', 'button');
    badge.el.id = `tile-status-${opts.stream}-${camera.id}`;
    el.setAttribute('aria-describedby', badge.el.id);
    el.addEventListener('click', open);
    el.addEventListener('keydown', (ev) => {
      if (ev.key === 'Enter' || ev.key === ' ') {
        ev.preventDefault();
        open();
      }
    });
  }

  const render = () => {
    el.dataset.status = camera.status;
    name.textContent = camera.name;
    demo.hidden = !camera.demo;
    badge.set(camera.status);
    if (onOpen) i18n.attr(el, 'aria-label', 'wall.openFocus', { name: camera.name });
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

  const player: LivePlayer = createLivePlayer({
    video,
    src: liveUrl(camera.id, opts.stream),
    isOnline: () => camera.status === 'online',
    onUnauthorized: opts.onUnauthorized,
    onStateChange: (state) => {
      el.dataset.player = state;
    },
  });

  return {
    el,
    update(next) {
      const wasOnline = camera.status === 'online';
      camera = next;
      render();
      if (!wasOnline && next.status === 'online') player.cameraOnline();
    },
    destroy() {
      player.destroy();
      el.remove();
    },
  };
}
