// Create or edit an account in a modal: user name (create only), full name, role, password (required to create,
// optional reset when editing) and, when editing, disabled.
import type { AdminUserDto, AreaDto, Role } from '../../../../server/contracts.ts';
import type { NewUser, UserPatch } from '../../api/users-api.ts';
import { h } from '../../dom.ts';
import type { I18n, MessageKey } from '../../i18n/i18n.ts';
import { formField, runFormDialog } from '../form-dialog.ts';
import { createUserAreaFields } from '../areas/user-area-fields.ts';

export const ROLES: readonly Role[] = ['police', 'operator', 'resident', 'admin'];

export interface UserDialogOptions {
  i18n: I18n;
  /** the account to edit; absent to create one */
  user?: AdminUserDto;
  create(user: NewUser): Promise<AdminUserDto>;
  update(id: number, patch: UserPatch): Promise<AdminUserDto>;
  /** the commune's areas: a resident's area, a staff member's limits */
  areas?: AreaDto[];
}

/** Resolves with the saved account, or null when cancelled. */
export function userDialog(opts: UserDialogOptions): Promise<AdminUserDto | null> {
  const { i18n, user } = opts;
  const input = (id: string, attrs: Record<string, string>) => h('input', { id, name: id, 'data-testid': id, ...attrs });
  const username = input('user-username', { autocomplete: 'off', autocapitalize: 'none', spellcheck: 'false', maxlength: '32' });
  const displayName = input('user-display-name', { autocomplete: 'off', maxlength: '100' });
  const password = input('user-password', { type: 'password', autocomplete: 'new-password', maxlength: '256' });
  const role = h('select', { id: 'user-role', 'data-testid': 'user-role' },
    ...ROLES.map((r) => i18n.text(h('option', { value: r }), `role.${r}`)));
  const disabled = h('input', { id: 'user-disabled', type: 'checkbox', 'data-testid': 'user-disabled' });
  role.value = user?.role ?? 'police';
  displayName.value = user?.displayName ?? '';
  disabled.checked = user?.disabled ?? false;

  const field = (id: string, key: MessageKey, control: HTMLElement, hint?: MessageKey) => formField(i18n, id, key, control, hint);
  const roleNote = i18n.text(h('p', { class: 'hint', hidden: true }), 'users.roleChangeNote');
  role.addEventListener('change', () => (roleNote.hidden = !user || role.value === user.role));
  const areaFields = createUserAreaFields(i18n, opts.areas ?? [], user);
  areaFields.sync(role.value as Role);
  role.addEventListener('change', () => areaFields.sync(role.value as Role));
  const error = h('p', { class: 'form-error', role: 'alert' });
  const cancel = i18n.text(h('button', { type: 'button', class: 'btn btn-ghost' }), 'form.cancel');
  const submit = i18n.text(h('button', { type: 'submit', class: 'btn btn-primary', 'data-testid': 'user-save' }),
    user ? 'form.save' : 'users.create');
  const titleId = 'user-dialog-title';
  const form = h(
    'form',
    { method: 'dialog', class: 'user-form', novalidate: true },
    user ? i18n.text(h('h2', { id: titleId }), 'users.editTitle', { name: user.username })
      : i18n.text(h('h2', { id: titleId }), 'users.createTitle'),
    user ? null : field('user-username', 'users.username', username, 'users.usernameHint'),
    field('user-display-name', 'users.displayName', displayName),
    field('user-role', 'users.role', role),
    roleNote,
    ...areaFields.els,
    field('user-password', user ? 'users.newPassword' : 'users.password', password,
      user ? 'users.newPasswordHint' : 'users.passwordHint'),
    user ? h('label', { class: 'check-field', for: 'user-disabled' }, disabled, i18n.text(h('span', {}), 'users.accountDisabled')) : null,
    error,
    h('div', { class: 'dialog-actions' }, cancel, submit),
  );
  const dialog = h('dialog', { class: 'dialog dialog-wide', 'aria-labelledby': titleId, 'data-testid': 'user-dialog' }, form);

  /** only what changed, so an untouched account is not signed out */
  const patchOf = (u: AdminUserDto): UserPatch => {
    const patch: UserPatch = {};
    if (displayName.value.trim() !== u.displayName) patch.displayName = displayName.value.trim();
    if (role.value !== u.role) patch.role = role.value as Role;
    if (disabled.checked !== u.disabled) patch.disabled = disabled.checked;
    if (password.value) patch.password = password.value;
    return { ...patch, ...areaFields.changes(role.value as Role, u) };
  };

  return runFormDialog<AdminUserDto | null>({
    i18n, dialog, form, cancel, submit, error, focus: user ? displayName : username, cancelled: null,
    check: () => {
      if (!displayName.value.trim()) return { key: user ? 'users.nameRequired' : 'users.required' };
      if (!user && (!username.value.trim() || !password.value)) return { key: 'users.required' };
      if (password.value && [...password.value].length < 10) return { key: 'error.password-too-short' };
      return areaFields.check(role.value as Role);
    },
    save: async () => {
      if (!user) {
        return opts.create({
          username: username.value.trim(), displayName: displayName.value.trim(), role: role.value as Role, password: password.value,
          ...areaFields.values(role.value as Role),
        });
      }
      const patch = patchOf(user);
      return Object.keys(patch).length ? opts.update(user.id, patch) : user;
    },
  });
}
