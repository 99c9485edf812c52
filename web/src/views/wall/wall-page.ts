// The live wall: a grid of 1/4/9/16 tiles playing sub-streams, paged when there are more cameras than tiles.
import type { AppContext, Page } from '../../app-context.ts';
import { errorMessage } from '../../api/error-message.ts';
import { h } from '../../dom.ts';
import { canHandleIncidents } from '../../session.ts';
import type { GridSize } from '../../settings.ts';
import { createFlagLauncher } from '../incidents/flag-popover.ts';
import { createWallTile, type WallTile } from './wall-tile.ts';
import { createWallToolbar } from './wall-toolbar.ts';

export function createWallPage(ctx: AppContext, initialPage: number): Page {
  const { i18n, store, settings } = ctx;
  let gridSize: GridSize = settings.gridSize();
  let page = Math.max(0, initialPage);
  const tiles = new Map<string, WallTile>();
  const flagger = canHandleIncidents(ctx.user.role) ? createFlagLauncher(ctx) : null;

  const toolbar = createWallToolbar({
    i18n,
    onGridSize(size) {
      const firstShown = page * gridSize; // keep the first visible camera in view
      gridSize = size;
      settings.setGridSize(size);
      setPage(Math.floor(firstShown / size));
    },
    onPage: (p) => setPage(p),
  });
  const grid = h('div', { class: 'wall-grid', 'data-testid': 'wall-grid' });
  const body = h('div', { class: 'wall-body' });
  const el = h('section', { class: 'page wall-page' }, toolbar.el, body);

  const setPage = (p: number) => {
    page = p;
    render();
  };

  const emptyState = (): HTMLElement => {
    const isAdmin = ctx.user.role === 'admin';
    const action = isAdmin
      ? i18n.text(
          h('a', {
            class: 'btn btn-primary',
            href: '/cameras?add=1',
            'data-link': true,
          }),
          'wall.emptyAdd',
        )
      : i18n.text(h('p', { class: 'muted' }), 'wall.emptyAskAdmin');
    return h(
      'div',
      { class: 'empty-state', 'data-testid': 'wall-empty' },
      i18n.text(h('h2', {}), 'wall.emptyTitle'),
      isAdmin ? i18n.text(h('p', {}), 'wall.emptyBody') : null,
      action,
    );
  };

  const render = () => {
    if (!store.loaded()) {
      body.replaceChildren(store.loadError() ? loadFailed(ctx) : i18n.text(h('p', { class: 'loading' }), 'wall.loading'));
      return;
    }
    const cameras = store.all();
    const pages = Math.max(1, Math.ceil(cameras.length / gridSize));
    page = Math.min(Math.max(0, page), pages - 1);
    const url = page > 0 ? `/?page=${page + 1}` : '/';
    if (location.pathname + location.search !== url) ctx.replaceUrl(url);
    toolbar.set({ gridSize, page, pages, count: cameras.length });

    if (cameras.length === 0) {
      destroyTiles(new Set());
      body.replaceChildren(emptyState());
      return;
    }
    const shown = cameras.slice(page * gridSize, (page + 1) * gridSize);
    destroyTiles(new Set(shown.map((c) => c.id)));
    const children: HTMLElement[] = shown.map((camera) => {
      let tile = tiles.get(camera.id);
      if (tile) tile.update(camera);
      else {
        tile = createWallTile({
          i18n,
          camera,
          stream: 'sub',
          onOpen: (id) => ctx.navigate(`/focus/${encodeURIComponent(id)}`),
          onFlag: flagger
            ? (cam, anchor, at) => flagger.open(anchor, { cameraIds: [cam.id], cameraName: cam.name, occurredAt: at })
            : null,
          review: ctx.user.role !== 'resident',
          onUnauthorized: ctx.sessionExpired,
        });
        tiles.set(camera.id, tile);
      }
      return tile.el;
    });
    for (let i = shown.length; i < gridSize; i++) children.push(h('div', { class: 'tile tile-vacant', 'aria-hidden': 'true' }));
    grid.className = `wall-grid grid-${gridSize}`;
    // Move only what changed, so playing videos keep their place in the DOM where possible.
    children.forEach((child, i) => {
      if (grid.children[i] !== child) grid.insertBefore(child, grid.children[i] ?? null);
    });
    while (grid.children.length > children.length) grid.lastElementChild?.remove();
    if (body.firstElementChild !== grid) body.replaceChildren(grid);
  };

  const destroyTiles = (keep: Set<string>) => {
    for (const [id, tile] of tiles) {
      if (keep.has(id)) continue;
      tile.destroy();
      tiles.delete(id);
    }
  };

  const unsubscribe = store.subscribe((change) => {
    if (change.type === 'status') {
      const camera = store.get(change.cameraId);
      if (camera) tiles.get(camera.id)?.update(camera);
    } else render();
  });
  render();

  return {
    el,
    destroy() {
      unsubscribe();
      flagger?.destroy();
      destroyTiles(new Set());
      toolbar.destroy();
    },
  };
}

/** The camera list could not be loaded: say why and offer to try again. */
export function loadFailed(ctx: AppContext): HTMLElement {
  const { i18n, store } = ctx;
  const retry = i18n.text(h('button', { type: 'button', class: 'btn btn-primary' }), 'wall.retry');
  const el = h(
    'div',
    { class: 'empty-state', role: 'alert', 'data-testid': 'load-failed' },
    i18n.text(h('h2', {}), 'wall.loadFailed'),
    h('p', { class: 'muted' }, errorMessage(i18n, store.loadError())),
    retry,
  );
  retry.addEventListener('click', () => {
    retry.disabled = true;
    store.refresh().catch(() => undefined);
  });
  return el;
}
