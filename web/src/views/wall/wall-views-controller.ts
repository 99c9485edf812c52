// The wall's saved views: which arrangement is shown (all cameras, a saved view, an unsaved arrangement), the
// list from the hub, and every change to them (pick, swap, layout, slot, save, edit, delete). The page asks it
// what to show and re-renders when it calls onChange.
import type { UserDto, WallLayout, WallViewDto } from '../../../../server/contracts.ts';
import type { WallViewsApi } from '../../api/wall-views-api.ts';
import type { I18n } from '../../i18n/i18n.ts';
import type { GridSize } from '../../settings.ts';
import { confirmDialog } from '../cameras/confirm-dialog.ts';
import type { Toasts } from '../toasts.ts';
import { createDraftStore, fitSlots, sessionStore, swapSlots, type Slots, type WallMode } from './wall-arrangement.ts';
import { wallViewDialog } from './wall-view-dialog.ts';
import type { PickValue, WallViewPickerState } from './wall-view-picker.ts';

export interface Arrangement {
  layout: GridSize;
  slots: Slots;
}

export interface WallViewsController {
  /** fetches the list and opens the wall on the unsaved arrangement of this tab, or the last view used */
  load(): Promise<void>;
  mode(): WallMode;
  /** the slots to show; null for the automatic, paged wall of all cameras */
  arrangement(): Arrangement | null;
  pickerState(): WallViewPickerState;
  pick(value: PickValue): void;
  /** swaps two slots of `shown` (what is on screen now) */
  swap(shown: Arrangement, from: number, to: number): void;
  /** puts a camera (or nothing) into one slot */
  assign(shown: Arrangement, slot: number, cameraId: string | null): void;
  /** a new layout for a saved view or the unsaved arrangement (not for all cameras) */
  setLayout(shown: Arrangement, size: GridSize): void;
  save(shown: Arrangement): Promise<void>;
  edit(): Promise<void>;
  remove(): Promise<void>;
  discard(): void;
}

export interface WallViewsControllerOptions {
  i18n: I18n;
  api: WallViewsApi;
  user: UserDto;
  toasts: Toasts;
  onChange(): void;
}

export function createWallViewsController(opts: WallViewsControllerOptions): WallViewsController {
  const { i18n, api, user, toasts } = opts;
  const isStaff = user.role !== 'resident';
  const drafts = createDraftStore(sessionStore());
  let views: WallViewDto[] = [];
  let mode: WallMode = { kind: 'all' };
  let saving = 0;

  const changed = () => opts.onChange();
  const remember = (viewId: number | null) => {
    api.setLast(viewId).catch(() => undefined); // only a convenience: the wall works without it
  };
  const editable = (v: WallViewDto) => v.mine; // a drag in someone else's view makes an unsaved copy
  const manageable = (v: WallViewDto) => v.mine || user.role === 'admin';
  const replaceView = (v: WallViewDto) => {
    views = views.some((x) => x.id === v.id) ? views.map((x) => (x.id === v.id ? v : x)) : [...views, v];
    if (mode.kind === 'view' && mode.view.id === v.id) mode = { kind: 'view', view: v };
  };
  const showDraft = (a: Arrangement, basedOn: number | null) => {
    drafts.set({ layout: a.layout, slots: a.slots, basedOn }, true);
    mode = { kind: 'draft' };
  };
  /** a change to the shown arrangement: saved at once in my own view, an unsaved arrangement otherwise */
  const change = (next: Arrangement) => {
    if (mode.kind === 'view' && editable(mode.view)) {
      const before = mode.view;
      const request = ++saving; // each change sends every slot: only the newest answer is shown
      replaceView({ ...before, layout: next.layout as WallLayout, slots: next.slots });
      changed();
      api.update(before.id, { layout: next.layout as WallLayout, slots: next.slots }).then((v) => {
        if (request === saving) replaceView(v);
      }, async () => {
        toasts.show({ text: 'wallViews.changeFailed', kind: 'error' });
        // put back what the hub has (the view may also be gone)
        const fresh = await api.list().catch(() => null);
        const v = fresh?.views.find((x) => x.id === before.id);
        if (v) replaceView(v);
        else if (fresh) {
          views = fresh.views;
          if (mode.kind === 'view' && mode.view.id === before.id) mode = { kind: 'all' };
        } else replaceView(before);
      }).finally(changed);
      return;
    }
    showDraft(next, mode.kind === 'view' ? mode.view.id : mode.kind === 'draft' ? drafts.get()?.basedOn ?? null : null);
    changed();
  };

  return {
    async load() {
      try {
        const list = await api.list();
        views = list.views;
        const last = views.find((v) => v.id === list.lastViewId);
        if (drafts.get() && drafts.showing()) mode = { kind: 'draft' };
        else if (last) mode = { kind: 'view', view: last };
      } catch {
        if (drafts.get() && drafts.showing()) mode = { kind: 'draft' };
        toasts.show({ text: 'wallViews.loadFailed', kind: 'error' });
      }
    },
    mode: () => mode,
    arrangement() {
      if (mode.kind === 'view') return { layout: mode.view.layout, slots: mode.view.slots };
      const d = drafts.get();
      if (mode.kind === 'draft' && d) return { layout: d.layout, slots: d.slots };
      return null;
    },
    pickerState: () => ({
      views,
      mode,
      hasDraft: drafts.get() !== null,
      canManage: mode.kind === 'view' && manageable(mode.view),
    }),
    pick(value) {
      if (value === 'draft') {
        if (!drafts.get()) return;
        drafts.setShowing(true);
        mode = { kind: 'draft' };
      } else {
        drafts.setShowing(false);
        const view = value === 'all' ? undefined : views.find((v) => v.id === value);
        mode = view ? { kind: 'view', view } : { kind: 'all' };
        remember(view?.id ?? null);
      }
      changed();
    },
    swap(shown, from, to) {
      change({ layout: shown.layout, slots: swapSlots(shown.slots, from, to) });
    },
    assign(shown, slot, cameraId) {
      const slots = shown.slots.map((s, i) => (i === slot ? cameraId : s === cameraId ? null : s));
      change({ layout: shown.layout, slots });
    },
    setLayout(shown, size) {
      change({ layout: size, slots: fitSlots(shown.slots, size) });
    },
    async save(shown) {
      const saved = await wallViewDialog({
        i18n,
        mode: 'save',
        initial: { name: '', layout: shown.layout, shared: false },
        canShare: isStaff,
        save: (v) => api.create({ name: v.name, layout: v.layout, slots: fitSlots(shown.slots, v.layout), shared: v.shared }),
      });
      if (!saved) return;
      drafts.clear();
      replaceView(saved);
      mode = { kind: 'view', view: saved };
      remember(saved.id);
      toasts.show({ text: 'wallViews.saved', params: { name: saved.name } });
      changed();
    },
    async edit() {
      if (mode.kind !== 'view') return;
      const view = mode.view;
      const saved = await wallViewDialog({
        i18n,
        mode: 'edit',
        initial: { name: view.name, layout: view.layout, shared: view.shared },
        canShare: isStaff && (view.mine || view.shared),
        save: (v) => api.update(view.id, { name: v.name, shared: v.shared }),
      });
      if (!saved) return;
      replaceView(saved);
      changed();
    },
    async remove() {
      if (mode.kind !== 'view') return;
      const view = mode.view;
      const ok = await confirmDialog(i18n, {
        title: 'wallViews.deleteTitle', body: 'wallViews.deleteBody', params: { name: view.name }, confirm: 'wallViews.deleteConfirm', danger: true,
      });
      if (!ok) return;
      try {
        await api.remove(view.id);
      } catch (err) {
        const code = (err as { code?: string }).code;
        if (code !== 'wall-view-not-found') {
          toasts.show({ text: 'wallViews.changeFailed', kind: 'error' });
          return;
        }
      }
      views = views.filter((v) => v.id !== view.id);
      if (mode.kind === 'view' && mode.view.id === view.id) mode = { kind: 'all' };
      toasts.show({ text: 'wallViews.deleted', params: { name: view.name } });
      changed();
    },
    discard() {
      const basedOn = drafts.get()?.basedOn ?? null;
      drafts.clear();
      const view = views.find((v) => v.id === basedOn);
      mode = view ? { kind: 'view', view } : { kind: 'all' };
      changed();
    },
  };
}
