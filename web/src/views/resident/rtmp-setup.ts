// What the owner types into their camera or recorder to push to the hub: the server address and the stream key
// (each with a copy button), the whole address as a QR code, and short numbered steps for their brand. Shown
// right after registering and again on the camera's page. Says when the hub starts receiving the picture.
import type { CameraDto } from '../../../../server/contracts.ts';
import { h } from '../../dom.ts';
import type { I18n } from '../../i18n/i18n.ts';
import type { CameraStore } from '../../state/camera-store.ts';
import { createCopyButton } from '../copy-button.ts';
import { qrSvg } from './qr-code.ts';
import { RTMP_BRANDS, rtmpHelp, splitPublishUrl, type RtmpBrand } from './resident-logic.ts';

export interface RtmpSetup {
  el: HTMLElement;
  destroy(): void;
}

export function createRtmpSetup(i18n: I18n, store: CameraStore, camera: CameraDto): RtmpSetup {
  const url = camera.source.kind === 'rtmp-push' ? camera.source.publishUrl ?? '' : '';
  const parts = splitPublishUrl(url);
  const row = (label: 'my.rtmp.server' | 'my.rtmp.key' | 'my.rtmp.full', value: string, testid: string) =>
    h('div', { class: 'rtmp-row' },
      i18n.text(h('span', { class: 'rtmp-label' }), label),
      h('code', { class: 'rtmp-value', 'data-testid': testid }, value),
      createCopyButton(i18n, () => value));
  const state = h('p', { class: 'rtmp-state', role: 'status', 'data-testid': 'rtmp-state' });
  const renderState = () => {
    const c = store.get(camera.id) ?? camera;
    const publishing = c.source.kind === 'rtmp-push' && c.source.publishing;
    state.dataset.publishing = String(publishing);
    i18n.text(state, publishing ? 'my.rtmp.receiving' : 'my.rtmp.waiting');
  };

  const steps = h('ol', { class: 'rtmp-steps', 'data-testid': 'rtmp-steps' });
  const warning = h('p', { class: 'rtmp-warning', role: 'note', hidden: true });
  const brandButtons = RTMP_BRANDS.map((b) =>
    i18n.text(h('button', { type: 'button', class: 'btn brand-btn', 'data-brand': b, 'aria-pressed': 'false' }), `my.brand.${b}`));
  const showBrand = (brand: RtmpBrand) => {
    const help = rtmpHelp(brand);
    for (const b of brandButtons) b.setAttribute('aria-pressed', String(b.dataset.brand === brand));
    warning.hidden = help.warning === null;
    if (help.warning) i18n.text(warning, help.warning);
    steps.replaceChildren(...help.steps.map((k) => i18n.text(h('li', {}), k)));
  };
  for (const b of brandButtons) b.addEventListener('click', () => showBrand(b.dataset.brand as RtmpBrand));
  showBrand('hikvision');

  const el = h('div', { class: 'rtmp-setup', 'data-testid': 'rtmp-setup' },
    url
      ? h('div', { class: 'rtmp-address' },
        parts ? row('my.rtmp.server', parts.server, 'rtmp-server') : null,
        parts ? row('my.rtmp.key', parts.key, 'rtmp-key') : null,
        row('my.rtmp.full', url, 'rtmp-url'),
        i18n.text(h('p', { class: 'hint' }), 'my.rtmp.secret'),
        h('figure', { class: 'qr-figure' }, qrSvg(url, i18n.t('my.rtmp.qrAlt')), i18n.text(h('figcaption', { class: 'hint' }), 'my.rtmp.qr')))
      : i18n.text(h('p', { class: 'form-error' }), 'my.rtmp.noUrl'),
    state,
    h('div', { class: 'rtmp-brands' },
      i18n.text(h('h3', {}), 'my.rtmp.howTitle'),
      h('div', { class: 'brand-picker', role: 'group' }, ...brandButtons),
      warning,
      steps),
  );
  renderState();
  const unsubscribe = store.subscribe(renderState);
  return { el, destroy: unsubscribe };
}
