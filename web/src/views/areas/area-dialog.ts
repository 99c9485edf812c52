// The area dialog: the name of a new area (a root or inside another), or an area's name and where it lies (an edit
// may move it under another area, never under itself or an area under it).
import { h } from '../../dom.ts';
import type { AreaDto } from '../../../../server/contracts.ts';
import type { I18n, MessageKey, Params } from '../../i18n/i18n.ts';
import { formField, runFormDialog } from '../form-dialog.ts';
import { areaOptions } from './area-tree.ts';

/** Resolves with what `save` returned, or null when cancelled. */
export function areaNameDialog<T>(i18n: I18n, opts: {
  title: MessageKey;
  params?: Params;
  name?: string;
  /** editing: the areas it may be moved under (not itself nor those under it) and where it is now */
  place?: { parents: AreaDto[]; parentId: number | null };
  save(name: string, parentId: number | null): Promise<T>;
}): Promise<T | null> {
  const input = h('input', { id: 'area-name', name: 'area-name', 'data-testid': 'area-name', autocomplete: 'off', maxlength: '100' });
  input.value = opts.name ?? '';
  const parent = opts.place
    ? h('select', { id: 'area-parent', 'data-testid': 'area-parent' }, i18n.text(h('option', { value: '' }), 'areas.topLevel'), ...areaOptions(opts.place.parents))
    : null;
  if (parent && opts.place) parent.value = opts.place.parentId === null ? '' : String(opts.place.parentId);
  const error = h('p', { class: 'form-error', role: 'alert' });
  const cancel = i18n.text(h('button', { type: 'button', class: 'btn btn-ghost' }), 'form.cancel');
  const submit = i18n.text(h('button', { type: 'submit', class: 'btn btn-primary', 'data-testid': 'area-save' }), 'form.save');
  const form = h('form', { method: 'dialog', novalidate: true },
    i18n.text(h('h2', { id: 'area-dialog-title' }), opts.title, opts.params),
    formField(i18n, 'area-name', 'areas.name', input, 'areas.nameHint'),
    parent ? formField(i18n, 'area-parent', 'areas.parent', parent) : null,
    error,
    h('div', { class: 'dialog-actions' }, cancel, submit));
  const dialog = h('dialog', { class: 'dialog', 'aria-labelledby': 'area-dialog-title', 'data-testid': 'area-dialog' }, form);
  return runFormDialog<T | null>({
    i18n, dialog, form, cancel, submit, error, focus: input, cancelled: null,
    check: () => (input.value.trim() ? null : { key: 'areas.nameRequired', field: input }),
    save: () => opts.save(input.value.trim(), parent?.value ? Number(parent.value) : null),
  });
}
