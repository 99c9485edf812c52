// Evidence export: the hub builds the zip (clips, manifest.json, custody log) while sending it, so its size is
// unknown ahead; the bytes received are shown as they arrive, then the manifest's SHA-256 from the header.
import { downloadWithProgress, saveBlob } from '../../api/download.ts';
import { errorMessage } from '../../api/error-message.ts';
import type { IncidentsApi } from '../../api/incidents-api.ts';
import { h, icon } from '../../dom.ts';
import type { I18n } from '../../i18n/i18n.ts';
import { formatBytes } from '../../time-format.ts';
import { createCopyButton } from '../copy-button.ts';

export interface IncidentExport {
  el: HTMLElement;
  destroy(): void;
}

export function createIncidentExport(i18n: I18n, api: IncidentsApi, incidentId: number, onUnauthorized: () => void): IncidentExport {
  const button = h(
    'button',
    { type: 'button', class: 'btn btn-primary', 'data-testid': 'export-button' },
    icon('download'),
    i18n.text(h('span', {}), 'export.button'),
  );
  const bar = h('progress', { class: 'export-progress', hidden: true });
  const progress = h('p', { class: 'export-status', role: 'status', 'aria-live': 'polite', 'data-testid': 'export-status' });
  const manifest = h('code', { class: 'hash', 'data-testid': 'export-manifest-sha256' });
  const manifestRow = h(
    'div',
    { class: 'hash-row', hidden: true },
    i18n.text(h('span', { class: 'hash-label' }), 'export.manifestHash'),
    manifest,
    createCopyButton(i18n, () => manifest.textContent ?? ''),
  );
  const el = h(
    'section',
    { class: 'panel export-panel', 'data-testid': 'incident-export' },
    i18n.text(h('h2', {}), 'export.title'),
    i18n.text(h('p', { class: 'muted' }), 'export.body'),
    h('div', { class: 'export-actions' }, button, bar),
    progress,
    manifestRow,
  );

  let abort: AbortController | null = null;
  const run = async () => {
    abort = new AbortController();
    button.disabled = true;
    bar.hidden = false;
    bar.removeAttribute('value');
    manifestRow.hidden = true;
    el.dataset.state = 'running';
    try {
      const result = await downloadWithProgress(api.exportUrl(incidentId), {
        method: 'POST',
        signal: abort.signal,
        onUnauthorized,
        onProgress(received, total) {
          if (total) {
            bar.max = total;
            bar.value = received;
          }
          i18n.text(progress, 'export.receiving', { size: formatBytes(received, i18n.locale()) });
          progress.dataset.bytes = String(received);
        },
      });
      const name = result.filename ?? `vu-viec-${incidentId}.zip`;
      saveBlob(result.blob, name);
      i18n.text(progress, 'export.done', { size: formatBytes(result.blob.size, i18n.locale()), name });
      progress.dataset.bytes = String(result.blob.size);
      const hash = result.headers.get('x-manifest-sha256');
      manifest.textContent = hash ?? '';
      manifestRow.hidden = !hash;
      el.dataset.state = 'done';
    } catch (err) {
      if (abort?.signal.aborted) return;
      progress.removeAttribute('data-i18n');
      progress.textContent = errorMessage(i18n, err);
      el.dataset.state = 'failed';
    } finally {
      abort = null;
      button.disabled = false;
      bar.hidden = true;
    }
  };
  button.addEventListener('click', () => void run());

  return {
    el,
    destroy: () => abort?.abort(),
  };
}
