// The alert list (/alerts, /alerts?state=all): newest first, open (not acknowledged) or all; an acknowledge button
// that turns into who and when; new alerts and acknowledgements arrive by push; the alert sound toggle.
import type { AlertDto } from '../../../../server/contracts.ts';
import type { HealthApi } from '../../api/health-api.ts';
import { errorMessage } from '../../api/error-message.ts';
import type { AppContext, Page } from '../../app-context.ts';
import { h } from '../../dom.ts';
import type { MessageKey } from '../../i18n/i18n.ts';
import { formatDateTime } from '../../time-format.ts';
import type { AlertSound } from './alert-sound.ts';
import { alertSentence } from './alert-text.ts';
import { adviceFor } from './error-advice.ts';
import { alertsUrl, healthUrl } from './health-url.ts';

export function createAlertsPage(ctx: AppContext, api: HealthApi, sound: AlertSound, state: 'open' | 'all'): Page {
  const { i18n, socket } = ctx;
  let alive = true;
  let alerts: AlertDto[] = [];
  let nextBefore: number | null = null;

  const flash = h('p', { class: 'flash flash-error', role: 'status', 'aria-live': 'polite', 'data-testid': 'flash' });
  const fail = (key: MessageKey, err: unknown) => {
    flash.removeAttribute('data-i18n');
    flash.textContent = `${i18n.t(key)} ${errorMessage(i18n, err)}`;
  };

  const filter = h('div', { class: 'seg seg-small', role: 'group' });
  i18n.attr(filter, 'aria-label', 'alerts.filterLabel');
  for (const s of ['open', 'all'] as const) {
    filter.append(i18n.text(h('button', {
      type: 'button', class: 'seg-btn', 'aria-pressed': String(s === state), 'data-state': s,
      onclick: () => s !== state && ctx.navigate(alertsUrl(s), { replace: true }),
    }), s === 'open' ? 'alerts.open' : 'alerts.all'));
  }

  const mute = h('input', { type: 'checkbox', 'data-testid': 'alert-sound' }) as HTMLInputElement;
  mute.checked = !sound.muted();
  mute.addEventListener('change', () => sound.setMuted(!mute.checked));
  const offSound = sound.onChange((m) => (mute.checked = !m));
  const soundToggle = h('label', { class: 'alert-sound-toggle' }, mute, i18n.text(h('span', {}), 'alerts.sound'));

  const th = (key: MessageKey) => i18n.text(h('th', { scope: 'col' }), key);
  const tbody = h('tbody', {});
  const empty = i18n.text(h('p', { class: 'muted alerts-empty', 'data-testid': 'alerts-empty' }), state === 'open' ? 'alerts.none' : 'alerts.noneAll');
  const more = i18n.text(h('button', { type: 'button', class: 'btn', hidden: true, onclick: () => void load(true) }), 'alerts.more');
  const table = h('table', { class: 'table alerts-table', 'data-testid': 'alerts-table' },
    h('thead', {}, h('tr', {}, th('alerts.colTime'), th('alerts.colKind'), th('alerts.colCamera'), th('alerts.colDetail'), th('alerts.colAck'))),
    tbody);

  const ackCell = (a: AlertDto) => {
    if (a.acknowledged) {
      return i18n.text(h('span', { class: 'alert-acked', 'data-testid': 'alert-acked' }), 'alerts.ackedBy', {
        name: a.acknowledged.by.displayName || a.acknowledged.by.username, time: formatDateTime(a.acknowledged.at, i18n.locale()),
      });
    }
    const b = i18n.text(h('button', { type: 'button', class: 'btn btn-small btn-primary', 'data-testid': 'alert-ack' }), 'alerts.ack');
    i18n.attr(b, 'aria-label', 'alerts.ackLabel', { id: a.id });
    b.addEventListener('click', () => {
      b.disabled = true;
      api.acknowledge(a.id).then((done) => alive && upsert(done), (err) => {
        b.disabled = false;
        if (alive) fail('alerts.ackFailed', err);
      });
    });
    return b;
  };

  const row = (a: AlertDto) => {
    const { key, params } = alertSentence(i18n, a);
    const detail = h('td', { class: 'alert-detail' }, i18n.text(h('span', {}), key, params));
    if (a.kind === 'camera-offline') {
      detail.append(h('br', {}), i18n.text(h('span', { class: 'muted' }), adviceFor(a.message).cause));
      if (a.resolvedAt) detail.append(' ', i18n.text(h('span', { class: 'chip chip-ok' }), 'alerts.resolved', { time: formatDateTime(a.resolvedAt, i18n.locale()) }));
    }
    if (a.count > 1) detail.append(' ', i18n.text(h('span', { class: 'chip' }), 'alerts.repeated', { count: a.count, time: formatDateTime(a.lastAt, i18n.locale()) }));
    if (a.incidentId) detail.append(' ', i18n.text(h('a', { href: `/incidents/${a.incidentId}`, 'data-link': true }), 'alerts.incidentLink'));
    const camera = a.cameraId && (a.kind === 'camera-offline' || a.kind === 'camera-online')
      ? h('a', { href: healthUrl(a.cameraId), 'data-link': true, 'data-testid': 'alert-camera' }, a.cameraName ?? a.cameraId)
      : a.cameraName ?? '';
    return h('tr', { 'data-alert-id': a.id, 'data-kind': a.kind, class: `alert-row alert-${a.severity}${a.acknowledged ? ' alert-done' : ''}` },
      h('td', { class: 'nowrap' }, formatDateTime(a.createdAt, i18n.locale())),
      h('td', {}, i18n.text(h('span', { class: `alert-kind alert-kind-${a.severity}` }), `alert.kind.${a.kind}` as MessageKey)),
      h('td', {}, camera),
      detail,
      h('td', { class: 'cell-actions' }, ackCell(a)));
  };

  const render = () => {
    tbody.replaceChildren(...alerts.map(row));
    table.hidden = alerts.length === 0;
    empty.hidden = alerts.length > 0;
    more.hidden = nextBefore === null;
  };

  /** a pushed or acknowledged alert: replaced in place, new ones on top; acknowledged ones leave the open list */
  const upsert = (a: AlertDto) => {
    // back online resolves its offline alert (the hub pushes only the new alert)
    const closed = a.kind === 'camera-online' ? alerts.find((x) => x.id === a.relatedId) : undefined;
    if (closed && !closed.resolvedAt) closed.resolvedAt = a.createdAt;
    const i = alerts.findIndex((x) => x.id === a.id);
    if (state === 'open' && a.acknowledged) {
      if (i >= 0) alerts.splice(i, 1);
    } else if (i >= 0) alerts[i] = a;
    else alerts.unshift(a);
    render();
  };

  const load = async (append: boolean) => {
    try {
      const page = await api.alerts(state, append ? nextBefore : null);
      if (!alive) return;
      alerts = append ? [...alerts, ...page.alerts] : page.alerts;
      nextBefore = page.nextBefore;
      render();
    } catch (err) {
      if (alive) fail('alerts.loadFailed', err);
    }
  };

  socket.on('alert:created', upsert);
  socket.on('alert:acknowledged', upsert);
  table.hidden = true;
  empty.hidden = true;
  void load(false);

  const el = h('section', { class: 'page cameras-page alerts-page', 'data-testid': 'alerts-page' },
    h('div', { class: 'page-head' }, i18n.text(h('h1', {}), 'alerts.title'), filter, h('span', { class: 'toolbar-spacer' }), soundToggle),
    flash,
    h('div', { class: 'table-wrap' }, table, empty),
    more);
  return {
    el,
    destroy() {
      alive = false;
      socket.off('alert:created', upsert);
      socket.off('alert:acknowledged', upsert);
      offSound();
    },
  };
}
