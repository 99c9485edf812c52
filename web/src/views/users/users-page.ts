// Users (admins only): every account with its role and state, a dialog to add one and to edit one
// (name, role, disable/enable, reset password).
import type { AdminUserDto, AreaDto } from '../../../../server/contracts.ts';
import { areaApisFor } from '../../api/areas-api.ts';
import { errorMessage } from '../../api/error-message.ts';
import type { AppContext, Page } from '../../app-context.ts';
import { h } from '../../dom.ts';
import type { MessageKey, Params } from '../../i18n/i18n.ts';
import { noPermissionPage } from '../no-permission.ts';
import { userDialog } from './user-dialog.ts';
import { areaPath } from '../areas/area-tree.ts';

export function createUsersPage(ctx: AppContext): Page {
  const { i18n, usersApi } = ctx;
  if (ctx.user.role !== 'admin') return noPermissionPage(ctx, 'users.noPermissionBody');

  let users: AdminUserDto[] = [];
  let areas: AreaDto[] = [];
  /** a resident's area, a staff member's limits */
  const areaOf = (u: AdminUserDto) => (u.role === 'resident' ? areaPath(areas, u.areaId)
    : u.areaLimits.map((id) => areas.find((a) => a.id === id)?.name ?? `#${id}`).join('; ') || i18n.t('users.wholeCommune'));
  let alive = true;
  const flash = h('p', { class: 'flash', role: 'status', 'aria-live': 'polite', 'data-testid': 'flash' });
  const say = (key: MessageKey | null, params?: Params, text?: string) => {
    flash.className = key ? 'flash flash-ok' : 'flash flash-error';
    if (key) i18n.text(flash, key, params);
    else {
      flash.removeAttribute('data-i18n');
      flash.textContent = text ?? '';
    }
  };

  const th = (key: MessageKey) => i18n.text(h('th', { scope: 'col' }), key);
  const tbody = h('tbody', {});
  const table = h(
    'table',
    { class: 'table', 'data-testid': 'user-table' },
    h('thead', {}, h('tr', {}, th('users.colUsername'), th('users.colName'), th('users.colRole'), th('users.colArea'), th('users.colState'), th('users.colActions'))),
    tbody,
  );

  const open = async (user?: AdminUserDto) => {
    const saved = await userDialog({ i18n, user, create: usersApi.create, update: usersApi.update, areas });
    if (!saved || !alive) return;
    const i = users.findIndex((u) => u.id === saved.id);
    if (i >= 0) users[i] = saved;
    else users.push(saved);
    users.sort((a, b) => a.username.localeCompare(b.username));
    render();
    say(user ? 'users.updated' : 'users.created', { name: saved.username });
    tbody.querySelector<HTMLElement>(`tr[data-user-id="${saved.id}"] button`)?.focus();
  };

  const row = (u: AdminUserDto) => {
    const edit = i18n.attr(
      i18n.text(h('button', { type: 'button', class: 'btn btn-small', 'data-testid': 'user-edit', onclick: () => void open(u) }), 'users.edit'),
      'aria-label', 'users.editLabel', { name: u.username },
    );
    return h(
      'tr',
      { 'data-user-id': u.id, 'data-username': u.username, class: u.disabled ? 'user-disabled' : '' },
      h('td', {}, h('code', { class: 'username' }, u.username),
        u.id === ctx.user.id ? i18n.text(h('span', { class: 'muted you' }), 'users.you') : null),
      h('td', { class: 'cell-name' }, u.displayName),
      h('td', {}, i18n.text(h('span', { class: `role-chip role-${u.role}` }), `role.${u.role}`)),
      h('td', { class: 'cell-area', 'data-testid': 'user-area-cell' }, areaOf(u)),
      h('td', {}, i18n.text(h('span', { class: u.disabled ? 'user-state state-disabled' : 'user-state state-active' }),
        u.disabled ? 'users.disabled' : 'users.active')),
      h('td', { class: 'cell-actions' }, edit),
    );
  };
  const render = () => tbody.replaceChildren(...users.map(row));

  const addBtn = i18n.text(
    h('button', { type: 'button', class: 'btn btn-primary', 'data-testid': 'add-user', onclick: () => void open() }),
    'users.add',
  );
  const el = h(
    'section',
    { class: 'page cameras-page users-page' },
    h('div', { class: 'page-head' }, i18n.text(h('h1', {}), 'users.title'), addBtn),
    flash,
    h('div', { class: 'table-wrap' }, table),
  );

  Promise.all([usersApi.listAll(), areaApisFor(ctx.sessionExpired).areasApi.list()]).then(
    ([list, all]) => {
      if (!alive) return;
      users = list;
      areas = all;
      render();
    },
    (err) => alive && say(null, undefined, `${i18n.t('users.loadFailed')} ${errorMessage(i18n, err)}`),
  );

  return {
    el,
    destroy() {
      alive = false;
    },
  };
}
