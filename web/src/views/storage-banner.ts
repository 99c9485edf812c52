// Admins only: a recording write failed (disk full, or another error). The banner stays until dismissed,
// and repeats of the same alert only update it. On sign-in it shows the newest storage alert nobody has
// acknowledged yet (stored by the hub: server/health), so an admin who opens the hub later still sees it.
import type { AlertPageDto, ServerToClientEvents } from '../../../server/contracts.ts';
import { h } from '../dom.ts';
import type { I18n } from '../i18n/i18n.ts';
import type { CameraStore } from '../state/camera-store.ts';
import type { HubSocket } from '../state/realtime.ts';
import { formatBytes, formatClockTime } from '../time-format.ts';

type StorageAlert = Parameters<ServerToClientEvents['storage:alert']>[0];

export interface StorageBanner {
  el: HTMLElement;
  destroy(): void;
}

export function createStorageBanner(i18n: I18n, socket: HubSocket, store: CameraStore, loadOpen?: () => Promise<AlertPageDto>): StorageBanner {
  const text = h('span', { class: 'storage-text' });
  const repeated = h('span', { class: 'storage-repeated' });
  const detail = h('span', { class: 'storage-detail mono' });
  const dismiss = i18n.text(h('button', { type: 'button', class: 'btn btn-small btn-ghost' }), 'storage.dismiss');
  const el = h(
    'div',
    { class: 'storage-banner', role: 'alert', hidden: true, 'data-testid': 'storage-banner' },
    h('strong', {}, i18n.text(h('span', {}), 'storage.title')),
    text,
    repeated,
    detail,
    h('span', { class: 'toolbar-spacer' }),
    dismiss,
  );
  let last: StorageAlert | null = null;
  let count = 0;

  const render = () => {
    if (!last) return;
    const camera = store.get(last.cameraId)?.name ?? last.cameraId;
    const params = {
      camera,
      time: formatClockTime(new Date(last.at), i18n.locale()),
      freed: formatBytes(last.freedBytes, i18n.locale()),
    };
    i18n.text(text, last.code === 'disk-full' ? 'storage.diskFull' : 'storage.writeFailed', params);
    repeated.hidden = count < 2;
    if (count >= 2) i18n.text(repeated, 'storage.repeated', { count });
    detail.textContent = last.message;
  };
  const onAlert = (a: StorageAlert) => {
    count = last && !el.hidden ? count + 1 : 1;
    last = a;
    render();
    el.hidden = false;
  };
  dismiss.addEventListener('click', () => {
    el.hidden = true;
    count = 0;
  });
  socket.on('storage:alert', onAlert);
  loadOpen?.().then((page) => {
    const a = page.alerts.find((x) => x.kind === 'storage-low' || x.kind === 'recording-failed');
    if (!a || last) return; // a push that came meanwhile is newer
    onAlert({
      code: a.kind === 'storage-low' ? 'disk-full' : 'write-failed', message: a.message, cameraId: a.cameraId ?? '',
      freedBytes: Number(a.detail?.freedBytes ?? 0), at: a.lastAt,
    });
    count = a.count;
    render();
  }, () => undefined);
  const offLang = i18n.onChange(render);
  return {
    el,
    destroy() {
      socket.off('storage:alert', onAlert);
      offLang();
    },
  };
}
