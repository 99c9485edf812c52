// The live wall: a grid of 1/4/9/16/25/36 tiles playing sub-streams. Either every camera, paged when there are
// more cameras than tiles, or a saved view (cameras in chosen slots), or an unsaved arrangement. Tiles can be
// dragged onto another slot (or moved with M … M) to swap them.
import type { CameraDto } from '../../../../server/contracts.ts';
import type { AppContext, Page } from '../../app-context.ts';
import { errorMessage } from '../../api/error-message.ts';
import { h } from '../../dom.ts';
import { can, dtoFacts } from '../../../../server/access/permissions.ts';
import { canHandleIncidents } from '../../session.ts';
import type { GridSize } from '../../settings.ts';
import { createFlagLauncher } from '../incidents/flag-popover.ts';
import { attachSlotDrag } from './wall-drag.ts';
import { createSlotControls } from './wall-slot-controls.ts';
import { createWallTile, type WallTile } from './wall-tile.ts';
import { createWallToolbar } from './wall-toolbar.ts';
import { createWallViewPicker } from './wall-view-picker.ts';
import { createWallViewsController, type Arrangement } from './wall-views-controller.ts';
import { createAreaFilter } from '../areas/area-filter.ts';

export function createWallPage(ctx: AppContext, initialPage: number): Page {
  const { i18n, store, settings } = ctx;
  // the wall shows what the person may watch live (an officer also sees cameras to approve or ask footage of: not here)
  const liveOnly = (c: CameraDto | undefined) => (c && can(ctx.user, dtoFacts(c), 'live') ? c : undefined);
  const watchable = () => store.all().filter((c) => liveOnly(c) !== undefined);
  let gridSize: GridSize = settings.gridSize();
  let page = Math.max(0, initialPage);
  let ready = false;
  let destroyed = false;
  /** what is on screen: the slots of the shown page, view or unsaved arrangement */
  let shown: Arrangement = { layout: gridSize, slots: [] };
  const tiles = new Map<string, WallTile>();
  const flagger = canHandleIncidents(ctx.user.role) ? createFlagLauncher(ctx) : null;

  const views = createWallViewsController({
    i18n, api: ctx.wallViewsApi, user: ctx.user, toasts: ctx.toasts,
    onChange: () => render(),
  });
  const picker = createWallViewPicker({
    i18n,
    onPick: (v) => views.pick(v),
    onSave: () => void views.save(shown),
    onEdit: () => void views.edit(),
    onDelete: () => void views.remove(),
    onDiscard: () => views.discard(),
  });
  // one area and those under it (every camera by default)
  const areaFilter = createAreaFilter(ctx, () => setPage(0));
  const toolbar = createWallToolbar({
    i18n,
    views: picker.el,
    areaFilter: areaFilter.el,
    onGridSize(size) {
      if (views.arrangement()) return views.setLayout(shown, size);
      const firstShown = page * gridSize; // keep the first visible camera in view
      gridSize = size;
      settings.setGridSize(size);
      setPage(Math.floor(firstShown / size));
    },
    onPage: (p) => setPage(p),
  });
  const moveHelp = i18n.text(h('p', { class: 'visually-hidden', id: 'wall-move-help' }), 'wallViews.moveHelp');
  const live = h('p', { class: 'visually-hidden', 'aria-live': 'polite' });
  const grid = h('div', { class: 'wall-grid', 'data-testid': 'wall-grid', 'aria-describedby': 'wall-move-help' });
  const body = h('div', { class: 'wall-body' });
  const el = h('section', { class: 'page wall-page' }, toolbar.el, body, moveHelp, live);
  const drag = attachSlotDrag(grid, { i18n, live, onSwap: (from, to) => views.swap(shown, from, to) });
  const slots = createSlotControls({
    i18n,
    cameras: watchable,
    onAssign: (slot, cameraId) => views.assign(shown, slot, cameraId),
  });

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

  const tileFor = (camera: CameraDto): WallTile => {
    let tile = tiles.get(camera.id);
    if (tile) tile.update(camera);
    else {
      tile = createWallTile({
        i18n,
        camera,
        stream: 'sub',
        onOpen: (id) => ctx.navigate(`/focus/${encodeURIComponent(id)}`),
        // the same rules as the hub (server/access/permissions.ts)
        onFlag: flagger && can(ctx.user, dtoFacts(camera), 'flag')
          ? (cam, anchor, at) => flagger.open(anchor, { cameraIds: [cam.id], cameraName: cam.name, occurredAt: at })
          : null,
        review: can(ctx.user, dtoFacts(camera), 'recordings'),
        players: ctx.players,
        onUnauthorized: ctx.sessionExpired,
      });
      tiles.set(camera.id, tile);
    }
    return tile;
  };

  const render = () => {
    if (destroyed) return;
    if (!ready || !store.loaded()) {
      body.replaceChildren(store.loadError() ? loadFailed(ctx) : i18n.text(h('p', { class: 'loading' }), 'wall.loading'));
      return;
    }
    const cameras = watchable().filter(areaFilter.matches);
    const arranged = views.arrangement();
    let pages = 1;
    if (arranged) {
      shown = arranged;
      if (location.pathname + location.search !== '/') ctx.replaceUrl('/');
    } else {
      pages = Math.max(1, Math.ceil(cameras.length / gridSize));
      page = Math.min(Math.max(0, page), pages - 1);
      const ids = cameras.slice(page * gridSize, (page + 1) * gridSize).map((c) => c.id);
      shown = { layout: gridSize, slots: Array.from({ length: gridSize }, (_, i) => ids[i] ?? null) };
      const url = page > 0 ? `/?page=${page + 1}` : '/';
      if (location.pathname + location.search !== url) ctx.replaceUrl(url);
    }
    toolbar.set({ gridSize: shown.layout, page: arranged ? 0 : page, pages, count: cameras.length });
    picker.set(views.pickerState());

    if (cameras.length === 0) {
      destroyTiles(new Set());
      body.replaceChildren(areaFilter.active() ? i18n.text(h('p', { class: 'empty-state muted' }), 'areas.noCamerasHere') : emptyState());
      return;
    }
    const present = shown.slots.map((id) => (id ? liveOnly(store.get(id)) : undefined));
    destroyTiles(new Set(present.filter((c) => c !== undefined).map((c) => c.id)));
    const inSlots = new Set(present.filter((c) => c !== undefined).map((c) => c.id));
    const children: HTMLElement[] = present.map((camera, i) => {
      const child = camera ? tileFor(camera).el : slots.vacant(i, arranged !== null, inSlots);
      if (camera) slots.decorate(child, camera, arranged !== null);
      child.dataset.slot = String(i);
      child.draggable = camera !== undefined;
      return child;
    });
    grid.className = `wall-grid grid-${shown.layout}`;
    grid.dataset.mode = views.mode().kind;
    // Move only what changed, so playing videos keep their place in the DOM where possible.
    children.forEach((child, i) => {
      if (grid.children[i] !== child) grid.insertBefore(child, grid.children[i] ?? null);
    });
    while (grid.children.length > children.length) grid.lastElementChild?.remove();
    if (body.firstElementChild !== grid) body.replaceChildren(grid);
    drag.refresh();
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
  void views.load().finally(() => {
    ready = true;
    render();
  });

  return {
    el,
    destroy() {
      destroyed = true;
      unsubscribe();
      drag.destroy();
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
