// After saving: what was added, each saved camera's snapshot (the tabs can also test before saving, see
// connection-test.ts), and for a pushed camera the URL to give it.
import type { CameraDto } from '../../../../../server/contracts.ts';
import type { CamerasApi } from '../../../api/cameras-api.ts';
import { h } from '../../../dom.ts';
import type { I18n } from '../../../i18n/i18n.ts';
import type { CameraStore } from '../../../state/camera-store.ts';
import { createCopyButton } from '../../copy-button.ts';

export interface AddedResult {
  el: HTMLElement;
  destroy(): void;
}

export function createAddedResult(
  i18n: I18n,
  api: CamerasApi,
  store: CameraStore,
  cameras: CameraDto[],
  actions: { onMore(): void; onDone(): void },
): AddedResult {
  const more = i18n.text(h('button', { type: 'button', class: 'btn' }), 'add.addAnother');
  const done = i18n.text(h('button', { type: 'button', class: 'btn btn-primary', 'data-testid': 'add-done' }), 'add.done');
  more.addEventListener('click', actions.onMore);
  done.addEventListener('click', actions.onDone);
  const publishing = new Map<string, HTMLElement>();

  const snapshot = (camera: CameraDto) => {
    const img = h('img', { class: 'snapshot-img', alt: '', hidden: true, 'data-testid': 'snapshot' });
    const state = h('p', { class: 'snapshot-state muted', role: 'status' });
    const retry = i18n.text(h('button', { type: 'button', class: 'btn btn-small', hidden: true }), 'add.snapshotRetry');
    const load = () => {
      retry.hidden = true;
      img.hidden = true;
      i18n.text(state, 'add.snapshotLoading');
      img.src = `${api.snapshotUrl(camera.id)}?t=${Date.now()}`;
    };
    img.addEventListener('load', () => {
      img.alt = i18n.t('add.snapshotAlt', { name: camera.name });
      img.hidden = false;
      i18n.text(state, 'add.snapshotOk');
      state.className = 'snapshot-state ok';
    });
    img.addEventListener('error', () => {
      i18n.text(state, 'add.snapshotFailed');
      state.className = 'snapshot-state failed';
      retry.hidden = false;
    });
    retry.addEventListener('click', load);
    load();
    return h('div', { class: 'snapshot' }, h('div', { class: 'snapshot-frame' }, img), state, retry);
  };

  const card = (camera: CameraDto) => {
    const body: HTMLElement[] = [];
    if (camera.source.kind === 'rtmp-push') {
      const url = camera.source.publishUrl ?? '';
      const live = i18n.text(h('p', { class: 'muted', 'data-testid': 'rtmp-state' }), camera.source.publishing ? 'cameras.rtmpPublishing' : 'add.rtmpWaiting');
      publishing.set(camera.id, live);
      body.push(
        i18n.text(h('p', {}), 'add.rtmpHowTo'),
        h('div', { class: 'url-row' }, h('code', { class: 'url publish-url', 'data-testid': 'rtmp-url' }, url), createCopyButton(i18n, () => url)),
        i18n.text(h('p', { class: 'hint' }), 'add.rtmpSecret'),
        live,
      );
    } else body.push(snapshot(camera));
    return h('li', { class: 'added-camera', 'data-camera-id': camera.id }, h('h3', {}, camera.name), ...body);
  };

  const el = h(
    'div',
    { class: 'added-result', 'data-testid': 'added-result' },
    i18n.text(h('h3', { class: 'added-title' }), 'add.added', { n: cameras.length }),
    h('ul', { class: 'added-list' }, ...cameras.map(card)),
    h('div', { class: 'form-actions' }, more, done),
  );

  // a pushed camera starts publishing: say so (camera:updated reaches the store)
  const unsubscribe = store.subscribe(() => {
    for (const [id, line] of publishing) {
      const c = store.get(id);
      if (c?.source.kind === 'rtmp-push' && c.source.publishing) i18n.text(line, 'cameras.rtmpPublishing');
    }
  });
  return { el, destroy: unsubscribe };
}
