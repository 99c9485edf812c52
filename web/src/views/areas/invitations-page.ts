// Invitations (staff): invite a named resident into an area; the link and code are shown once; the list says which
// are open, used, expired or revoked, and an open one can be revoked.
import type { AreaDto, InvitationDto } from '../../../../server/contracts.ts';
import { inScope, isStaff } from '../../../../server/access/permissions.ts';
import { areaApisFor } from '../../api/areas-api.ts';
import type { AppContext, Page } from '../../app-context.ts';
import { h } from '../../dom.ts';
import type { MessageKey } from '../../i18n/i18n.ts';
import { formatDateTime } from '../../time-format.ts';
import { confirmDialog } from '../cameras/confirm-dialog.ts';
import { createFlash } from '../flash.ts';
import { noPermissionPage } from '../no-permission.ts';
import { areaPath } from './area-tree.ts';
import { invitationReadyDialog, newInvitationDialog } from './invitation-dialogs.ts';

export function createInvitationsPage(ctx: AppContext): Page {
  const { i18n } = ctx;
  if (!isStaff(ctx.user.role)) return noPermissionPage(ctx, 'incidents.noPermission');
  const { areasApi, invitationsApi } = areaApisFor(ctx.sessionExpired);
  let areas: AreaDto[] = [];
  let invitations: InvitationDto[] = [];
  let alive = true;
  const flash = createFlash(i18n);
  const th = (key: MessageKey) => i18n.text(h('th', { scope: 'col' }), key);
  const tbody = h('tbody', {});
  const empty = i18n.text(h('p', { class: 'muted', hidden: true }), 'inv.none');
  const table = h('table', { class: 'table', 'data-testid': 'inv-table' },
    h('thead', {}, h('tr', {}, th('inv.colName'), th('inv.colArea'), th('inv.colStatus'), th('inv.colBy'), th('inv.colExpires'), th('inv.colActions'))),
    tbody);

  const load = async () => {
    try {
      const [a, i] = await Promise.all([areasApi.list(), invitationsApi.list()]);
      if (!alive) return;
      areas = a;
      invitations = i;
      render();
    } catch (error) {
      if (alive) flash.fail({ error, prefix: 'inv.loadFailed' });
    }
  };

  const create = async () => {
    // staff limited to some areas invite only into those (the hub says the same)
    const mine = areas.filter((a) => inScope(ctx.user, a.id));
    if (mine.length === 0) return flash.fail({ key: 'inv.noAreas' });
    const inv = await newInvitationDialog(i18n, mine, invitationsApi.create);
    if (!inv || !alive) return;
    await invitationReadyDialog(i18n, inv, location.origin);
    flash.clear();
    await load();
  };

  const revoke = async (inv: InvitationDto) => {
    const sure = await confirmDialog(i18n, {
      title: 'inv.confirmRevokeTitle', body: 'inv.confirmRevoke', params: { name: inv.displayName }, confirm: 'inv.revoke', danger: true,
    });
    if (!sure || !alive) return;
    try {
      await invitationsApi.revoke(inv.id);
      flash.ok('inv.revoked', { name: inv.displayName });
      await load();
    } catch (error) {
      flash.fail({ error });
    }
  };

  const row = (inv: InvitationDto) => h('tr', { 'data-invitation-id': inv.id, 'data-status': inv.status },
    h('td', { class: 'cell-name' }, inv.displayName),
    h('td', {}, areaPath(areas, inv.areaId)),
    h('td', {}, i18n.text(h('span', { class: `inv-status inv-${inv.status}`, 'data-testid': 'inv-status' }), `inv.status.${inv.status}`)),
    h('td', {}, inv.createdBy ?? '—'),
    h('td', {}, formatDateTime(inv.expiresAt, i18n.locale())),
    h('td', { class: 'cell-actions' }, inv.status === 'open'
      ? i18n.attr(i18n.text(h('button', { type: 'button', class: 'btn btn-small btn-danger-ghost', 'data-testid': 'inv-revoke', onclick: () => void revoke(inv) }),
        'inv.revoke'), 'aria-label', 'inv.revokeLabel', { name: inv.displayName })
      : null));
  const render = () => {
    tbody.replaceChildren(...invitations.map(row));
    empty.hidden = invitations.length > 0;
  };

  const addBtn = i18n.text(h('button', { type: 'button', class: 'btn btn-primary', 'data-testid': 'inv-create', onclick: () => void create() }), 'inv.create');
  const el = h('section', { class: 'page cameras-page invitations-page' },
    h('div', { class: 'page-head' }, i18n.text(h('h1', {}), 'inv.title'), addBtn),
    i18n.text(h('p', { class: 'muted page-intro' }), 'inv.intro'),
    flash.el,
    h('div', { class: 'table-wrap' }, table),
    empty);
  void load();
  return { el, destroy: () => { alive = false; } };
}
