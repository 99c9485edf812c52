// /my/cameras/:id — my camera: live picture (the wall's tile and player), approval, what it shares (consent-panel),
// who watched it, its name and place, the RTMP address again, the printed notice, delete.
import type { CameraDto } from '../../../../server/contracts.ts';
import type { AppContext, Page } from '../../app-context.ts';
import { errorMessage } from '../../api/error-message.ts';
import type { MyCamerasApi } from '../../api/my-cameras-api.ts';
import { append, h, icon } from '../../dom.ts';
import type { MessageKey } from '../../i18n/i18n.ts';
import { createField } from '../cameras/add/form-field.ts';
import { confirmDialog } from '../cameras/confirm-dialog.ts';
import { createStatusBadge } from '../status-badge.ts';
import { loadFailed } from '../wall/wall-page.ts';
import { createWallTile, type WallTile } from '../wall/wall-tile.ts';
import { accessLogList } from './access-log-list.ts';
import { createConsentPanel, type ConsentPanel } from './consent-panel.ts';
import { approvalChip, residentPage } from './resident-parts.ts';
import { createRtmpSetup, type RtmpSetup } from './rtmp-setup.ts';

export function createCameraPage(ctx: AppContext, api: MyCamerasApi, cameraId: string): Page {
  const { i18n, store } = ctx;
  let tile: WallTile | null = null;
  let consent: ConsentPanel | null = null;
  let setup: RtmpSetup | null = null;
  let built = false;
  const head = h('div', { class: 'cam-head' });
  const content = h('div', { class: 'cam-content' });
  const back = h('a', { href: '/my', class: 'btn btn-ghost back-link', 'data-link': true }, icon('back'), i18n.text(h('span', {}), 'my.backToList'));
  const el = residentPage(i18n, 'camera-page', 'my.title', back, head, content);
  el.querySelector('.resident-title')?.classList.add('visually-hidden');

  const section = (title: MessageKey, ...body: (Node | null)[]) =>
    h('section', { class: 'resident-section' }, i18n.text(h('h2', {}), title), ...body);

  const renderHead = (c: CameraDto) => {
    document.title = `${c.name} · ${i18n.t('app.name')}`;
    head.replaceChildren();
    append(head,
      h('div', { class: 'my-card-head' }, h('h2', { class: 'cam-name', 'data-testid': 'cam-name' }, c.name), createStatusBadge(i18n, c.status).el),
      c.place ? h('p', { class: 'my-place' }, c.place) : null,
      approvalChip(i18n, c),
      c.approval.state === 'pending' ? i18n.text(h('p', { class: 'hint' }), 'my.pendingExplain') : null);
  };

  const accessBox = h('div', {});
  const loadAccess = () => {
    api.accessLog(cameraId).then(
      (entries) => accessBox.replaceChildren(accessLogList(i18n, entries, false)),
      (err: unknown) => accessBox.replaceChildren(h('p', { class: 'form-error' }, errorMessage(i18n, err))),
    );
  };

  const editForm = (c: CameraDto) => {
    const name = createField(i18n, { id: 'cam-edit-name', label: 'form.name', value: c.name, maxlength: 100 });
    const place = createField(i18n, { id: 'cam-edit-place', label: 'my.place', value: c.place ?? '', maxlength: 120 });
    const error = h('p', { class: 'form-error', role: 'alert' });
    const save = i18n.text(h('button', { type: 'submit', class: 'btn btn-big btn-block', 'data-testid': 'cam-edit-save' }), 'my.edit.save');
    const form = h('form', { class: 'reg-form', novalidate: true }, name.el, place.el, error, save);
    form.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      if (!name.value()) return name.setError('form.nameRequired');
      if (!place.value()) return place.setError('my.placeRequired');
      name.setError(null);
      place.setError(null);
      save.disabled = true;
      error.textContent = '';
      try {
        store.put(await api.edit(cameraId, { name: name.value(), place: place.value() }));
        ctx.toasts.show({ text: 'my.edit.saved' });
      } catch (err) {
        error.textContent = errorMessage(i18n, err);
      } finally {
        save.disabled = false;
      }
    });
    return form;
  };

  const remove = async (c: CameraDto) => {
    const ok = await confirmDialog(i18n, { title: 'my.delete.title', body: 'my.delete.body', params: { name: c.name }, confirm: 'my.delete.confirm', danger: true });
    if (!ok) return;
    try {
      await ctx.camerasApi.remove(cameraId);
      store.drop(cameraId);
      ctx.navigate('/my', { replace: true });
    } catch (err) {
      ctx.toasts.show({ text: 'my.delete.failed', params: { reason: errorMessage(i18n, err) }, kind: 'error' });
    }
  };

  const build = (c: CameraDto) => {
    built = true;
    tile = createWallTile({
      i18n, camera: c, stream: c.hasSub ? 'sub' : 'main', onOpen: null, onFlag: null, review: false,
      players: ctx.players, onUnauthorized: ctx.sessionExpired,
    });
    tile.el.classList.add('resident-tile');
    consent = createConsentPanel(i18n, api, ctx.toasts, c, (next) => store.put(next));
    setup = c.source.kind === 'rtmp-push' ? createRtmpSetup(i18n, store, c) : null;
    const del = i18n.text(h('button', { type: 'button', class: 'btn btn-danger btn-big btn-block', 'data-testid': 'cam-delete' }), 'my.delete.button');
    del.addEventListener('click', () => void remove(store.get(cameraId) ?? c));
    content.replaceChildren();
    append(content,
      h('div', { class: 'resident-live' }, tile.el),
      section('my.consent.title', consent.el),
      section('my.access.cameraTitle', accessBox),
      setup ? h('details', { class: 'resident-section rtmp-details' }, i18n.text(h('summary', {}), 'my.rtmp.again'), setup.el) : null,
      section('my.edit.title', editForm(c)),
      h('section', { class: 'resident-section cam-actions' },
        i18n.text(h('a', { href: `/notice/${encodeURIComponent(cameraId)}`, class: 'btn btn-big btn-block', 'data-link': true, 'data-testid': 'cam-notice' }), 'my.notice'),
        del));
    loadAccess();
  };

  const render = () => {
    if (!store.loaded()) {
      content.replaceChildren(store.loadError() ? loadFailed(ctx) : i18n.text(h('p', { class: 'loading' }), 'wall.loading'));
      return;
    }
    const c = store.get(cameraId);
    if (!c || c.owner?.id !== ctx.user.id) {
      tile?.destroy();
      tile = null;
      built = false;
      head.replaceChildren();
      content.replaceChildren(i18n.text(h('p', { class: 'empty-state', 'data-testid': 'cam-not-found' }), 'my.notFound'));
      return;
    }
    renderHead(c);
    if (!built) build(c);
    else {
      tile?.update(c);
      consent?.update(c);
    }
  };
  const unsubscribe = store.subscribe(render);
  render();
  return {
    el,
    destroy() {
      unsubscribe();
      tile?.destroy();
      setup?.destroy();
    },
  };
}
