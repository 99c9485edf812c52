// What the wall shows: every camera (paged), a saved view, or an unsaved arrangement; and the small pure steps
// on slots (swap, fit to a layout). The unsaved arrangement is kept in this tab's sessionStorage, so it survives
// going to the focus view and back, or a reload.
import type { WallViewDto } from '../../../../server/contracts.ts';
import type { GridSize } from '../../settings.ts';

export type Slots = (string | null)[];

export interface Draft {
  layout: GridSize;
  slots: Slots;
  /** the saved view it started from (a shared view of someone else, say), if any */
  basedOn: number | null;
}

export type WallMode = { kind: 'all' } | { kind: 'view'; view: WallViewDto } | { kind: 'draft' };

/** Two slots exchanged (either may be empty). */
export function swapSlots(slots: Slots, from: number, to: number): Slots {
  const out = [...slots];
  [out[from], out[to]] = [out[to] ?? null, out[from] ?? null];
  return out;
}

/**
 * The slots resized to `layout`: the first ones keep their place; cameras beyond the new size move into the
 * empty slots that remain, in order; what still does not fit is dropped (the hub does the same).
 */
export function fitSlots(slots: Slots, layout: number): Slots {
  const out = Array.from({ length: layout }, (_, i) => slots[i] ?? null);
  const overflow = slots.slice(layout).filter((s): s is string => s !== null);
  for (let i = 0; i < out.length && overflow.length; i++) if (out[i] === null) out[i] = overflow.shift()!;
  return out;
}

const DRAFT_KEY = 'matthan.wallDraft';
const LAYOUTS = [1, 4, 9, 16, 25, 36];

export interface DraftStore {
  get(): Draft | null;
  /** whether the wall was showing the draft (rather than a saved view or all cameras) */
  showing(): boolean;
  set(draft: Draft, showing: boolean): void;
  setShowing(showing: boolean): void;
  clear(): void;
}

export function createDraftStore(storage: Storage | null): DraftStore {
  const read = (): { draft: Draft; showing: boolean } | null => {
    try {
      const v = JSON.parse(storage?.getItem(DRAFT_KEY) ?? 'null') as { draft?: Draft; showing?: boolean } | null;
      const d = v?.draft;
      if (!d || !LAYOUTS.includes(d.layout) || !Array.isArray(d.slots) || d.slots.length !== d.layout) return null;
      return { draft: d, showing: v.showing === true };
    } catch {
      return null;
    }
  };
  const write = (value: { draft: Draft; showing: boolean } | null) => {
    try {
      if (value) storage?.setItem(DRAFT_KEY, JSON.stringify(value));
      else storage?.removeItem(DRAFT_KEY);
    } catch {
      // storage blocked: the draft lasts as long as the page
    }
  };
  let memory = read();
  return {
    get: () => memory?.draft ?? null,
    showing: () => memory?.showing ?? false,
    set(draft, showing) {
      memory = { draft, showing };
      write(memory);
    },
    setShowing(showing) {
      if (!memory) return;
      memory = { ...memory, showing };
      write(memory);
    },
    clear() {
      memory = null;
      write(null);
    },
  };
}

export function sessionStore(): Storage | null {
  try {
    return window.sessionStorage;
  } catch {
    return null;
  }
}
