// The wall's toolbar: saved views, layout (1/4/9/16/25/36 tiles), pages, camera count and the clock.
import { h, icon } from '../../dom.ts';
import type { I18n } from '../../i18n/i18n.ts';
import { GRID_SIZES, type GridSize } from '../../settings.ts';
import { createLiveClock } from './live-clock.ts';

export interface WallToolbar {
  el: HTMLElement;
  set(state: { gridSize: GridSize; page: number; pages: number; count: number }): void;
  destroy(): void;
}

export interface WallToolbarOptions {
  i18n: I18n;
  onGridSize(size: GridSize): void;
  onPage(page: number): void;
  /** the saved-view picker, shown first */
  views?: HTMLElement;
  /** the area filter (views/areas/area-filter.ts), after it */
  areaFilter?: HTMLElement;
}

export const GRID_LABEL: Record<GridSize, string> = { 1: '1', 4: '2×2', 9: '3×3', 16: '4×4', 25: '5×5', 36: '6×6' };

export function createWallToolbar(opts: WallToolbarOptions): WallToolbar {
  const { i18n } = opts;
  let page = 0;

  const sizeButtons = GRID_SIZES.map((size) =>
    i18n.attr(
      h('button', { type: 'button', class: 'seg-btn', 'data-grid-size': size, onclick: () => opts.onGridSize(size) }, GRID_LABEL[size]),
      'aria-label',
      'wall.layoutOption',
      { n: size },
    ),
  );
  const picker = i18n.attr(h('div', { class: 'seg', role: 'group' }, ...sizeButtons), 'aria-label', 'wall.layout');
  const layoutLabel = i18n.text(h('span', { class: 'toolbar-label', 'aria-hidden': 'true' }), 'wall.layout');

  const prev = i18n.attr(
    h('button', { type: 'button', class: 'icon-btn', onclick: () => opts.onPage(page - 1) }, icon('prev')),
    'aria-label',
    'wall.prev',
  );
  const next = i18n.attr(
    h('button', { type: 'button', class: 'icon-btn', onclick: () => opts.onPage(page + 1) }, icon('next')),
    'aria-label',
    'wall.next',
  );
  const pageText = h('span', { class: 'pager-text', 'aria-live': 'polite' });
  const pager = h('div', { class: 'pager', hidden: true }, prev, pageText, next);
  const count = h('span', { class: 'wall-count' });
  const clock = createLiveClock(i18n);

  const el = h(
    'div',
    { class: 'wall-toolbar' },
    i18n.text(h('h1', { class: 'visually-hidden' }), 'wall.title'),
    opts.views ?? null,
    opts.areaFilter ?? null,
    h('div', { class: 'toolbar-group' }, layoutLabel, picker),
    pager,
    count,
    h('div', { class: 'toolbar-spacer' }),
    clock.el,
  );

  return {
    el,
    set(state) {
      page = state.page;
      for (const b of sizeButtons) b.setAttribute('aria-pressed', String(Number(b.dataset.gridSize) === state.gridSize));
      pager.hidden = state.pages <= 1;
      i18n.text(pageText, 'wall.page', { page: state.page + 1, pages: state.pages });
      prev.disabled = state.page <= 0;
      next.disabled = state.page >= state.pages - 1;
      i18n.text(count, 'wall.count', { n: state.count });
    },
    destroy: () => clock.destroy(),
  };
}
