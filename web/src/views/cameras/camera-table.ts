// The cameras list: name, status, source URLs (never a password: the server strips it), added, actions.
import type { CameraDto } from '../../../../server/contracts.ts';
import { h } from '../../dom.ts';
import type { I18n } from '../../i18n/i18n.ts';
import { formatDateTime } from '../../time-format.ts';
import { createStatusBadge, type StatusBadge } from '../status-badge.ts';

export interface CameraTable {
  el: HTMLElement;
  render(cameras: CameraDto[]): void;
  updateStatus(camera: CameraDto): void;
}

export interface CameraTableOptions {
  i18n: I18n;
  onEdit(camera: CameraDto): void;
  onDelete(camera: CameraDto): void;
}

export function createCameraTable(opts: CameraTableOptions): CameraTable {
  const { i18n } = opts;
  const badges = new Map<string, StatusBadge>();
  const th = (key: Parameters<I18n['t']>[0]) => i18n.text(h('th', { scope: 'col' }), key);
  const tbody = h('tbody', {});
  const table = h(
    'table',
    { class: 'table', 'data-testid': 'camera-table', hidden: true },
    h(
      'thead',
      {},
      h('tr', {}, th('cameras.colName'), th('cameras.colStatus'), th('cameras.colSource'), th('cameras.colSub'), th('cameras.colAdded'), th('cameras.colActions')),
    ),
    tbody,
  );
  const none = i18n.text(h('p', { class: 'muted empty-row', hidden: true }), 'cameras.none');
  const el = h('div', { class: 'table-wrap' }, table, none);

  const row = (camera: CameraDto): HTMLTableRowElement => {
    const badge = createStatusBadge(i18n, camera.status);
    badges.set(camera.id, badge);
    const statusCell = h('td', {}, badge.el);
    if (camera.status === 'offline' && camera.lastError) statusCell.title = camera.lastError;
    const source = camera.source;
    // URL-based sources (rtsp, onvif, nvr) come without their password; others are described in words.
    const main =
      'url' in source
        ? h('code', { class: 'url' }, source.url)
        : source.kind === 'demo'
          ? i18n.text(h('span', { class: 'muted' }), 'cameras.demoSource', { pattern: source.pattern })
          : h('span', { class: 'muted' }, source.kind);
    const sub = 'subUrl' in source && source.subUrl ? h('code', { class: 'url' }, source.subUrl) : h('span', { class: 'muted' }, '—');
    const edit =
      source.kind === 'rtsp'
        ? i18n.attr(
            i18n.text(h('button', { type: 'button', class: 'btn btn-small', onclick: () => opts.onEdit(camera) }), 'cameras.edit'),
            'aria-label',
            'cameras.editLabel',
            { name: camera.name },
          )
        : null;
    const del = i18n.attr(
      i18n.text(h('button', { type: 'button', class: 'btn btn-small btn-danger-ghost', onclick: () => opts.onDelete(camera) }), 'cameras.delete'),
      'aria-label',
      'cameras.deleteLabel',
      { name: camera.name },
    );
    return h(
      'tr',
      { 'data-camera-id': camera.id },
      h(
        'td',
        { class: 'cell-name' },
        h('span', {}, camera.name),
        camera.demo ? i18n.attr(i18n.text(h('span', { class: 'tile-demo' }), 'camera.demo'), 'title', 'camera.demoTitle') : null,
      ),
      statusCell,
      h('td', {}, main),
      h('td', {}, sub),
      h('td', { class: 'nowrap' }, formatDateTime(camera.createdAt, i18n.locale())),
      h('td', { class: 'cell-actions' }, edit, del),
    );
  };

  return {
    el,
    render(cameras) {
      badges.clear();
      tbody.replaceChildren(...cameras.map(row));
      table.hidden = cameras.length === 0;
      none.hidden = cameras.length > 0;
    },
    updateStatus(camera) {
      badges.get(camera.id)?.set(camera.status);
      const cell = badges.get(camera.id)?.el.parentElement;
      if (cell) cell.title = camera.status === 'offline' && camera.lastError ? camera.lastError : '';
    },
  };
}
