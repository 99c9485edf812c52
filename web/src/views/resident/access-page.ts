// /my/access — "Nhật ký truy cập": who watched, played back, took stills of or exported any of my cameras, newest
// first (each camera's log, GET /api/cameras/:id/access-log, merged).
import type { AppContext, Page } from '../../app-context.ts';
import { errorMessage } from '../../api/error-message.ts';
import type { MyCamerasApi } from '../../api/my-cameras-api.ts';
import { h } from '../../dom.ts';
import { accessLogList } from './access-log-list.ts';
import { mergeAccessLogs, ownCameras } from './resident-logic.ts';
import { residentPage } from './resident-parts.ts';

export function createAccessPage(ctx: AppContext, api: MyCamerasApi): Page {
  const { i18n, store } = ctx;
  const box = h('div', {}, i18n.text(h('p', { class: 'loading' }), 'wall.loading'));
  const el = residentPage(i18n, 'access-page', 'my.access.title', i18n.text(h('p', { class: 'muted' }), 'my.access.intro'), box);
  let loadedFor = '';
  let alive = true;
  const load = () => {
    if (!store.loaded()) return;
    const mine = ownCameras(store.all(), ctx.user.id);
    const key = mine.map((c) => c.id).join();
    if (key === loadedFor) return;
    loadedFor = key;
    Promise.all(mine.map(async (c) => ({ cameraName: c.name, entries: await api.accessLog(c.id) }))).then(
      (lists) => alive && box.replaceChildren(accessLogList(i18n, mergeAccessLogs(lists), true)),
      (err: unknown) => alive && box.replaceChildren(h('p', { class: 'form-error' }, errorMessage(i18n, err))),
    );
  };
  const unsubscribe = store.subscribe(load);
  load();
  return {
    el,
    destroy() {
      alive = false;
      unsubscribe();
    },
  };
}
