// The access log (admins): entries newest first with filters (camera, user, action, days in Vietnam's time),
// "load more" by cursor, a CSV export of what the filters match, and "Kiểm tra chuỗi", which asks the hub to
// recompute the hash chain and names the first broken entry.
import type { AdminUserDto, AuditAction, AuditEntryDto, AuditVerifyDto } from '../../../../server/contracts.ts';
import { AUDIT_ACTIONS } from '../../../../server/contracts/audit.ts';
import type { AuditApi, AuditFilter } from '../../api/audit-api.ts';
import { errorMessage } from '../../api/error-message.ts';
import type { AppContext, Page } from '../../app-context.ts';
import { h } from '../../dom.ts';
import type { MessageKey } from '../../i18n/i18n.ts';
import { formatDateTimeSeconds, vnDayBounds } from '../../time-format.ts';
import { noPermissionPage } from '../no-permission.ts';


const actionKey = (a: AuditAction) => `audit.action.${a}` as MessageKey;

export function createAuditPage(ctx: AppContext, api: AuditApi): Page {
  const { i18n } = ctx;
  if (ctx.user.role !== 'admin') return noPermissionPage(ctx, 'audit.noPermission');

  let alive = true;
  let cursor: string | null = null;
  let generation = 0;
  const filter: AuditFilter = {};

  const field = (id: string, key: MessageKey, control: HTMLElement) =>
    h('div', { class: 'filter-field' }, i18n.text(h('label', { for: id }), key), control);
  const option = (value: string, text: string) => h('option', { value }, text);
  const camera = h('select', { id: 'audit-camera', 'data-testid': 'audit-camera' });
  const renderCameras = () => {
    const chosen = camera.value;
    camera.replaceChildren(i18n.text(option('', ''), 'audit.allCameras'), ...ctx.store.all().map((c) => option(c.id, c.name)));
    camera.value = chosen;
  };
  renderCameras();
  const unsubscribeStore = ctx.store.subscribe((change) => {
    if (change.type === 'list') renderCameras();
  });
  const user = h('select', { id: 'audit-user', 'data-testid': 'audit-user' }, i18n.text(option('', ''), 'audit.allUsers'));
  const action = h('select', { id: 'audit-action', 'data-testid': 'audit-action' },
    i18n.text(option('', ''), 'audit.allActions'), ...AUDIT_ACTIONS.map((a) => i18n.text(option(a, ''), actionKey(a))));
  const fromDay = h('input', { type: 'date', id: 'audit-from', 'data-testid': 'audit-from' });
  const toDay = h('input', { type: 'date', id: 'audit-to', 'data-testid': 'audit-to' });
  const filters = h('form', { class: 'incident-filters', role: 'search', 'data-testid': 'audit-filters' },
    field('audit-camera', 'audit.camera', camera), field('audit-user', 'audit.user', user),
    field('audit-action', 'audit.action', action), field('audit-from', 'audit.from', fromDay), field('audit-to', 'audit.to', toDay));

  const verifyBtn = i18n.text(h('button', { type: 'button', class: 'btn btn-primary', 'data-testid': 'audit-verify' }), 'audit.verify');
  const csv = i18n.text(h('a', { class: 'btn', href: api.csvUrl(filter), download: '', 'data-testid': 'audit-csv' }), 'audit.exportCsv');
  const result = h('p', { class: 'flash', role: 'status', 'aria-live': 'polite', 'data-testid': 'audit-verify-result' });
  const flash = h('p', { class: 'flash flash-error', role: 'alert', hidden: true, 'data-testid': 'audit-error' });

  const th = (key: MessageKey) => i18n.text(h('th', { scope: 'col' }), key);
  const tbody = h('tbody', {});
  const empty = i18n.text(h('p', { class: 'muted', hidden: true, 'data-testid': 'audit-empty' }), 'audit.none');
  const more = i18n.text(h('button', { type: 'button', class: 'btn', hidden: true, 'data-testid': 'audit-more' }), 'audit.more');
  const el = h(
    'section',
    { class: 'page cameras-page audit-page' },
    h('div', { class: 'page-head' }, i18n.text(h('h1', {}), 'audit.title'), h('div', { class: 'page-actions' }, verifyBtn, csv)),
    i18n.text(h('p', { class: 'muted' }), 'audit.intro'),
    result,
    filters,
    flash,
    h('div', { class: 'table-wrap' }, h('table', { class: 'table', 'data-testid': 'audit-table' },
      h('thead', {}, h('tr', {}, th('audit.colTime'), th('audit.colUser'), th('audit.colAction'), th('audit.colCamera'),
        th('audit.colDetail'), th('audit.colIp'))),
      tbody)),
    empty,
    h('div', { class: 'list-more' }, more),
  );

  const row = (e: AuditEntryDto) => {
    const what = [
      e.cameraId ? h('span', { class: 'audit-camera' }, e.cameraName ?? e.cameraId) : null,
      e.incidentId !== null
        ? i18n.text(h('a', { href: `/incidents/${e.incidentId}`, 'data-link': true }), 'audit.incident', { id: e.incidentId })
        : null,
    ].filter((x): x is HTMLElement => x !== null);
    const whatCell = h('td', {});
    what.forEach((x, i) => whatCell.append(...(i ? [' · ', x] : [x])));
    return h(
      'tr',
      { 'data-entry-id': e.id, 'data-action': e.action },
      h('td', { class: 'cell-time' }, h('time', { datetime: e.at }, formatDateTimeSeconds(new Date(e.at), i18n.locale()))),
      h('td', {}, h('span', { class: 'cell-name' }, e.displayName), ' ', h('code', { class: 'username' }, e.username), ' ',
        i18n.text(h('span', { class: `role-chip role-${e.role}` }), `role.${e.role}`)),
      h('td', {}, i18n.text(h('span', {}), actionKey(e.action))),
      whatCell,
      h('td', {}, e.detail ?? ''),
      h('td', {}, h('code', {}, e.ip ?? '')),
    );
  };

  const showError = (key: MessageKey, err: unknown) => {
    flash.hidden = false;
    flash.textContent = `${i18n.t(key)} ${errorMessage(i18n, err)}`;
  };

  const load = async (fresh: boolean) => {
    const mine = fresh ? ++generation : generation;
    if (fresh) cursor = null;
    more.disabled = true;
    try {
      const page = await api.list(filter, cursor);
      if (!alive || mine !== generation) return;
      flash.hidden = true;
      if (fresh) tbody.replaceChildren();
      tbody.append(...page.entries.map(row));
      cursor = page.nextCursor;
      more.hidden = !cursor;
      empty.hidden = tbody.childElementCount > 0;
    } catch (err) {
      if (alive && mine === generation) showError('audit.loadFailed', err);
    } finally {
      more.disabled = false;
    }
  };

  const applyFilters = () => {
    filter.cameraId = camera.value || undefined;
    filter.userId = user.value ? Number(user.value) : undefined;
    filter.action = (action.value || undefined) as AuditAction | undefined;
    filter.from = fromDay.value ? vnDayBounds(fromDay.value)?.start.toISOString() : undefined;
    filter.to = toDay.value ? vnDayBounds(toDay.value)?.end.toISOString() : undefined;
    csv.setAttribute('href', api.csvUrl(filter));
    void load(true);
  };
  for (const c of [camera, user, action, fromDay, toDay]) c.addEventListener('change', applyFilters);
  filters.addEventListener('submit', (ev) => ev.preventDefault());
  more.addEventListener('click', () => void load(false));

  const showVerify = (v: AuditVerifyDto) => {
    result.className = v.ok ? 'flash flash-ok' : 'flash flash-error';
    result.dataset.ok = String(v.ok);
    if (v.ok && v.head) i18n.text(result, 'audit.verifyOk', { n: v.entries, id: v.head.id, hash: v.head.hash.slice(0, 16) });
    else if (v.ok) i18n.text(result, 'audit.verifyOkEmpty');
    else i18n.text(result, 'audit.verifyBroken', { id: v.firstBrokenId, reason: i18n.t(`audit.reason.${v.reason}` as MessageKey) });
  };
  verifyBtn.addEventListener('click', () => {
    verifyBtn.disabled = true;
    result.className = 'flash';
    delete result.dataset.ok;
    i18n.text(result, 'audit.verifying');
    api.verify().then(
      (v) => alive && showVerify(v),
      (err) => {
        if (!alive) return;
        result.className = 'flash flash-error';
        result.removeAttribute('data-i18n');
        result.textContent = `${i18n.t('audit.verifyFailed')} ${errorMessage(i18n, err)}`;
      },
    ).finally(() => {
      verifyBtn.disabled = false;
    });
  });

  ctx.usersApi.listAll().then(
    (users: AdminUserDto[]) => {
      if (alive) user.append(...users.map((u) => option(String(u.id), `${u.displayName} (${u.username})`)));
    },
    () => undefined, // the filter then lists no one; the log itself still loads
  );
  void load(true);

  return {
    el,
    destroy() {
      alive = false;
      unsubscribeStore();
    },
  };
}
