// /approvals (officers): residents' cameras waiting for approval in the officer's areas, as cards with what to judge
// — a picture, the name, where it looks, the area, the owner, what the owner shares spelled out — and the answer:
// approve, or decline with a reason the owner reads. The list follows the camera store (socket events).
import { CONSENTS, isOfficer, type Consent } from '../../../../server/access/permissions.ts';
import type { CameraDto } from '../../../../server/contracts.ts';
import type { ApprovalsApi } from '../../api/approvals-api.ts';
import { errorMessage } from '../../api/error-message.ts';
import type { AppContext, Page } from '../../app-context.ts';
import { h } from '../../dom.ts';
import type { MessageKey } from '../../i18n/i18n.ts';
import { formatDateTimeSeconds } from '../../time-format.ts';
import { noPermissionPage } from '../no-permission.ts';

const SHARE_KEY: Record<Consent, { yes: MessageKey; no: MessageKey }> = {
  'police-live': { yes: 'approvals.share.police-live.yes', no: 'approvals.share.police-live.no' },
  'police-on-request': { yes: 'approvals.share.police-on-request.yes', no: 'approvals.share.police-on-request.no' },
  group: { yes: 'approvals.share.group.yes', no: 'approvals.share.group.no' },
};

export function createApprovalsPage(ctx: AppContext, api: ApprovalsApi): Page {
  const { i18n } = ctx;
  if (!isOfficer(ctx.user.role)) return noPermissionPage(ctx, 'approvals.noPermission');

  let alive = true;
  let areaNames = new Map<number, string>();
  let shown = '';
  const flash = h('p', { class: 'flash', role: 'status', 'aria-live': 'polite', 'data-testid': 'approvals-flash' });
  const list = h('div', { class: 'approvals-list', 'data-testid': 'approvals-list' });
  const empty = i18n.text(h('p', { class: 'muted', hidden: true, 'data-testid': 'approvals-empty' }), 'approvals.none');

  const say = (key: MessageKey | null, params?: Record<string, string>, text?: string) => {
    flash.className = key ? 'flash flash-ok' : 'flash flash-error';
    if (key) i18n.text(flash, key, params);
    else {
      flash.removeAttribute('data-i18n');
      flash.textContent = text ?? '';
    }
  };

  const fact = (label: MessageKey, value: Node | string, testid: string) =>
    h('div', { class: 'approval-fact' }, i18n.text(h('dt', {}), label), h('dd', { 'data-testid': testid }, value));

  const card = (c: CameraDto) => {
    const reason = h('textarea', { id: `reason-${c.id}`, rows: 2, maxlength: 500, 'data-testid': 'approval-reason' });
    const error = h('p', { class: 'form-error', role: 'alert', 'data-testid': 'approval-error' });
    const shares = h('ul', { class: 'approval-shares' }, ...CONSENTS.map((s) => {
      const on = c.shares.includes(s);
      return i18n.text(h('li', { class: on ? 'share-on' : 'share-off', 'data-share': s, 'data-on': String(on) }), on ? SHARE_KEY[s].yes : SHARE_KEY[s].no);
    }));
    const buttons: HTMLButtonElement[] = [];
    const answer = async (decision: 'approve' | 'decline') => {
      const why = reason.value.trim();
      if (decision === 'decline' && !why) {
        i18n.text(error, 'approvals.reasonRequired');
        reason.focus();
        return;
      }
      buttons.forEach((b) => (b.disabled = true));
      error.textContent = '';
      try {
        await api.decide(c.id, decision, why || undefined);
        if (!alive) return;
        say(decision === 'approve' ? 'approvals.approved' : 'approvals.declined', { name: c.name });
        el.remove();
        empty.hidden = list.childElementCount > 0;
      } catch (err) {
        error.removeAttribute('data-i18n');
        error.textContent = errorMessage(i18n, err);
        buttons.forEach((b) => (b.disabled = false));
      }
    };
    const button = (key: MessageKey, cls: string, testid: string, decision: 'approve' | 'decline') => {
      const b = i18n.text(h('button', { type: 'button', class: cls, 'data-testid': testid, onclick: () => void answer(decision) }), key);
      buttons.push(b);
      return b;
    };
    const area = c.areaId === null ? '—' : areaNames.get(c.areaId) ?? `#${c.areaId}`;
    const el = h('article', { class: 'approval-card', 'data-testid': 'approval-card', 'data-camera-id': c.id },
      h('img', { class: 'approval-snapshot', src: `/api/cameras/${encodeURIComponent(c.id)}/snapshot.jpg`, alt: '', loading: 'lazy' }),
      h('div', { class: 'approval-body' },
        h('h2', { class: 'approval-name', 'data-testid': 'approval-name' }, c.name),
        h('dl', { class: 'approval-facts' },
          fact('approvals.place', c.place ?? '—', 'approval-place'),
          fact('approvals.area', area, 'approval-area'),
          fact('approvals.owner', c.owner?.displayName ?? '—', 'approval-owner'),
          fact('approvals.since', formatDateTimeSeconds(new Date(c.updatedAt), i18n.locale()), 'approval-since'),
          fact('approvals.shares', shares, 'approval-shares')),
        h('div', { class: 'field' }, i18n.text(h('label', { for: reason.id }), 'approvals.reason'), reason),
        error,
        h('div', { class: 'approval-actions' },
          button('approvals.approve', 'btn btn-primary', 'approval-approve', 'approve'),
          button('approvals.decline', 'btn btn-danger', 'approval-decline', 'decline'))));
    return el;
  };

  const load = async () => {
    try {
      const cameras = await api.pending();
      if (!alive) return;
      // the store tells of every change to cameras; only a different list is drawn again (a typed reason stays)
      const key = cameras.map((c) => `${c.id}:${c.updatedAt}`).join(',');
      if (key === shown) return;
      shown = key;
      list.replaceChildren(...cameras.map(card));
      empty.hidden = cameras.length > 0;
    } catch (err) {
      if (alive) say(null, undefined, errorMessage(i18n, err));
    }
  };

  const unsubscribe = ctx.store.subscribe((change) => {
    if (change.type === 'list') void load();
  });
  void api.areaNames().catch(() => new Map<number, string>()).then((names) => {
    areaNames = names;
    shown = '';
    return load();
  });

  const el = h('section', { class: 'page cameras-page approvals-page', 'data-testid': 'approvals-page' },
    h('div', { class: 'page-head' }, i18n.text(h('h1', {}), 'approvals.title')),
    i18n.text(h('p', { class: 'muted' }), 'approvals.intro'),
    flash, empty, list);
  return {
    el,
    destroy() {
      alive = false;
      unsubscribe();
    },
  };
}
