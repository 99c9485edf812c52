// One camera alone on its main stream. Esc or the back button returns to the wall.
import type { AppContext, Page } from '../../app-context.ts';
import { h, icon } from '../../dom.ts';
import { can, dtoFacts, isStaff } from '../../../../server/access/permissions.ts';
import { canHandleIncidents } from '../../session.ts';
import { healthUrl } from '../health/health-url.ts';
import { createFlagLauncher } from '../incidents/flag-popover.ts';
import { footageRequestButton } from '../requests/request-dialog.ts';
import { createPtzPad, type PtzPad } from './ptz/ptz-pad.ts';
import { loadFailed } from './wall-page.ts';
import { createWallTile, type WallTile } from './wall-tile.ts';

export function createFocusPage(ctx: AppContext, cameraId: string): Page {
  const { i18n, store } = ctx;
  let tile: WallTile | null = null;
  let ptz: PtzPad | null = null;
  const dropPtz = () => {
    ptz?.destroy();
    ptz?.el.remove();
    ptz = null;
  };
  const flagger = canHandleIncidents(ctx.user.role) ? createFlagLauncher(ctx) : null;

  const goBack = () => ctx.back('/');
  const backBtn = h(
    'button',
    { type: 'button', class: 'btn btn-ghost', 'data-testid': 'focus-back', onclick: goBack },
    icon('back'),
    i18n.text(h('span', {}), 'focus.back'),
  );
  const title = h('h1', { class: 'focus-title' });
  // the camera's diagnostics (status history, uptime, last error with advice): staff only, like the page itself
  const healthLink = isStaff(ctx.user.role)
    ? i18n.text(h('a', { class: 'btn btn-ghost', href: healthUrl(cameraId), 'data-link': true, 'data-testid': 'focus-health' }), 'health.link')
    : null;
  const stage = h('div', { class: 'focus-stage' });
  // "Yêu cầu trích xuất hình ảnh" for cameras their owners share with the police on request
  const requestSlot = h('span', { class: 'focus-request' });
  // "main stream", or "sub-stream" when the browser cannot decode the main's codec and the tile plays the sub
  const streamChip = i18n.text(h('span', { class: 'chip', 'data-testid': 'focus-stream' }), 'focus.mainStream');
  // the camera's sound: shown only while audio plays with the video, which starts muted until the officer unmutes
  const sound = { btn: h('button', { type: 'button', class: 'btn btn-ghost', 'data-testid': 'focus-unmute' }), video: null as HTMLVideoElement | null };
  sound.btn.hidden = true;
  const labelSound = () => i18n.text(sound.btn, sound.video && !sound.video.muted ? 'focus.mute' : 'focus.unmute');
  sound.btn.addEventListener('click', () => {
    if (sound.video) sound.video.muted = !sound.video.muted;
    labelSound();
  });
  const el = h(
    'section',
    { class: 'page focus-page', 'data-testid': 'focus-view' },
    h(
      'div',
      { class: 'focus-bar' },
      backBtn,
      title,
      streamChip,
      sound.btn,
      healthLink,
      requestSlot,
      h('div', { class: 'toolbar-spacer' }),
      i18n.text(h('span', { class: 'muted focus-hint' }), 'focus.hint'),
    ),
    stage,
  );

  const onKey = (ev: KeyboardEvent) => {
    if (ev.defaultPrevented) return;
    if (ev.key === 'Escape') {
      ev.preventDefault();
      goBack();
    } else if ((ev.key === 'f' || ev.key === 'F') && !ev.ctrlKey && !ev.metaKey && !ev.altKey && !isTyping(ev.target)) {
      // F anywhere on the focus view flags its camera
      const btn = tile?.el.querySelector<HTMLElement>('[data-testid="tile-flag"]');
      if (btn) {
        ev.preventDefault();
        btn.click();
      }
    }
  };
  document.addEventListener('keydown', onKey);

  const render = () => {
    if (!store.loaded()) {
      stage.replaceChildren(store.loadError() ? loadFailed(ctx) : i18n.text(h('p', { class: 'loading' }), 'wall.loading'));
      return;
    }
    const camera = store.get(cameraId);
    if (!camera) {
      dropPtz();
      tile?.destroy();
      tile = null;
      title.textContent = '';
      stage.replaceChildren(i18n.text(h('p', { class: 'empty-state' }), 'focus.notFound'));
      return;
    }
    title.textContent = camera.name;
    requestSlot.replaceChildren(footageRequestButton(ctx, camera, false) ?? '');
    document.title = `${camera.name} · ${i18n.t('app.name')}`;
    if (tile) tile.update(camera);
    else {
      tile = createWallTile({
        i18n,
        camera,
        stream: 'main',
        onOpen: null,
        // the same rules as the hub (server/access/permissions.ts)
        onFlag: flagger && can(ctx.user, dtoFacts(camera), 'flag')
          ? (cam, anchor, at) => flagger.open(anchor, { cameraIds: [cam.id], cameraName: cam.name, occurredAt: at })
          : null,
        review: can(ctx.user, dtoFacts(camera), 'recordings'),
        players: ctx.players,
        onUnauthorized: ctx.sessionExpired,
        audio: true,
        onAudio: (codec, video) => {
          sound.video = video;
          sound.btn.hidden = codec === null;
          labelSound();
        },
        onShowing: (stream) => i18n.text(streamChip, stream === 'sub' ? 'focus.subStream' : stream === 'transcode' ? 'focus.transcode' : 'focus.mainStream'),
      });
      tile.el.classList.add('tile-focus');
      stage.replaceChildren(tile.el);
    }
    // PTZ pad over the picture, for cameras that have PTZ and users who may steer them
    if (camera.ptz && can(ctx.user, dtoFacts(camera), 'ptz')) {
      ptz ??= createPtzPad({ i18n, api: ctx.ptzApi, toasts: ctx.toasts, cameraId, keyScope: el });
      if (!ptz.el.isConnected) stage.append(ptz.el);
    } else dropPtz();
  };

  const unsubscribe = store.subscribe(render);
  render();
  queueMicrotask(() => backBtn.focus());

  return {
    el,
    destroy() {
      document.removeEventListener('keydown', onKey);
      flagger?.destroy();
      unsubscribe();
      dropPtz();
      tile?.destroy();
      tile = null;
    },
  };
}

function isTyping(target: EventTarget | null): boolean {
  return target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement;
}
