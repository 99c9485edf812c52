// The toolbar's saved-view controls: a picker ("Tất cả camera", an unsaved arrangement, my views, views shared
// with me), "Lưu màn hình…", and edit/delete for a view I may change. Unsaved changes are flagged next to it.
import type { WallViewDto } from '../../../../server/contracts.ts';
import { h } from '../../dom.ts';
import type { I18n } from '../../i18n/i18n.ts';
import type { WallMode } from './wall-arrangement.ts';

export type PickValue = 'all' | 'draft' | number;

export interface WallViewPickerState {
  views: WallViewDto[];
  mode: WallMode;
  hasDraft: boolean;
  /** the shown saved view may be edited and deleted (owner or admin) */
  canManage: boolean;
}

export interface WallViewPicker {
  el: HTMLElement;
  set(state: WallViewPickerState): void;
}

export interface WallViewPickerOptions {
  i18n: I18n;
  onPick(value: PickValue): void;
  onSave(): void;
  onEdit(): void;
  onDelete(): void;
  onDiscard(): void;
}

export function createWallViewPicker(opts: WallViewPickerOptions): WallViewPicker {
  const { i18n } = opts;
  const select = i18n.attr(h('select', { class: 'view-select', id: 'wall-view-select', 'data-testid': 'wall-view-select' }), 'aria-label', 'wallViews.picker');
  select.addEventListener('change', () => {
    const v = select.value;
    opts.onPick(v === 'all' || v === 'draft' ? v : Number(v));
  });
  const button = (key: Parameters<I18n['text']>[1], testid: string, onclick: () => void, cls = 'btn btn-ghost btn-small') =>
    i18n.text(h('button', { type: 'button', class: cls, 'data-testid': testid, onclick }), key);
  const save = button('wallViews.save', 'wall-view-save', opts.onSave);
  const edit = button('wallViews.edit', 'wall-view-edit', opts.onEdit);
  const remove = button('wallViews.delete', 'wall-view-delete', opts.onDelete);
  const discard = i18n.attr(button('wallViews.discard', 'wall-view-discard', opts.onDiscard), 'title', 'wallViews.discardLabel');
  const unsaved = i18n.text(h('span', { class: 'view-unsaved', 'data-testid': 'wall-view-unsaved', role: 'status' }), 'wallViews.unsaved');

  const el = h('div', { class: 'toolbar-group view-picker' }, select, unsaved, save, discard, edit, remove);

  const option = (value: string, text: string) => h('option', { value }, text);

  return {
    el,
    set(state) {
      const { mode } = state;
      const current = mode.kind === 'view' ? String(mode.view.id) : mode.kind;
      const mine = state.views.filter((v) => v.mine);
      const others = state.views.filter((v) => !v.mine);
      const groups: HTMLElement[] = [i18n.text(option('all', ''), 'wallViews.all')];
      if (state.hasDraft) groups.push(i18n.text(option('draft', ''), 'wallViews.draft'));
      if (mine.length) {
        groups.push(i18n.attr(h('optgroup', {}, ...mine.map((v) =>
          v.shared ? i18n.text(option(String(v.id), ''), 'wallViews.sharedMark', { name: v.name }) : option(String(v.id), v.name))),
        'label', 'wallViews.mine'));
      }
      if (others.length) {
        groups.push(i18n.attr(h('optgroup', {}, ...others.map((v) =>
          i18n.text(option(String(v.id), ''), 'wallViews.byOwner', { name: v.name, owner: v.ownerName }))),
        'label', 'wallViews.sharedGroup'));
      }
      select.replaceChildren(...groups);
      select.value = current;
      const drafting = mode.kind === 'draft';
      unsaved.hidden = !drafting;
      discard.hidden = !drafting;
      save.className = drafting ? 'btn btn-primary btn-small' : 'btn btn-ghost btn-small';
      const manage = mode.kind === 'view' && state.canManage;
      edit.hidden = !manage;
      remove.hidden = !manage;
      if (mode.kind === 'view') {
        i18n.attr(edit, 'aria-label', 'wallViews.editLabel', { name: mode.view.name });
        i18n.attr(remove, 'aria-label', 'wallViews.deleteLabel', { name: mode.view.name });
      }
    },
  };
}
