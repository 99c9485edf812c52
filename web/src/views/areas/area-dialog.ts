// A one-field dialog: the name of a new area (a root or inside another) or a new name for one.
import { h } from '../../dom.ts';
import type { I18n, MessageKey, Params } from '../../i18n/i18n.ts';
import { formField, runFormDialog } from '../form-dialog.ts';

/** Resolves with what `save` returned, or null when cancelled. */
export function areaNameDialog<T>(i18n: I18n, opts: {
  title: MessageKey;
  params?: Params;
  name?: string;
  save(name: string): Promise<T>;
}): Promise<T | null> {
  const input = h('input', { id: 'area-name', name: 'area-name', 'data-testid': 'area-name', autocomplete: 'off', maxlength: '100' });
  input.value = opts.name ?? '';
  const error = h('p', { class: 'form-error', role: 'alert' });
  const cancel = i18n.text(h('button', { type: 'button', class: 'btn btn-ghost' }), 'form.cancel');
  const submit = i18n.text(h('button', { type: 'submit', class: 'btn btn-primary', 'data-testid': 'area-save' }), 'form.save');
  const form = h('form', { method: 'dialog', novalidate: true },
    i18n.text(h('h2', { id: 'area-dialog-title' }), opts.title, opts.params),
    formField(i18n, 'area-name', 'areas.name', input, 'areas.nameHint'),
    error,
    h('div', { class: 'dialog-actions' }, cancel, submit));
  const dialog = h('dialog', { class: 'dialog', 'aria-labelledby': 'area-dialog-title', 'data-testid': 'area-dialog' }, form);
  return runFormDialog<T | null>({
    i18n, dialog, form, cancel, submit, error, focus: input, cancelled: null,
    check: () => (input.value.trim() ? null : { key: 'areas.nameRequired', field: input }),
    save: () => opts.save(input.value.trim()),
  });
}
