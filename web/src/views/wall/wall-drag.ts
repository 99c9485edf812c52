// Moving tiles between slots: HTML5 drag and drop of a tile onto another slot (filled or empty) swaps them;
// from the keyboard, M on one tile then M on another does the same (Esc cancels). Every grid child carries
// data-slot="<index>". Listeners sit on the grid and are removed by destroy().
import type { I18n } from '../../i18n/i18n.ts';

export interface SlotDragOptions {
  i18n: I18n;
  /** where spoken feedback goes (an aria-live region) */
  live: HTMLElement;
  onSwap(from: number, to: number): void;
}

export interface SlotDrag {
  /** after a re-render: keep the keyboard pick visible on the new elements */
  refresh(): void;
  destroy(): void;
}

const DRAG_TYPE = 'application/x-matthan-slot';

export function attachSlotDrag(grid: HTMLElement, opts: SlotDragOptions): SlotDrag {
  const { i18n, live } = opts;
  let dragFrom: number | null = null;
  let picked: number | null = null;

  const slotOf = (target: EventTarget | null): HTMLElement | null =>
    target instanceof Element ? target.closest<HTMLElement>('[data-slot]') : null;
  const indexOf = (el: HTMLElement) => Number(el.dataset.slot);
  const clearMarks = (cls: string) => grid.querySelectorAll(`.${cls}`).forEach((e) => e.classList.remove(cls));
  const say = (key: Parameters<I18n['text']>[1], params?: Record<string, number>) => i18n.text(live, key, params);

  const onDragStart = (ev: DragEvent) => {
    const slot = slotOf(ev.target);
    if (!slot || !slot.draggable || !ev.dataTransfer) return;
    dragFrom = indexOf(slot);
    ev.dataTransfer.setData(DRAG_TYPE, String(dragFrom));
    ev.dataTransfer.effectAllowed = 'move';
    slot.classList.add('slot-dragging');
  };
  const onDragOver = (ev: DragEvent) => {
    const slot = slotOf(ev.target);
    if (dragFrom === null || !slot) return;
    ev.preventDefault(); // this slot accepts the drop
    if (ev.dataTransfer) ev.dataTransfer.dropEffect = 'move';
    if (!slot.classList.contains('slot-drop')) {
      clearMarks('slot-drop');
      if (indexOf(slot) !== dragFrom) slot.classList.add('slot-drop');
    }
  };
  const onDragLeave = (ev: DragEvent) => {
    const slot = slotOf(ev.target);
    if (slot && !slot.contains(ev.relatedTarget as Node | null)) slot.classList.remove('slot-drop');
  };
  const onDrop = (ev: DragEvent) => {
    const slot = slotOf(ev.target);
    if (dragFrom === null || !slot) return;
    ev.preventDefault();
    const from = dragFrom;
    const to = indexOf(slot);
    end();
    if (from !== to) opts.onSwap(from, to);
  };
  const end = () => {
    dragFrom = null;
    clearMarks('slot-drop');
    clearMarks('slot-dragging');
  };

  const mark = () => {
    clearMarks('slot-picked');
    const picking = picked !== null;
    grid.classList.toggle('slots-picking', picking);
    for (const el of grid.querySelectorAll<HTMLElement>('.tile-vacant[data-slot]')) {
      if (picking) el.tabIndex = 0;
      else el.removeAttribute('tabindex');
    }
    if (picked !== null) grid.querySelector(`[data-slot="${picked}"]`)?.classList.add('slot-picked');
  };
  const onKey = (ev: KeyboardEvent) => {
    if (ev.ctrlKey || ev.metaKey || ev.altKey) return;
    if (ev.target instanceof HTMLSelectElement || ev.target instanceof HTMLInputElement) return;
    const slot = slotOf(ev.target);
    if (ev.key === 'Escape' && picked !== null) {
      picked = null;
      mark();
      say('wallViews.moveCancelled');
      return;
    }
    if ((ev.key !== 'm' && ev.key !== 'M') || !slot) return;
    ev.preventDefault();
    const here = indexOf(slot);
    if (picked === null) {
      if (!slot.draggable) return; // an empty slot is a place to move to, not something to move
      picked = here;
      mark();
      say('wallViews.movePicked', { n: here + 1 });
      return;
    }
    const from = picked;
    picked = null;
    mark();
    if (from !== here) {
      say('wallViews.moved', { from: from + 1, to: here + 1 });
      opts.onSwap(from, here);
    }
  };

  grid.addEventListener('dragstart', onDragStart);
  grid.addEventListener('dragover', onDragOver);
  grid.addEventListener('dragleave', onDragLeave);
  grid.addEventListener('drop', onDrop);
  grid.addEventListener('dragend', end);
  grid.addEventListener('keydown', onKey);
  return {
    refresh: mark,
    destroy() {
      grid.removeEventListener('dragstart', onDragStart);
      grid.removeEventListener('dragover', onDragOver);
      grid.removeEventListener('dragleave', onDragLeave);
      grid.removeEventListener('drop', onDrop);
      grid.removeEventListener('dragend', end);
      grid.removeEventListener('keydown', onKey);
    },
  };
}
