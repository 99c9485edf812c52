// "Đổi mật khẩu": anyone changes their own password (current + new twice). The hub keeps this session and ends
// the others.
import { errorMessage } from '../../api/error-message.ts';
import type { UsersApi } from '../../api/users-api.ts';
import { h } from '../../dom.ts';
import type { I18n, MessageKey } from '../../i18n/i18n.ts';

/** Resolves true when the password was changed. */
export function passwordDialog(i18n: I18n, usersApi: Pick<UsersApi, 'changeOwnPassword'>): Promise<boolean> {
  return new Promise((resolve) => {
    const input = (id: string, autocomplete: string) =>
      h('input', { id, name: id, type: 'password', autocomplete, maxlength: '256', 'data-testid': id });
    const current = input('pw-current', 'current-password');
    const next = input('pw-new', 'new-password');
    const repeat = input('pw-repeat', 'new-password');
    const field = (id: string, key: MessageKey, control: HTMLElement) =>
      h('div', { class: 'field' }, i18n.text(h('label', { for: id }), key), control);
    const error = h('p', { class: 'form-error', role: 'alert' });
    const cancel = i18n.text(h('button', { type: 'button', class: 'btn btn-ghost' }), 'form.cancel');
    const submit = i18n.text(h('button', { type: 'submit', class: 'btn btn-primary', 'data-testid': 'pw-save' }), 'password.submit');
    const form = h(
      'form',
      { method: 'dialog', novalidate: true },
      i18n.text(h('h2', { id: 'pw-title' }), 'password.title'),
      field('pw-current', 'password.current', current),
      field('pw-new', 'password.new', next),
      field('pw-repeat', 'password.repeat', repeat),
      i18n.text(h('p', { class: 'hint' }), 'password.hint'),
      error,
      h('div', { class: 'dialog-actions' }, cancel, submit),
    );
    const dialog = h('dialog', { class: 'dialog', 'aria-labelledby': 'pw-title', 'data-testid': 'password-dialog' }, form);

    const fail = (key: MessageKey, focus: HTMLInputElement) => {
      i18n.text(error, key);
      focus.focus();
    };
    let changed = false;
    cancel.addEventListener('click', () => dialog.close());
    form.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      if (!current.value || !next.value) return fail('password.required', current.value ? next : current);
      if ([...next.value].length < 10) return fail('error.password-too-short', next);
      if (next.value !== repeat.value) return fail('password.mismatch', repeat);
      submit.disabled = true;
      error.textContent = '';
      try {
        await usersApi.changeOwnPassword(current.value, next.value);
        changed = true;
        dialog.close();
      } catch (err) {
        error.removeAttribute('data-i18n');
        error.textContent = errorMessage(i18n, err);
      } finally {
        submit.disabled = false;
      }
    });
    dialog.addEventListener('close', () => {
      dialog.remove();
      resolve(changed);
    });
    document.body.append(dialog);
    dialog.showModal();
    current.focus();
  });
}
