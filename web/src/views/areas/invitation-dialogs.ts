// The two dialogs of the invitations page: invite a named person into an area, then show the link (with a copy
// button) and the short code, big, once.
import type { AreaDto, NewInvitationDto } from '../../../../server/contracts.ts';
import { h } from '../../dom.ts';
import type { I18n } from '../../i18n/i18n.ts';
import { formatDateTime } from '../../time-format.ts';
import { createCopyButton } from '../copy-button.ts';
import { formField, runFormDialog } from '../form-dialog.ts';
import { areaOptions } from './area-tree.ts';

/** Resolves with the new invitation, or null when cancelled. */
export function newInvitationDialog(i18n: I18n, areas: AreaDto[], create: (displayName: string, areaId: number) => Promise<NewInvitationDto>) {
  const name = h('input', { id: 'inv-name', 'data-testid': 'inv-name', autocomplete: 'off', maxlength: '100' });
  const area = h('select', { id: 'inv-area', 'data-testid': 'inv-area' },
    i18n.text(h('option', { value: '' }), 'areas.choose'), ...areaOptions(areas));
  const error = h('p', { class: 'form-error', role: 'alert' });
  const cancel = i18n.text(h('button', { type: 'button', class: 'btn btn-ghost' }), 'form.cancel');
  const submit = i18n.text(h('button', { type: 'submit', class: 'btn btn-primary', 'data-testid': 'inv-save' }), 'inv.create');
  const form = h('form', { method: 'dialog', novalidate: true },
    i18n.text(h('h2', { id: 'inv-dialog-title' }), 'inv.createTitle'),
    formField(i18n, 'inv-name', 'inv.displayName', name),
    formField(i18n, 'inv-area', 'inv.area', area),
    error,
    h('div', { class: 'dialog-actions' }, cancel, submit));
  const dialog = h('dialog', { class: 'dialog', 'aria-labelledby': 'inv-dialog-title', 'data-testid': 'inv-dialog' }, form);
  return runFormDialog<NewInvitationDto | null>({
    i18n, dialog, form, cancel, submit, error, focus: name, cancelled: null,
    check: () => (name.value.trim() && area.value ? null : { key: 'inv.required', field: name.value.trim() ? area : name }),
    save: () => create(name.value.trim(), Number(area.value)),
  });
}

/** The link and the code, shown this once. */
export function invitationReadyDialog(i18n: I18n, inv: NewInvitationDto, origin: string): Promise<void> {
  const url = `${origin}${inv.path}`;
  const link = h('input', { id: 'inv-link', readonly: true, value: url, 'data-testid': 'inv-link', class: 'inv-link' });
  const done = i18n.text(h('button', { type: 'button', class: 'btn btn-primary', 'data-testid': 'inv-done' }), 'inv.close');
  const dialog = h('dialog', { class: 'dialog', 'aria-labelledby': 'inv-ready-title', 'data-testid': 'inv-ready' },
    i18n.text(h('h2', { id: 'inv-ready-title' }), 'inv.readyTitle', { name: inv.displayName }),
    i18n.text(h('p', { class: 'hint' }), 'inv.once', { expires: formatDateTime(inv.expiresAt, i18n.locale()) }),
    h('div', { class: 'field' }, i18n.text(h('label', { for: 'inv-link' }), 'inv.link'),
      h('div', { class: 'inv-link-row' }, link, createCopyButton(i18n, () => url))),
    h('div', { class: 'field' }, i18n.text(h('label', {}), 'inv.code'),
      h('p', { class: 'invite-code', 'data-testid': 'inv-code' }, inv.code),
      i18n.text(h('p', { class: 'hint' }), 'inv.codeHint')),
    h('div', { class: 'dialog-actions' }, done));
  return new Promise((resolve) => {
    done.addEventListener('click', () => dialog.close());
    dialog.addEventListener('close', () => {
      dialog.remove();
      resolve();
    });
    document.body.append(dialog);
    dialog.showModal();
    link.select();
  });
}
