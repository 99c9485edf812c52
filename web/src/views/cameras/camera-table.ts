// The cameras list: name, status, source (never a password: the server strips it), recording, added, actions.
import type { CameraDto } from '../../../../server/contracts.ts';
import { h } from '../../dom.ts';
import type { I18n } from '../../i18n/i18n.ts';
import { formatDateTime } from '../../time-format.ts';
import { createCopyButton } from '../copy-button.ts';
import { createStatusBadge, type StatusBadge } from '../status-badge.ts';
import { recordingSummary } from './recording-dialog.ts';
import { healthUrl } from '../health/health-url.ts';

export interface CameraTable {
  el: HTMLElement;
  render(cameras: CameraDto[]): void;
  updateStatus(camera: CameraDto): void;
}

export interface CameraTableOptions {
  i18n: I18n;
  onEdit(camera: CameraDto): void;
  onDelete(camera: CameraDto): void;
  onRecording(camera: CameraDto): void;
  onRotateKey(camera: CameraDto): void;
  /** more buttons for a row (e.g. "request footage"), or null */
  extraActions?(camera: CameraDto): HTMLElement | null;
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
      h('tr', {}, th('cameras.colName'), th('cameras.colStatus'), th('cameras.colSource'), th('cameras.colSub'), th('cameras.colRecording'), th('cameras.colAdded'), th('cameras.colActions')),
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
          : rtmpCell(source);
    const sub = 'subUrl' in source && source.subUrl ? h('code', { class: 'url' }, source.subUrl) : h('span', { class: 'muted' }, '—');
    const edit =
      source.kind === 'rtsp'
        ? i18n.attr(
            i18n.text(h('button', { type: 'button', class: 'btn btn-small', onclick: () => opts.onEdit(camera) }), 'cameras.edit'),
            'aria-label',
            'cameras.editLabel',
            { name: camera.name },
          )
        : source.kind === 'rtmp-push'
          ? i18n.attr(
              i18n.text(h('button', { type: 'button', class: 'btn btn-small', onclick: () => opts.onRotateKey(camera) }), 'cameras.rotateKey'),
              'aria-label',
              'cameras.rotateKeyLabel',
              { name: camera.name },
            )
          : null;
    const del = i18n.attr(
      i18n.text(h('button', { type: 'button', class: 'btn btn-small btn-danger-ghost', onclick: () => opts.onDelete(camera) }), 'cameras.delete'),
      'aria-label',
      'cameras.deleteLabel',
      { name: camera.name },
    );
    const review = i18n.attr(
      i18n.text(h('a', { class: 'btn btn-small btn-ghost', href: `/review/${encodeURIComponent(camera.id)}`, 'data-link': true, 'data-testid': 'camera-review' }), 'review.tileLink'),
      'aria-label',
      'cameras.reviewLabel',
      { name: camera.name },
    );
    const health = i18n.attr(
      i18n.text(h('a', { class: 'btn btn-small btn-ghost', href: healthUrl(camera.id), 'data-link': true, 'data-testid': 'camera-health' }), 'health.link'),
      'aria-label',
      'health.linkLabel',
      { name: camera.name },
    );
    const recording = i18n.attr(
      h('button', { type: 'button', class: 'btn btn-small btn-ghost rec-edit', 'data-testid': 'camera-recording', onclick: () => opts.onRecording(camera) }, recordingSummary(i18n, camera)),
      'aria-label',
      'cameras.recordingLabel',
      { name: camera.name },
    );
    return h(
      'tr',
      { 'data-camera-id': camera.id },
      h(
        'td',
        { class: 'cell-name' },
        // a still of the camera (its ONVIF snapshot, else a frame of its stream), loaded only when the row is seen
        h('img', { class: 'cam-thumb', alt: '', loading: 'lazy', width: 96, height: 54,
          src: `/api/cameras/${encodeURIComponent(camera.id)}/snapshot.jpg` }),
        h('span', {}, camera.name),
        camera.demo ? i18n.attr(i18n.text(h('span', { class: 'tile-demo' }), 'camera.demo'), 'title', 'camera.demoTitle') : null,
      ),
      statusCell,
      h('td', {}, main, camera.group ? h('span', { class: 'group-name muted' }, camera.group.name) : null),
      h('td', {}, sub),
      h('td', {}, recording),
      h('td', { class: 'nowrap' }, formatDateTime(camera.createdAt, i18n.locale())),
      h('td', { class: 'cell-actions' }, review, health, opts.extraActions?.(camera) ?? null, edit, del),
    );
  };

  /** A pushed camera: whether it is publishing now, and (admins) the URL to give the camera. */
  const rtmpCell = (source: Extract<CameraDto['source'], { kind: 'rtmp-push' }>) =>
    h(
      'div',
      { class: 'rtmp-cell' },
      i18n.text(h('span', { class: source.publishing ? 'rtmp-live' : 'muted' }), source.publishing ? 'cameras.rtmpPublishing' : 'cameras.rtmpWaiting'),
      source.publishUrl
        ? h('div', { class: 'url-row' }, h('code', { class: 'url' }, source.publishUrl), createCopyButton(i18n, () => source.publishUrl ?? ''))
        : null,
    );

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
