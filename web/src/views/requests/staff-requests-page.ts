// /requests — the footage requests an officer sent, and those on cameras in their areas: camera, range (Vietnam
// time), reason, incident, status and what became of the clip; the requester may withdraw a pending one. Kept
// current by the socket's footage-request events (the requester's own) and on each visit.
import type { FootageRequestDto } from '../../../../server/contracts.ts';
import { isOfficer } from '../../../../server/access/permissions.ts';
import { errorMessage } from '../../api/error-message.ts';
import type { AppContext, Page } from '../../app-context.ts';
import { h } from '../../dom.ts';
import { formatDateTime } from '../../time-format.ts';
import { noPermissionPage } from '../no-permission.ts';
import { clipLine, liveRequests, rangeText, statusChip } from './request-parts.ts';

export function createStaffRequestsPage(ctx: AppContext): Page {
  const { i18n } = ctx;
  if (ctx.user.role === 'resident') {
    queueMicrotask(() => ctx.navigate('/my/requests', { replace: true }));
    return { el: h('section', { class: 'page' }), destroy: () => undefined };
  }
  if (!isOfficer(ctx.user.role)) return noPermissionPage(ctx, 'req.staff.noPermission');
  let list: FootageRequestDto[] = [];
  const th = (key: 'req.col.camera' | 'req.col.range' | 'req.col.reason' | 'req.col.by' | 'req.col.incident' | 'req.col.status') =>
    i18n.text(h('th', { scope: 'col' }), key);
  const tbody = h('tbody', {});
  const table = h('table', { class: 'table req-table', 'data-testid': 'req-table' },
    h('thead', {}, h('tr', {}, th('req.col.camera'), th('req.col.range'), th('req.col.reason'), th('req.col.by'), th('req.col.incident'), th('req.col.status'), h('th', {}))),
    tbody);
  const note = h('p', { class: 'muted' });
  const el = h('section', { class: 'page list-page', 'data-testid': 'staff-requests' },
    h('div', { class: 'page-head' }, i18n.text(h('h1', {}), 'req.staff.title')), h('div', { class: 'table-wrap' }, table), note);

  const withdraw = async (r: FootageRequestDto, btn: HTMLButtonElement) => {
    btn.disabled = true;
    try {
      live.set(await ctx.footageRequestsApi.withdraw(r.id));
      ctx.toasts.show({ text: 'req.staff.withdrawn' });
    } catch (err) {
      btn.disabled = false;
      note.removeAttribute('data-i18n');
      note.textContent = errorMessage(i18n, err);
    }
  };

  const row = (r: FootageRequestDto) => {
    const mine = r.requestedBy.id === ctx.user.id && r.status === 'pending';
    const btn: HTMLButtonElement | null = mine
      ? i18n.text(h('button', { type: 'button', class: 'btn btn-small btn-ghost', 'data-testid': 'req-withdraw' }), 'req.staff.withdraw') : null;
    btn?.addEventListener('click', () => void withdraw(r, btn));
    return h('tr', { 'data-request-id': r.id },
      h('td', {}, h('div', {}, r.cameraName), r.cameraPlace ? h('div', { class: 'muted' }, r.cameraPlace) : null),
      h('td', { class: 'nowrap' }, rangeText(i18n, r)),
      h('td', { class: 'req-reason' }, r.reason),
      h('td', {}, r.requestedBy.displayName),
      h('td', {}, r.incidentId === null ? '—'
        : h('a', { href: `/incidents/${r.incidentId}`, 'data-link': true }, `#${r.incidentId} ${r.incidentTitle ?? ''}`)),
      h('td', {}, statusChip(i18n, r), clipLine(i18n, r),
        r.answerNote ? h('p', { class: 'hint' }, `“${r.answerNote}”`) : null,
        r.answeredAt && r.status !== 'expired' ? h('p', { class: 'hint' }, formatDateTime(r.answeredAt, i18n.locale())) : null),
      h('td', {}, btn),
    );
  };

  const render = () => {
    tbody.replaceChildren(...list.map(row));
    table.hidden = list.length === 0;
    if (list.length === 0) i18n.text(note, 'req.staff.empty');
    else {
      note.removeAttribute('data-i18n');
      note.textContent = '';
    }
  };

  const live = liveRequests(ctx, {
    show: (l) => {
      list = l;
      render();
    },
    failed: (err) => {
      note.removeAttribute('data-i18n');
      note.textContent = errorMessage(i18n, err);
    },
  });
  return { el, destroy: () => live.destroy() };
}
