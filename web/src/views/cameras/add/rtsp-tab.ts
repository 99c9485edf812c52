// Add by RTSP URL: the shared camera form (name, main URL, optional sub URL) plus "Kiểm tra kết nối", which takes
// one picture from the sub-stream (or the main one) before anything is saved.
import type { CameraDto } from '../../../../../server/contracts.ts';
import type { CameraInput, CamerasApi } from '../../../api/cameras-api.ts';
import { h } from '../../../dom.ts';
import type { I18n, MessageKey } from '../../../i18n/i18n.ts';
import { createCameraForm, type CameraForm } from '../camera-form.ts';
import { createConnectionTest } from './connection-test.ts';

const SCHEME = /^rtsps?:\/\//i;

export function createRtspTab(i18n: I18n, api: CamerasApi, onAdded: (cameras: CameraDto[]) => void, onClose: () => void): CameraForm {
  const form = createCameraForm({
    i18n,
    camera: null,
    embedded: true,
    onCancel: onClose,
    onSubmit: async (input) => onAdded([await api.create(input as CameraInput)]),
  });
  const input = (id: string) => form.el.querySelector<HTMLInputElement>(`#${id}`);

  // The form marks its own fields on save; a test only needs a URL, so a missing or wrong one is said here.
  const urlProblem = h('p', { class: 'form-error', role: 'alert', 'data-testid': 'conn-url-error' });
  const test = createConnectionTest(i18n, api, () => {
    const name = input('cam-name')?.value.trim() ?? '';
    const url = input('cam-url')?.value.trim() ?? '';
    const sub = input('cam-sub')?.value.trim() ?? '';
    const problem: MessageKey | null = !url ? 'form.urlRequired' : !SCHEME.test(url) || (sub && !SCHEME.test(sub)) ? 'form.urlScheme' : null;
    if (problem) {
      i18n.text(urlProblem, problem);
      input(!url || !SCHEME.test(url) ? 'cam-url' : 'cam-sub')?.focus();
      return null;
    }
    urlProblem.removeAttribute('data-i18n');
    urlProblem.textContent = '';
    return { body: { ...(name ? { name } : {}), source: { kind: 'rtsp', url, ...(sub ? { subUrl: sub } : {}) } } };
  });

  // the form ends with its actions (the save button): the result goes above them, the test button before save
  const actions = form.el.querySelector('.form-actions');
  actions?.before(urlProblem, test.el);
  actions?.prepend(test.button);
  return form;
}
