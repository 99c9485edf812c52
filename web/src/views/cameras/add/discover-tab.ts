// Find ONVIF cameras: WS-Discovery on the named network interfaces and a sweep of the named address ranges.
// Nothing is scanned that the admin did not name here (or in the hub's config). Devices stream in over the
// socket while the scan runs; each can be added through the ONVIF tab.
import type { DiscoveredDeviceDto, DiscoveryProgressDto } from '../../../../../server/contracts.ts';
import type { DiscoveryApi, ScanInput } from '../../../api/discovery-api.ts';
import { errorMessage } from '../../../api/error-message.ts';
import { h } from '../../../dom.ts';
import type { I18n } from '../../../i18n/i18n.ts';
import type { HubSocket } from '../../../state/realtime.ts';
import { createField } from './form-field.ts';

const list = (v: string) => v.split(/[\s,;]+/).map((x) => x.trim()).filter(Boolean);

export function createDiscoverTab(i18n: I18n, api: DiscoveryApi, socket: HubSocket, onPick: (d: DiscoveredDeviceDto) => void) {
  const ifaces = createField(i18n, { id: 'scan-ifaces', label: 'scan.interfaces', hint: 'scan.interfacesHint', mono: true, placeholder: 'eth0' });
  const ranges = createField(i18n, { id: 'scan-ranges', label: 'scan.ranges', hint: 'scan.rangesHint', mono: true, placeholder: '192.168.1.0/24' });
  const ports = createField(i18n, { id: 'scan-ports', label: 'scan.ports', hint: 'scan.portsHint', mono: true, placeholder: '80, 8000, 8080' });
  const timeout = createField(i18n, { id: 'scan-timeout', label: 'scan.timeout', value: '3', inputmode: 'numeric', maxlength: 2 });
  const submit = i18n.text(h('button', { type: 'submit', class: 'btn btn-primary', 'data-testid': 'scan-submit' }), 'scan.start');
  const bar = h('progress', { class: 'scan-progress', hidden: true, value: 0, max: 1 });
  const status = h('p', { class: 'scan-status muted', role: 'status', 'aria-live': 'polite', 'data-testid': 'scan-status' });
  const error = h('p', { class: 'form-error', role: 'alert' });
  const results = h('ul', { class: 'device-list', 'data-testid': 'scan-results' });
  const form = h(
    'form',
    { class: 'add-form', novalidate: true, 'data-testid': 'scan-form' },
    i18n.text(h('p', { class: 'muted tab-intro' }), 'scan.intro'),
    h('div', { class: 'field-row' }, ifaces.el, ranges.el),
    h('div', { class: 'field-row' }, ports.el, timeout.el),
    error,
    h('div', { class: 'form-actions' }, bar, submit),
    status,
    results,
  );

  const devices = new Map<string, DiscoveredDeviceDto>();
  let scanning = false;
  let scanId: string | null = null;

  const deviceRow = (d: DiscoveredDeviceDto) => {
    const what = [d.manufacturer, d.model].filter(Boolean).join(' ') || d.name || i18n.t('scan.unknownDevice');
    const add = i18n.text(h('button', { type: 'button', class: 'btn btn-small', 'data-testid': 'scan-add' }), d.registered ? 'scan.addAgain' : 'scan.add');
    add.addEventListener('click', () => onPick(d));
    return h(
      'li',
      { class: 'device', 'data-address': d.address, 'data-registered': String(d.registered) },
      h('div', { class: 'device-main' }, h('strong', {}, what), h('code', { class: 'url' }, `${d.address}:${d.port}`)),
      h('span', { class: 'muted device-found' }, d.foundBy.map((f) => i18n.t(f === 'ws-discovery' ? 'scan.byMulticast' : 'scan.byHttp')).join(' + ')),
      d.registered ? i18n.text(h('span', { class: 'status-pill status-ready' }), 'scan.registered') : null,
      add,
    );
  };
  const renderDevices = () => {
    const sorted = [...devices.values()].sort((a, b) => a.address.localeCompare(b.address, undefined, { numeric: true }));
    results.replaceChildren(...sorted.map(deviceRow));
  };
  const onDevice = (d: DiscoveredDeviceDto) => {
    if (!scanning || (scanId && d.scanId !== scanId)) return;
    scanId = d.scanId;
    devices.set(`${d.address}:${d.port}`, d);
    renderDevices();
  };
  const onProgress = (p: DiscoveryProgressDto) => {
    if (!scanning || (scanId && p.scanId !== scanId)) return;
    scanId = p.scanId;
    bar.max = Math.max(1, p.total);
    bar.value = p.checked;
    i18n.text(status, 'scan.progress', { checked: p.checked, total: p.total, found: p.found });
  };
  socket.on('discovery:device', onDevice);
  socket.on('discovery:progress', onProgress);

  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    if (scanning) return;
    const portList = list(ports.value()).map(Number);
    const secs = Number(timeout.value());
    ports.setError(portList.some((p) => !Number.isInteger(p) || p < 1 || p > 65535) ? 'add.portInvalid' : null);
    timeout.setError(!Number.isFinite(secs) || secs < 1 || secs > 60 ? 'scan.timeoutInvalid' : null);
    if (form.querySelector('[aria-invalid="true"]')) return;
    const input: ScanInput = { timeoutMs: Math.round(secs * 1000) };
    if (ifaces.value()) input.interfaces = list(ifaces.value());
    if (ranges.value()) input.ranges = list(ranges.value());
    if (portList.length) input.ports = portList;

    scanning = true;
    scanId = null;
    devices.clear();
    renderDevices();
    submit.disabled = true;
    i18n.text(submit, 'scan.running');
    bar.hidden = false;
    bar.removeAttribute('value');
    error.textContent = '';
    i18n.text(status, 'scan.starting');
    try {
      const result = await api.scan(input);
      scanId = result.scanId;
      for (const d of result.devices) devices.set(`${d.address}:${d.port}`, d);
      renderDevices();
      i18n.text(status, result.timedOut ? 'scan.doneTimedOut' : 'scan.done', { checked: result.checked, total: result.total, found: result.devices.length });
    } catch (err) {
      error.textContent = errorMessage(i18n, err);
      status.removeAttribute('data-i18n');
      status.textContent = '';
    } finally {
      scanning = false;
      submit.disabled = false;
      i18n.text(submit, 'scan.start');
      bar.hidden = true;
    }
  });

  const offLang = i18n.onChange(renderDevices);
  return {
    el: form,
    focus: () => ifaces.input.focus(),
    destroy() {
      offLang();
      socket.off('discovery:device', onDevice);
      socket.off('discovery:progress', onProgress);
    },
  };
}
