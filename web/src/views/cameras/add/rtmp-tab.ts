// Add a camera that pushes RTMP to the hub (behind a household's NAT): name it, get the publish URL.
import type { CameraDto } from '../../../../../server/contracts.ts';
import type { CamerasApi } from '../../../api/cameras-api.ts';
import { errorMessage } from '../../../api/error-message.ts';
import { h } from '../../../dom.ts';
import type { I18n } from '../../../i18n/i18n.ts';
import { createField } from './form-field.ts';

export function createRtmpTab(i18n: I18n, api: CamerasApi, onAdded: (cameras: CameraDto[]) => void) {
  const name = createField(i18n, { id: 'rtmp-name', label: 'form.name', hint: 'add.rtmpNameHint', maxlength: 100 });
  i18n.attr(name.input, 'placeholder', 'form.namePlaceholder');
  const error = h('p', { class: 'form-error', role: 'alert' });
  const submit = i18n.text(h('button', { type: 'submit', class: 'btn btn-primary', 'data-testid': 'rtmp-submit' }), 'add.rtmpSubmit');
  const form = h(
    'form',
    { class: 'add-form', novalidate: true, 'data-testid': 'rtmp-form' },
    i18n.text(h('p', { class: 'muted tab-intro' }), 'add.rtmpIntro'),
    name.el,
    error,
    h('div', { class: 'form-actions' }, submit),
  );
  let busy = false;
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    if (busy) return;
    if (!name.value()) {
      name.setError('form.nameRequired');
      name.input.focus();
      return;
    }
    name.setError(null);
    busy = true;
    submit.disabled = true;
    error.textContent = '';
    try {
      onAdded(await api.add({ name: name.value(), source: { kind: 'rtmp-push' } }));
    } catch (err) {
      error.textContent = errorMessage(i18n, err);
    } finally {
      busy = false;
      submit.disabled = false;
    }
  });
  return { el: form, focus: () => name.input.focus() };
}
