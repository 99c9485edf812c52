// Add or edit a camera: name, main RTSP URL, optional sub-stream URL.
// Editing shows the URL without its password; leaving it without one keeps the stored password (server side).
import type { CameraDto } from '../../../../server/contracts.ts';
import type { CameraInput } from '../../api/cameras-api.ts';
import { errorMessage } from '../../api/error-message.ts';
import { ApiError } from '../../api/http-client.ts';
import { h } from '../../dom.ts';
import type { I18n, MessageKey } from '../../i18n/i18n.ts';

export const RTSP_EXAMPLE = 'rtsp://user:pass@192.168.1.64:554/Streaming/Channels/101';

export interface CameraForm {
  el: HTMLElement;
  focus(): void;
  destroy(): void;
}

export interface CameraFormOptions {
  i18n: I18n;
  /** null: add a new camera */
  camera: CameraDto | null;
  /** inside the add-camera tabs: no title of its own, Esc is the panel's */
  embedded?: boolean;
  onSubmit(input: Partial<CameraInput>): Promise<void>;
  onCancel(): void;
}

type FieldName = 'name' | 'url' | 'subUrl';

export function createCameraForm(opts: CameraFormOptions): CameraForm {
  const { i18n, camera } = opts;
  const rtsp = camera?.source.kind === 'rtsp' ? camera.source : null;
  const inputs: Record<FieldName, HTMLInputElement> = {
    name: h('input', { id: 'cam-name', name: 'name', required: true, maxlength: 100, autocomplete: 'off' }),
    url: h('input', { id: 'cam-url', name: 'url', required: true, class: 'mono', autocomplete: 'off', spellcheck: 'false', inputmode: 'url' }),
    subUrl: h('input', { id: 'cam-sub', name: 'subUrl', class: 'mono', autocomplete: 'off', spellcheck: 'false', inputmode: 'url' }),
  };
  i18n.attr(inputs.name, 'placeholder', 'form.namePlaceholder');
  inputs.url.placeholder = RTSP_EXAMPLE;
  inputs.name.value = camera?.name ?? '';
  inputs.url.value = rtsp?.url ?? '';
  inputs.subUrl.value = rtsp?.subUrl ?? '';

  const errors: Record<FieldName, HTMLElement> = {
    name: h('p', { class: 'field-error', id: 'cam-name-err', 'aria-live': 'polite' }),
    url: h('p', { class: 'field-error', id: 'cam-url-err', 'aria-live': 'polite' }),
    subUrl: h('p', { class: 'field-error', id: 'cam-sub-err', 'aria-live': 'polite' }),
  };
  const hint = (key: MessageKey, params?: Record<string, string>) => i18n.text(h('p', { class: 'hint' }), key, params);
  const field = (name: FieldName, label: MessageKey, ...hints: HTMLElement[]) => {
    inputs[name].setAttribute('aria-describedby', `${errors[name].id}`);
    return h('div', { class: 'field' }, i18n.text(h('label', { for: inputs[name].id }), label), inputs[name], ...hints, errors[name]);
  };

  const formError = h('p', { class: 'form-error', role: 'alert', 'data-testid': 'camera-form-error' });
  const submitLabel = i18n.text(h('span', {}), camera ? 'form.save' : 'form.create');
  const submit = h('button', { type: 'submit', class: 'btn btn-primary' }, submitLabel);
  const cancel = i18n.text(h('button', { type: 'button', class: 'btn btn-ghost', onclick: () => opts.onCancel() }), 'form.cancel');
  const title = camera
    ? i18n.text(h('h2', {}), 'form.editTitle', { name: camera.name })
    : opts.embedded
      ? i18n.text(h('p', { class: 'muted tab-intro' }), 'add.rtspIntro')
      : i18n.text(h('h2', {}), 'form.addTitle');

  const form = h(
    'form',
    { class: 'camera-form', novalidate: true, 'data-testid': 'camera-form' },
    title,
    field('name', 'form.name'),
    field(
      'url',
      'form.url',
      hint('form.urlHint', { example: RTSP_EXAMPLE }),
      rtsp?.hasPassword ? hint('form.passwordKept') : h('span', {}),
    ),
    field('subUrl', 'form.subUrl', hint('form.subUrlHint')),
    formError,
    h('div', { class: 'form-actions' }, opts.embedded ? null : cancel, submit),
  );
  form.addEventListener('keydown', (ev) => {
    if (ev.key === 'Escape' && !opts.embedded) opts.onCancel();
  });

  const setFieldError = (name: FieldName, key: MessageKey | null, text?: string) => {
    inputs[name].setAttribute('aria-invalid', String(Boolean(key || text)));
    if (key) i18n.text(errors[name], key);
    else {
      errors[name].removeAttribute('data-i18n');
      errors[name].textContent = text ?? '';
    }
  };

  const validate = (): boolean => {
    const name = inputs.name.value.trim();
    const url = inputs.url.value.trim();
    const sub = inputs.subUrl.value.trim();
    const scheme = /^rtsps?:\/\//i;
    setFieldError('name', name ? null : 'form.nameRequired');
    setFieldError('url', !url ? 'form.urlRequired' : scheme.test(url) ? null : 'form.urlScheme');
    setFieldError('subUrl', sub && !scheme.test(sub) ? 'form.urlScheme' : null);
    const firstBad = (['name', 'url', 'subUrl'] as const).find((f) => inputs[f].getAttribute('aria-invalid') === 'true');
    if (firstBad) inputs[firstBad].focus();
    return !firstBad;
  };

  const buildInput = (): Partial<CameraInput> => {
    const name = inputs.name.value.trim();
    const url = inputs.url.value.trim();
    const sub = inputs.subUrl.value.trim();
    if (!camera) return { name, source: { kind: 'rtsp', url, ...(sub ? { subUrl: sub } : {}) } };
    const patch: Partial<CameraInput> = {};
    if (name !== camera.name) patch.name = name;
    if (url !== (rtsp?.url ?? '') || sub !== (rtsp?.subUrl ?? '')) patch.source = { kind: 'rtsp', url, subUrl: sub || null };
    return patch;
  };

  let busy = false;
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    if (busy || !validate()) return;
    busy = true;
    submit.disabled = true;
    i18n.text(submitLabel, 'form.saving');
    formError.textContent = '';
    try {
      await opts.onSubmit(buildInput());
    } catch (err) {
      formError.textContent = markServerFieldErrors(err) ? '' : errorMessage(i18n, err);
    } finally {
      busy = false;
      submit.disabled = false;
      i18n.text(submitLabel, camera ? 'form.save' : 'form.create');
    }
  });

  // Point a server error at its field: validation details name a path ("source.url"); URL errors name the field
  // at the start of their message ("source.subUrl: …").
  const markServerFieldErrors = (err: unknown): boolean => {
    if (!(err instanceof ApiError)) return false;
    const fieldOf = (path: string): FieldName | undefined =>
      /subUrl/.test(path) ? 'subUrl' : /(^|\.)url/.test(path) ? 'url' : /name/.test(path) ? 'name' : undefined;
    if (err.code === 'url-invalid' || err.code === 'url-scheme-not-allowed') {
      const target = fieldOf(err.message.split(':')[0] ?? '') ?? 'url';
      setFieldError(target, `error.${err.code}`);
      inputs[target].focus();
      return true;
    }
    if (!Array.isArray(err.details)) return false;
    for (const issue of err.details as { path?: unknown; message?: unknown }[]) {
      const path = Array.isArray(issue?.path) ? issue.path.join('.') : String(issue?.path ?? '');
      const target = fieldOf(path);
      if (target && typeof issue.message === 'string') setFieldError(target, null, issue.message);
    }
    return false;
  };

  return { el: form, focus: () => inputs.name.focus(), destroy: () => undefined };
}
