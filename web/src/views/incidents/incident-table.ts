// The incidents list: one row per incident, newest first; rows are replaced in place when a push updates them.
import type { IncidentClipDto, IncidentDto } from '../../../../server/contracts.ts';
import { h } from '../../dom.ts';
import type { I18n, MessageKey } from '../../i18n/i18n.ts';
import { formatDateTimeSeconds } from '../../time-format.ts';
import { categoryLabel, statusKey } from './incident-labels.ts';

export interface IncidentTable {
  el: HTMLElement;
  /** replace every row */
  set(incidents: IncidentDto[]): void;
  /** add rows at the end (next page) */
  append(incidents: IncidentDto[]): void;
  /** a new incident on top, marked as new */
  prepend(incident: IncidentDto): void;
  /** replace a row if it is shown */
  update(incident: IncidentDto): void;
  count(): number;
  destroy(): void;
}

export function createIncidentTable(i18n: I18n): IncidentTable {
  const shown = new Map<number, { incident: IncidentDto; row: HTMLTableRowElement }>();
  const th = (key: MessageKey, cls = '') => i18n.text(h('th', { scope: 'col', class: cls }), key);
  const tbody = h('tbody', {});
  const table = h(
    'table',
    { class: 'table incident-table', 'data-testid': 'incident-table' },
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        th('incidents.colId', 'col-id'),
        th('incidents.colTime'),
        th('incidents.colCategory'),
        th('incidents.colTitle'),
        th('incidents.colCameras'),
        th('incidents.colStatus'),
        th('incidents.colClips'),
        th('incidents.colBy'),
      ),
    ),
    tbody,
  );
  const el = h('div', { class: 'table-wrap' }, table);

  const row = (i: IncidentDto, fresh = false): HTMLTableRowElement =>
    h(
      'tr',
      { 'data-incident-id': i.id, class: fresh ? 'row-new' : '' },
      h('td', { class: 'col-id mono' }, `#${i.id}`),
      h('td', { class: 'nowrap' }, h('time', { datetime: i.occurredAt }, formatDateTimeSeconds(new Date(i.occurredAt), i18n.locale()))),
      h('td', {}, h('span', { class: `category-chip cat-${i.category.id}` }, categoryLabel(i18n, i.category))),
      h('td', { class: 'cell-title' }, h('a', { href: `/incidents/${i.id}`, 'data-link': true, 'data-testid': 'incident-link' }, i.title)),
      h('td', { class: 'cell-cameras' }, i.clips.map((c) => c.cameraName).join(', ')),
      h('td', {}, statusBadge(i18n, i.status)),
      h('td', { class: 'nowrap' }, clipSummary(i18n, i.clips)),
      h('td', { class: 'muted' }, i.createdBy.displayName || i.createdBy.username),
    );

  const put = (i: IncidentDto, where: 'end' | 'top', fresh = false) => {
    const existing = shown.get(i.id);
    if (existing) {
      const next = row(i, existing.row.classList.contains('row-new'));
      existing.row.replaceWith(next);
      shown.set(i.id, { incident: i, row: next });
      return;
    }
    const r = row(i, fresh);
    shown.set(i.id, { incident: i, row: r });
    if (where === 'top') tbody.prepend(r);
    else tbody.append(r);
  };

  const rerender = () => {
    for (const [id, s] of shown) {
      const next = row(s.incident, s.row.classList.contains('row-new'));
      s.row.replaceWith(next);
      shown.set(id, { incident: s.incident, row: next });
    }
  };
  const offLang = i18n.onChange(rerender);

  return {
    el,
    set(list) {
      shown.clear();
      tbody.replaceChildren();
      for (const i of list) put(i, 'end');
    },
    append(list) {
      for (const i of list) put(i, 'end');
    },
    prepend: (i) => put(i, 'top', true),
    update(i) {
      if (shown.has(i.id)) put(i, 'end');
    },
    count: () => shown.size,
    destroy: offLang,
  };
}

export function statusBadge(i18n: I18n, status: IncidentDto['status']): HTMLElement {
  return i18n.text(h('span', { class: `status-pill status-${status}`, 'data-status': status }), statusKey(status));
}

/** "2/2 sẵn sàng", "đang cắt", "lỗi": how far the clips are. */
function clipSummary(i18n: I18n, clips: IncidentClipDto[]): HTMLElement {
  const ready = clips.filter((c) => c.status === 'ready').length;
  const failed = clips.filter((c) => c.status === 'failed').length;
  if (failed > 0) return i18n.text(h('span', { class: 'clip-state clip-failed', 'data-clips': 'failed' }), 'incidents.clipsFailed', { n: failed });
  if (ready === clips.length) return i18n.text(h('span', { class: 'clip-state clip-ready', 'data-clips': 'ready' }), 'incidents.clipsReady', { n: ready });
  return i18n.text(h('span', { class: 'clip-state clip-pending', 'data-clips': 'pending' }), 'incidents.clipsPending', { ready, n: clips.length });
}
