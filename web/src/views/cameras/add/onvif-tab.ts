// Add by ONVIF: the hub connects with short timeouts, reads the profiles and picks main and sub streams.
import type { CameraDto } from '../../../../../server/contracts.ts';
import type { CamerasApi, NewCameraInput } from '../../../api/cameras-api.ts';
import { errorMessage } from '../../../api/error-message.ts';
import { ApiError } from '../../../api/http-client.ts';
import { h } from '../../../dom.ts';
import type { I18n } from '../../../i18n/i18n.ts';
import { createConnectionTest } from './connection-test.ts';
import { createField, isHost, parsePort } from './form-field.ts';

export interface OnvifTab {
  el: HTMLElement;
  prefill(host: string, port: number): void;
  focus(): void;
}

export function createOnvifTab(i18n: I18n, api: CamerasApi, onAdded: (cameras: CameraDto[]) => void): OnvifTab {
  const host = createField(i18n, { id: 'onvif-host', label: 'add.host', hint: 'add.onvifHostHint', mono: true, placeholder: '192.168.1.64' });
  const port = createField(i18n, { id: 'onvif-port', label: 'add.onvifPort', hint: 'add.onvifPortHint', value: '80', inputmode: 'numeric', maxlength: 5 });
  const user = createField(i18n, { id: 'onvif-user', label: 'add.username', value: 'admin', maxlength: 64 });
  const pass = createField(i18n, { id: 'onvif-pass', label: 'add.password', type: 'password', autocomplete: 'new-password', maxlength: 128 });
  const name = createField(i18n, { id: 'onvif-name', label: 'add.nameOptional', hint: 'add.onvifNameHint', maxlength: 100 });
  const error = h('p', { class: 'form-error', role: 'alert', 'data-testid': 'onvif-error' });
  // the body both buttons send; null (a field marked and focused) when the form is not ready
  const read = (): NewCameraInput | null => {
    const p = parsePort(port.value());
    host.setError(!host.value() ? 'add.hostRequired' : isHost(host.value()) ? null : 'add.hostInvalid');
    port.setError(p === null ? 'add.portInvalid' : null);
    pass.setError(null);
    const bad = !host.value() || !isHost(host.value()) ? host : p === null ? port : null;
    if (bad || p === null) {
      bad?.input.focus();
      return null;
    }
    return {
      ...(name.value() ? { name: name.value() } : {}),
      source: { kind: 'onvif', host: host.value(), port: p, username: user.value(), password: pass.input.value },
    };
  };
  const test = createConnectionTest(i18n, api, () => {
    const body = read();
    return body && { body };
  });
  const submit = i18n.text(h('button', { type: 'submit', class: 'btn btn-primary', 'data-testid': 'onvif-submit' }), 'add.onvifSubmit');
  const form = h(
    'form',
    { class: 'add-form', novalidate: true, 'data-testid': 'onvif-form' },
    i18n.text(h('p', { class: 'muted tab-intro' }), 'add.onvifIntro'),
    h('div', { class: 'field-row' }, host.el, port.el),
    h('div', { class: 'field-row' }, user.el, pass.el),
    name.el,
    error,
    test.el,
    h('div', { class: 'form-actions' }, test.button, submit),
  );

  let busy = false;
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    if (busy) return;
    const body = read();
    if (!body) return;
    busy = true;
    submit.disabled = true;
    i18n.text(submit, 'add.connecting');
    error.textContent = '';
    try {
      const cameras = await api.add(body);
      pass.input.value = '';
      onAdded(cameras);
    } catch (err) {
      if (err instanceof ApiError && err.code === 'onvif-auth-failed') {
        pass.setError('error.onvif-auth-failed'); // said next to the field, not twice
        pass.input.focus();
      } else error.textContent = errorMessage(i18n, err);
    } finally {
      busy = false;
      submit.disabled = false;
      i18n.text(submit, 'add.onvifSubmit');
    }
  });

  return {
    el: form,
    prefill(h2, p) {
      host.input.value = h2;
      port.input.value = String(p);
      host.setError(null);
      pass.input.focus();
    },
    focus: () => host.input.focus(),
  };
}
