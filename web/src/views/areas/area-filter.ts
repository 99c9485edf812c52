// "Khu vực: [Tất cả khu vực ▾]" on the wall and the cameras list: shows the cameras of one area and of the areas
// under it. The choice is kept for the tab (both pages share it); hidden while the commune has no areas.
import type { AreaDto } from '../../../../server/contracts.ts';
import { isStaff } from '../../../../server/access/permissions.ts';
import { areaApisFor } from '../../api/areas-api.ts';
import type { AppContext } from '../../app-context.ts';
import { h } from '../../dom.ts';
import { areaOptions, subtree } from './area-tree.ts';

const KEY = 'mt.areaFilter';

export interface AreaFilter {
  el: HTMLElement;
  /** whether a camera is in the chosen area (or under it); every camera when none is chosen */
  matches(camera: { areaId: number | null }): boolean;
  /** an area is chosen */
  active(): boolean;
}

export function createAreaFilter(ctx: AppContext, onChange: () => void): AreaFilter {
  const { i18n } = ctx;
  let areas: AreaDto[] = [];
  let inside: Set<number> | null = null;
  const select = h('select', { id: 'area-filter', 'data-testid': 'area-filter' }, i18n.text(h('option', { value: '' }), 'areas.all'));
  const el = h('div', { class: 'area-filter toolbar-group', hidden: true },
    i18n.text(h('label', { for: 'area-filter', class: 'toolbar-label' }), 'areas.filter'), select);
  const apply = () => {
    const id = Number(select.value);
    inside = select.value && areas.some((a) => a.id === id) ? subtree(areas, id) : null;
    try {
      sessionStorage.setItem(KEY, inside ? select.value : '');
    } catch {
      // storage refused (private mode): the choice lasts for this page only
    }
  };
  select.addEventListener('change', () => {
    apply();
    onChange();
  });
  if (isStaff(ctx.user.role)) {
    areaApisFor(ctx.sessionExpired).areasApi.list().then((list) => {
      areas = list;
      if (list.length === 0) return;
      select.append(...areaOptions(list));
      let saved = '';
      try {
        saved = sessionStorage.getItem(KEY) ?? '';
      } catch {
        saved = '';
      }
      select.value = list.some((a) => String(a.id) === saved) ? saved : '';
      el.hidden = false;
      apply();
      if (inside) onChange();
    }, () => undefined); // no filter then: every camera shows, as before areas existed
  }
  return {
    el,
    matches: (c) => inside === null || (c.areaId !== null && inside.has(c.areaId)),
    active: () => inside !== null,
  };
}
