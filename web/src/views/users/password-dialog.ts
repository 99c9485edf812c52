// "Đổi mật khẩu": anyone changes their own password (current + new twice). The hub keeps this session and ends
// the others.
import type { UsersApi } from '../../api/users-api.ts';
import { h } from '../../dom.ts';
import type { I18n, MessageKey } from '../../i18n/i18n.ts';
import { formField, runFormDialog } from '../form-dialog.ts';

/**
 * Resolves true when the password was changed. `forced`: the first admin's generated password must be changed
 * before anything else (the hub refuses everything else meanwhile): no cancel, Escape does not close it.
 */
export function passwordDialog(
  i18n: I18n, usersApi: Pick<UsersApi, 'changeOwnPassword'>, opts: { forced?: boolean } = {},
): Promise<boolean> {
  const input = (id: string, autocomplete: string) =>
    h('input', { id, name: id, type: 'password', autocomplete, maxlength: '256', 'data-testid': id });
  const current = input('pw-current', 'current-password');
  const next = input('pw-new', 'new-password');
  const repeat = input('pw-repeat', 'new-password');
  const field = (id: string, key: MessageKey, control: HTMLElement) => formField(i18n, id, key, control);
  const error = h('p', { class: 'form-error', role: 'alert' });
  const cancel = i18n.text(h('button', { type: 'button', class: 'btn btn-ghost' }), 'form.cancel');
  const submit = i18n.text(h('button', { type: 'submit', class: 'btn btn-primary', 'data-testid': 'pw-save' }), 'password.submit');
  const form = h(
    'form',
    { method: 'dialog', novalidate: true },
    i18n.text(h('h2', { id: 'pw-title' }), opts.forced ? 'password.forcedTitle' : 'password.title'),
    opts.forced ? i18n.text(h('p', { class: 'hint', 'data-testid': 'pw-forced' }), 'password.forcedHint') : null,
    field('pw-current', 'password.current', current),
    field('pw-new', 'password.new', next),
    field('pw-repeat', 'password.repeat', repeat),
    i18n.text(h('p', { class: 'hint' }), 'password.hint'),
    error,
    h('div', { class: 'dialog-actions' }, cancel, submit),
  );
  const dialog = h('dialog', { class: 'dialog', 'aria-labelledby': 'pw-title', 'data-testid': 'password-dialog' }, form);
  if (opts.forced) {
    cancel.hidden = true;
    dialog.addEventListener('cancel', (ev) => ev.preventDefault()); // Escape
  }

  return runFormDialog<boolean>({
    i18n, dialog, form, cancel, submit, error, focus: current, cancelled: false,
    check: () => {
      if (!current.value || !next.value) return { key: 'password.required', field: current.value ? next : current };
      if ([...next.value].length < 10) return { key: 'error.password-too-short', field: next };
      if (!/\p{L}/u.test(next.value) || !/\p{Nd}/u.test(next.value)) return { key: 'error.password-too-weak', field: next };
      if (next.value !== repeat.value) return { key: 'password.mismatch', field: repeat };
      return null;
    },
    save: async () => {
      await usersApi.changeOwnPassword(current.value, next.value);
      return true;
    },
  });
}
