// /my — "Camera của tôi": the cameras I registered, each with its status, approval and what it shares; add one,
// open one. Kept current by the camera store (socket pushes).
import type { CameraDto } from '../../../../server/contracts.ts';
import type { AppContext, Page } from '../../app-context.ts';
import { h, icon } from '../../dom.ts';
import { createStatusBadge } from '../status-badge.ts';
import { loadFailed } from '../wall/wall-page.ts';
import { ownCameras } from './resident-logic.ts';
import { approvalChip, residentPage, sharesList } from './resident-parts.ts';

export function createMyPage(ctx: AppContext): Page {
  const { i18n, store } = ctx;
  const add = h('a', { href: '/my/cameras/new', class: 'btn btn-primary btn-big', 'data-link': true, 'data-testid': 'my-add' },
    icon('plus'), i18n.text(h('span', {}), 'my.add'));
  const list = h('div', { class: 'my-list', 'data-testid': 'my-cameras' });
  const el = residentPage(i18n, 'my-page', 'my.title', add, list);

  const card = (c: CameraDto) => {
    const href = `/my/cameras/${encodeURIComponent(c.id)}`;
    return h('article', { class: 'my-card', 'data-camera-id': c.id },
      h('div', { class: 'my-card-head' }, h('h2', { class: 'my-card-name' }, c.name), createStatusBadge(i18n, c.status).el),
      // a pushed camera is "idle" while nobody watches: say whether its picture arrives
      c.source.kind === 'rtmp-push'
        ? i18n.text(h('span', { class: 'chip push-chip', 'data-publishing': String(c.source.publishing) }), c.source.publishing ? 'my.rtmp.publishing' : 'my.rtmp.notPublishing')
        : null,
      c.place ? h('p', { class: 'my-place' }, c.place) : null,
      approvalChip(i18n, c),
      c.approval.state === 'pending' ? i18n.text(h('p', { class: 'hint' }), 'my.pendingShort') : null,
      h('div', { class: 'my-card-shares' }, i18n.text(h('span', { class: 'muted' }), 'my.sharesLabel'), sharesList(i18n, c.shares)),
      i18n.text(h('a', { href, class: 'btn btn-big btn-block', 'data-link': true, 'data-testid': 'my-open' }), 'my.open'),
    );
  };

  const render = () => {
    if (!store.loaded()) {
      list.replaceChildren(store.loadError() ? loadFailed(ctx) : i18n.text(h('p', { class: 'loading' }), 'wall.loading'));
      return;
    }
    const mine = ownCameras(store.all(), ctx.user.id);
    if (mine.length === 0) {
      list.replaceChildren(h('div', { class: 'my-empty', 'data-testid': 'my-empty' },
        i18n.text(h('h2', {}), 'my.empty.title'), i18n.text(h('p', { class: 'muted' }), 'my.empty.body')));
      return;
    }
    list.replaceChildren(...mine.map(card));
  };
  const unsubscribe = store.subscribe(render);
  render();
  return { el, destroy: unsubscribe };
}
