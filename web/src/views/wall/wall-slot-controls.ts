// What a slot offers besides the tile itself: in a saved view or an unsaved arrangement, an empty slot lets you
// choose a camera for it and a filled one has a small "remove from this slot" button. On the automatic wall of
// all cameras an empty slot is only a place to drop a tile.
import type { CameraDto } from '../../../../server/contracts.ts';
import { h, icon } from '../../dom.ts';
import type { I18n } from '../../i18n/i18n.ts';

export interface SlotControls {
  /** the element of empty slot `index` (kept between renders) */
  vacant(index: number, editing: boolean, inSlots: Set<string>): HTMLElement;
  /** adds or removes the remove button on a camera tile */
  decorate(tileEl: HTMLElement, camera: CameraDto, editing: boolean): void;
}

export interface SlotControlsOptions {
  i18n: I18n;
  cameras(): CameraDto[];
  onAssign(slot: number, cameraId: string | null): void;
}

export function createSlotControls(opts: SlotControlsOptions): SlotControls {
  const { i18n } = opts;
  const vacants = new Map<number, { el: HTMLElement; select: HTMLSelectElement }>();
  const removers = new WeakMap<HTMLElement, HTMLButtonElement>();

  const fill = (select: HTMLSelectElement, inSlots: Set<string>) => {
    const free = opts.cameras().filter((c) => !inSlots.has(c.id));
    select.replaceChildren(
      i18n.text(h('option', { value: '' }), 'wallViews.pickCamera'),
      ...free.map((c) => h('option', { value: c.id }, c.name)),
    );
    select.value = '';
    select.disabled = free.length === 0;
  };

  return {
    vacant(index, editing, inSlots) {
      let v = vacants.get(index);
      if (!v) {
        const select = h('select', { class: 'slot-pick', 'data-testid': 'slot-pick' });
        const el = h('div', { class: 'tile tile-vacant', 'data-testid': 'tile-vacant' }, select);
        select.addEventListener('change', () => {
          if (select.value) opts.onAssign(Number(el.dataset.slot), select.value);
        });
        v = { el, select };
        vacants.set(index, v);
      }
      i18n.attr(v.el, 'aria-label', 'wallViews.vacant', { n: index + 1 });
      i18n.attr(v.select, 'aria-label', 'wallViews.vacant', { n: index + 1 });
      v.select.hidden = !editing;
      if (editing && document.activeElement !== v.select) fill(v.select, inSlots);
      return v.el;
    },
    decorate(tileEl, camera, editing) {
      let btn = removers.get(tileEl);
      if (!editing) {
        btn?.remove();
        return;
      }
      if (!btn) {
        const b = h('button', { type: 'button', class: 'slot-remove', 'data-testid': 'slot-remove' }, icon('close'));
        b.addEventListener('click', (ev) => {
          ev.stopPropagation();
          opts.onAssign(Number(tileEl.dataset.slot), null);
        });
        removers.set(tileEl, b);
        btn = b;
      }
      i18n.attr(btn, 'aria-label', 'wallViews.remove', { name: camera.name });
      i18n.attr(btn, 'title', 'wallViews.remove', { name: camera.name });
      if (btn.parentElement !== tileEl) tileEl.append(btn);
    },
  };
}
