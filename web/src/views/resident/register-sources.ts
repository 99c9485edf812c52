// The three ways a household connects a camera, as the register wizard asks for them:
// - RTMP push: nothing to type now; the hub makes the address after saving (rtmp-setup.ts shows it);
// - an RTSP address the hub can reach (a DDNS name or a forwarded port), with "Kiểm tra kết nối";
// - a recorder's channels by the vendor's template (GET /api/cameras/nvr-vendors), with the same test.
import type { CamerasApi, NvrVendor, SourceInput } from '../../api/cameras-api.ts';
import { errorMessage } from '../../api/error-message.ts';
import { h } from '../../dom.ts';
import type { I18n } from '../../i18n/i18n.ts';
import { createConnectionTest } from '../cameras/add/connection-test.ts';
import { createField, isHost, parsePort } from '../cameras/add/form-field.ts';
import { parseChannels } from './resident-logic.ts';

export type Way = 'rtmp-push' | 'rtsp' | 'nvr';
export const WAYS: readonly Way[] = ['rtmp-push', 'rtsp', 'nvr'];

export interface SourceSection {
  el: HTMLElement;
  /** the source to send, or null after marking (and focusing) what is wrong */
  read(): SourceInput | null;
  destroy(): void;
}

export function createSourceSection(i18n: I18n, api: CamerasApi, way: Way): SourceSection {
  if (way === 'rtsp') return rtspSection(i18n, api);
  if (way === 'nvr') return nvrSection(i18n, api);
  return {
    el: h('div', { class: 'reg-source', 'data-testid': 'source-rtmp' }, i18n.text(h('p', { class: 'reg-note' }), 'my.rtmp.before')),
    read: () => ({ kind: 'rtmp-push' }),
    destroy: () => undefined,
  };
}

function rtspSection(i18n: I18n, api: CamerasApi): SourceSection {
  const url = createField(i18n, { id: 'reg-rtsp-url', label: 'my.rtsp.url', hint: 'my.rtsp.urlHint', mono: true, placeholder: 'rtsp://admin:…@ten-mien.ddns.net:554/…', maxlength: 1000, inputmode: 'url' });
  const read = (): SourceInput | null => {
    const v = url.value();
    if (!/^rtsps?:\/\/\S+$/i.test(v)) {
      url.setError('my.rtsp.urlInvalid');
      url.input.focus();
      return null;
    }
    url.setError(null);
    return { kind: 'rtsp', url: v };
  };
  const test = createConnectionTest(i18n, api, () => {
    const source = read();
    return source && { body: { source } };
  });
  test.button.classList.add('btn-big');
  const el = h('div', { class: 'reg-source', 'data-testid': 'source-rtsp' },
    i18n.text(h('p', { class: 'reg-note' }), 'my.rtsp.intro'),
    url.el,
    h('ul', { class: 'reg-examples' },
      h('li', {}, 'Hikvision: ', h('code', {}, '…/Streaming/Channels/101')),
      h('li', {}, 'Dahua, KBVision, Imou: ', h('code', {}, '…/cam/realmonitor?channel=1&subtype=0')),
      h('li', {}, 'Ezviz: ', h('code', {}, '…/H.264'))),
    i18n.text(h('p', { class: 'hint' }), 'my.rtsp.password'),
    test.el,
    h('div', { class: 'form-actions' }, test.button));
  return { el, read, destroy: () => undefined };
}

function nvrSection(i18n: I18n, api: CamerasApi): SourceSection {
  let vendors: NvrVendor[] = [];
  const vendor = h('select', { id: 'reg-nvr-vendor', 'data-testid': 'reg-nvr-vendor' });
  const vendorError = h('p', { class: 'field-error', 'aria-live': 'polite' });
  const host = createField(i18n, { id: 'reg-nvr-host', label: 'add.host', hint: 'my.nvr.hostHint', mono: true, placeholder: 'ten-mien.ddns.net', inputmode: 'url' });
  const port = createField(i18n, { id: 'reg-nvr-port', label: 'add.rtspPort', value: '554', inputmode: 'numeric', maxlength: 5 });
  const user = createField(i18n, { id: 'reg-nvr-user', label: 'add.username', value: 'admin', maxlength: 64 });
  const pass = createField(i18n, { id: 'reg-nvr-pass', label: 'add.password', type: 'password', autocomplete: 'new-password', maxlength: 128 });
  const channels = createField(i18n, { id: 'reg-nvr-channels', label: 'my.nvr.channels', hint: 'my.nvr.channelsHint', value: '1', maxlength: 100 });
  const maxChannels = () => vendors.find((v) => v.id === vendor.value)?.maxChannels ?? 64;

  const read = (): SourceInput | null => {
    const p = parsePort(port.value());
    const list = parseChannels(channels.value(), Math.min(64, maxChannels()));
    host.setError(!host.value() ? 'add.hostRequired' : isHost(host.value()) ? null : 'add.hostInvalid');
    port.setError(p === null ? 'add.portInvalid' : null);
    channels.setError(list === null ? 'my.nvr.channelsInvalid' : null, { max: maxChannels() });
    const bad = host.input.getAttribute('aria-invalid') === 'true' ? host : p === null ? port : list === null ? channels : null;
    if (bad || p === null || list === null || !vendor.value) {
      bad?.input.focus();
      return null;
    }
    return { kind: 'nvr', vendor: vendor.value, host: host.value(), port: p, username: user.value(), password: pass.input.value, channels: list };
  };
  const test = createConnectionTest(i18n, api, () => {
    const source = read();
    return source && { body: { source }, note: { key: 'add.testChannel', params: { n: source.kind === 'nvr' ? source.channels[0] ?? 1 : 1 } } };
  });
  test.button.classList.add('btn-big');
  vendor.addEventListener('change', () => {
    const v = vendors.find((x) => x.id === vendor.value);
    if (v) port.input.value = String(v.defaultPort);
  });
  api.nvrVendors().then(
    (list) => {
      vendors = list;
      vendor.replaceChildren(...list.map((v) => h('option', { value: v.id }, v.label)));
      vendor.dispatchEvent(new Event('change'));
    },
    (err: unknown) => {
      vendorError.textContent = errorMessage(i18n, err);
    },
  );
  const el = h('div', { class: 'reg-source', 'data-testid': 'source-nvr' },
    i18n.text(h('p', { class: 'reg-note' }), 'my.nvr.intro'),
    h('div', { class: 'field' }, i18n.text(h('label', { for: 'reg-nvr-vendor' }), 'add.vendor'), vendor, vendorError),
    host.el, port.el, user.el, pass.el, channels.el,
    test.el,
    h('div', { class: 'form-actions' }, test.button));
  return { el, read, destroy: () => { pass.input.value = ''; } };
}
