// /my/neighbourhood — "Hàng xóm": the cameras neighbours of my tổ/thôn share with the group, live, one column on a
// phone. A tile opens the camera alone (the focus view).
import type { AppContext, Page } from '../../app-context.ts';
import { h } from '../../dom.ts';
import { loadFailed } from '../wall/wall-page.ts';
import { createWallTile, type WallTile } from '../wall/wall-tile.ts';
import { neighbourCameras } from './resident-logic.ts';
import { residentPage } from './resident-parts.ts';

export function createNeighbourhoodPage(ctx: AppContext): Page {
  const { i18n, store } = ctx;
  const tiles = new Map<string, { tile: WallTile; fig: HTMLElement }>();
  const grid = h('div', { class: 'neighbour-grid', 'data-testid': 'neighbour-grid' });
  const el = residentPage(i18n, 'neighbourhood-page', 'my.neighbourhood.title',
    i18n.text(h('p', { class: 'muted' }), 'my.neighbourhood.intro'), grid);

  const dropAll = () => {
    for (const t of tiles.values()) t.tile.destroy();
    tiles.clear();
  };
  const render = () => {
    if (!store.loaded()) {
      dropAll();
      grid.replaceChildren(store.loadError() ? loadFailed(ctx) : i18n.text(h('p', { class: 'loading' }), 'wall.loading'));
      return;
    }
    const cams = neighbourCameras(store.all(), ctx.user.id);
    for (const [id, t] of tiles) {
      if (!cams.some((c) => c.id === id)) {
        t.tile.destroy();
        tiles.delete(id);
      }
    }
    if (cams.length === 0) {
      grid.replaceChildren(i18n.text(h('p', { class: 'my-empty', 'data-testid': 'neighbour-empty' }), 'my.neighbourhood.empty'));
      return;
    }
    const els = cams.map((c) => {
      const caption = h('figcaption', { class: 'my-place' }, c.place ?? '');
      const had = tiles.get(c.id);
      if (had) {
        had.tile.update(c);
        had.fig.querySelector('figcaption')?.replaceWith(caption);
        return had.fig;
      }
      const tile = createWallTile({
        i18n, camera: c, stream: c.hasSub ? 'sub' : 'main', onFlag: null, review: false, players: ctx.players,
        onOpen: (id) => ctx.navigate(`/focus/${encodeURIComponent(id)}`), onUnauthorized: ctx.sessionExpired,
      });
      const fig = h('figure', { class: 'neighbour-item' }, tile.el, caption);
      tiles.set(c.id, { tile, fig });
      return fig;
    });
    // moving a playing <video> in the document is avoided unless the list itself changed
    if (els.length !== grid.children.length || els.some((e, i) => grid.children[i] !== e)) grid.replaceChildren(...els);
  };
  const unsubscribe = store.subscribe(render);
  render();
  return {
    el,
    destroy() {
      unsubscribe();
      dropAll();
    },
  };
}
