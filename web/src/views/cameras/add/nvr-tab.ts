// Add a recorder's channels (đầu thu): the vendor's RTSP URL pattern (from the hub's config) fills in each
// channel; the channels to add are ticked, one camera each, grouped under the recorder.
import type { CameraDto } from '../../../../../server/contracts.ts';
import type { CamerasApi, NewCameraInput, NvrVendor } from '../../../api/cameras-api.ts';
import { errorMessage } from '../../../api/error-message.ts';
import { h } from '../../../dom.ts';
import type { I18n } from '../../../i18n/i18n.ts';
import { createConnectionTest } from './connection-test.ts';
import { createField, isHost, parsePort } from './form-field.ts';

const DEFAULT_CHANNELS = 4;
const MAX_CHANNELS = 64;

export function createNvrTab(i18n: I18n, api: CamerasApi, onAdded: (cameras: CameraDto[]) => void) {
  let vendors: NvrVendor[] = [];
  let portTouched = false;
  const checked = new Set<number>([1, 2, 3, 4]);

  const vendor = h('select', { id: 'nvr-vendor', 'data-testid': 'nvr-vendor' });
  const vendorError = h('p', { class: 'field-error', 'aria-live': 'polite' });
  const host = createField(i18n, { id: 'nvr-host', label: 'add.host', hint: 'add.nvrHostHint', mono: true, placeholder: '192.168.1.100' });
  const port = createField(i18n, { id: 'nvr-port', label: 'add.rtspPort', value: '554', inputmode: 'numeric', maxlength: 5 });
  const user = createField(i18n, { id: 'nvr-user', label: 'add.username', value: 'admin', maxlength: 64 });
  const pass = createField(i18n, { id: 'nvr-pass', label: 'add.password', type: 'password', autocomplete: 'new-password', maxlength: 128 });
  const name = createField(i18n, { id: 'nvr-name', label: 'add.nvrName', hint: 'add.nvrNameHint', maxlength: 100 });
  const count = h('input', { id: 'nvr-count', type: 'number', min: 1, max: MAX_CHANNELS, value: DEFAULT_CHANNELS, class: 'count-input', 'data-testid': 'nvr-count' });
  const grid = h('div', { class: 'channel-grid', role: 'group', 'data-testid': 'nvr-channels' });
  i18n.attr(grid, 'aria-label', 'add.channels');
  const all = i18n.text(h('button', { type: 'button', class: 'btn btn-small btn-ghost' }), 'add.channelsAll');
  const none = i18n.text(h('button', { type: 'button', class: 'btn btn-small btn-ghost' }), 'add.channelsNone');
  const error = h('p', { class: 'form-error', role: 'alert', 'data-testid': 'nvr-error' });
  const submit = h('button', { type: 'submit', class: 'btn btn-primary', 'data-testid': 'nvr-submit' });
  const channelList = () => [...checked].sort((a, b) => a - b);
  // the body both buttons send; null (a field marked and focused) when the form is not ready
  const read = (): NewCameraInput | null => {
    const p = parsePort(port.value());
    host.setError(!host.value() ? 'add.hostRequired' : isHost(host.value()) ? null : 'add.hostInvalid');
    port.setError(p === null ? 'add.portInvalid' : null);
    const bad = !host.value() || !isHost(host.value()) ? host : p === null ? port : null;
    if (bad || p === null || checked.size === 0) {
      bad?.input.focus();
      return null;
    }
    return {
      ...(name.value() ? { name: name.value() } : {}),
      source: { kind: 'nvr', vendor: vendor.value, host: host.value(), port: p, username: user.value(), password: pass.input.value, channels: channelList() },
    };
  };
  // the hub tests the first ticked channel
  const test = createConnectionTest(i18n, api, () => {
    const body = read();
    return body && { body, note: { key: 'add.testChannel', params: { n: channelList()[0] ?? 1 } } };
  });

  const form = h(
    'form',
    { class: 'add-form', novalidate: true, 'data-testid': 'nvr-form' },
    i18n.text(h('p', { class: 'muted tab-intro' }), 'add.nvrIntro'),
    h('div', { class: 'field' }, i18n.text(h('label', { for: 'nvr-vendor' }), 'add.vendor'), vendor, vendorError),
    h('div', { class: 'field-row' }, host.el, port.el),
    h('div', { class: 'field-row' }, user.el, pass.el),
    name.el,
    h(
      'fieldset',
      { class: 'channels' },
      i18n.text(h('legend', {}), 'add.channels'),
      h('div', { class: 'channel-tools' }, i18n.text(h('label', { for: 'nvr-count' }), 'add.channelCount'), count, all, none),
      grid,
    ),
    error,
    test.el,
    h('div', { class: 'form-actions' }, test.button, submit),
  );

  const maxOf = () => Math.min(MAX_CHANNELS, vendors.find((v) => v.id === vendor.value)?.maxChannels ?? MAX_CHANNELS);
  const renderChannels = () => {
    const n = Math.max(1, Math.min(maxOf(), Math.floor(Number(count.value)) || DEFAULT_CHANNELS));
    count.max = String(maxOf());
    if (Number(count.value) !== n) count.value = String(n);
    for (const c of [...checked]) if (c > n) checked.delete(c);
    grid.replaceChildren(
      ...Array.from({ length: n }, (_, i) => {
        const ch = i + 1;
        const box = h('input', { type: 'checkbox', id: `nvr-ch-${ch}`, value: ch, 'data-channel': ch });
        box.checked = checked.has(ch);
        box.addEventListener('change', () => {
          if (box.checked) checked.add(ch);
          else checked.delete(ch);
          renderSubmit();
        });
        return h('label', { class: 'channel', for: `nvr-ch-${ch}` }, box, i18n.t('add.channel', { n: ch }));
      }),
    );
    renderSubmit();
  };
  const renderSubmit = () => {
    i18n.text(submit, 'add.nvrSubmit', { n: checked.size });
    submit.disabled = busy || checked.size === 0;
    test.setAvailable(checked.size > 0);
  };
  const renderVendors = () => {
    vendor.replaceChildren(...vendors.map((v) => h('option', { value: v.id }, v.label)));
  };

  vendor.addEventListener('change', () => {
    const v = vendors.find((x) => x.id === vendor.value);
    if (v && !portTouched) port.input.value = String(v.defaultPort);
    renderChannels();
  });
  port.input.addEventListener('input', () => {
    portTouched = true;
  });
  count.addEventListener('change', renderChannels);
  all.addEventListener('click', () => {
    const n = Number(count.value);
    for (let c = 1; c <= n; c++) checked.add(c);
    renderChannels();
  });
  none.addEventListener('click', () => {
    checked.clear();
    renderChannels();
  });

  let busy = false;
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    if (busy) return;
    const body = read();
    if (!body) return;
    busy = true;
    renderSubmit();
    error.textContent = '';
    try {
      const cameras = await api.add(body);
      pass.input.value = '';
      onAdded(cameras);
    } catch (err) {
      error.textContent = errorMessage(i18n, err);
    } finally {
      busy = false;
      renderSubmit();
    }
  });

  const loadVendors = () => {
    vendorError.textContent = '';
    api.nvrVendors().then(
      (list) => {
        vendors = list;
        renderVendors();
        vendor.dispatchEvent(new Event('change'));
      },
      (err: unknown) => {
        vendorError.textContent = errorMessage(i18n, err);
      },
    );
  };
  loadVendors();
  renderChannels();
  const offLang = i18n.onChange(renderChannels);
  return { el: form, focus: () => vendor.focus(), destroy: offLang };
}
