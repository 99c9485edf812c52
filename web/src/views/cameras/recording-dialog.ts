// A camera's recording settings in a modal: mode, stream and retention, each either the camera's own value or
// "hub default" (null), with the default shown so the choice is informed.
import type { CameraDto } from '../../../../server/contracts.ts';
import type { RecordingPatch } from '../../api/cameras-api.ts';
import { h } from '../../dom.ts';
import type { I18n, MessageKey } from '../../i18n/i18n.ts';
import { formField, runFormDialog } from '../form-dialog.ts';

/** What the hub uses when a camera has no setting of its own: the effective value while `own` is null. */
function defaults(camera: CameraDto) {
  const r = camera.recording;
  return {
    mode: r.own.mode === null ? r.mode : null,
    stream: r.own.stream === null ? r.stream : null,
    retentionDays: r.own.retentionDays === null ? r.retentionDays : null,
  };
}

export function recordingDialog(i18n: I18n, camera: CameraDto, save: (patch: RecordingPatch) => Promise<CameraDto>): Promise<CameraDto | null> {
  const own = camera.recording.own;
  const def = defaults(camera);
  const defaultText = (value: string | number | null, key: MessageKey) =>
    value === null ? i18n.t('recording.default') : i18n.t(key, { value: String(value) });

  const option = (value: string, text: string, selected: boolean) => {
    const o = h('option', { value }, text);
    o.selected = selected;
    return o;
  };
  const mode = h(
    'select',
    { id: 'rec-mode', 'data-testid': 'rec-mode' },
    option('', defaultText(def.mode && i18n.t(`recording.mode.${def.mode}`), 'recording.defaultIs'), own.mode === null),
    option('continuous', i18n.t('recording.mode.continuous'), own.mode === 'continuous'),
    option('off', i18n.t('recording.mode.off'), own.mode === 'off'),
  );
  const stream = h(
    'select',
    { id: 'rec-stream', 'data-testid': 'rec-stream' },
    option('', defaultText(def.stream && i18n.t(`recording.stream.${def.stream}`), 'recording.defaultIs'), own.stream === null),
    option('main', i18n.t('recording.stream.main'), own.stream === 'main'),
    option('sub', i18n.t('recording.stream.sub'), own.stream === 'sub'),
  );
  const days = h('input', { id: 'rec-days', type: 'number', min: 1, max: 3650, step: 1, inputmode: 'numeric', 'data-testid': 'rec-days' });
  days.value = own.retentionDays === null ? '' : String(own.retentionDays);
  days.placeholder = def.retentionDays === null ? '' : i18n.t('recording.daysDefault', { n: def.retentionDays });
  const error = h('p', { class: 'form-error', role: 'alert' });
  const field = (id: string, key: MessageKey, control: HTMLElement, hint?: MessageKey) => formField(i18n, id, key, control, hint);

  const cancel = i18n.text(h('button', { type: 'button', class: 'btn btn-ghost' }), 'form.cancel');
  const submit = i18n.text(h('button', { type: 'submit', class: 'btn btn-primary', 'data-testid': 'rec-save' }), 'form.save');
  const titleId = `rec-title-${camera.id}`;
  const form = h(
    'form',
    { method: 'dialog', class: 'recording-form' },
    i18n.text(h('h2', { id: titleId }), 'recording.title', { name: camera.name }),
    field('rec-mode', 'recording.modeLabel', mode, 'recording.modeHint'),
    field('rec-stream', 'recording.streamLabel', stream, 'recording.streamHint'),
    field('rec-days', 'recording.daysLabel', days, 'recording.daysHint'),
    error,
    h('div', { class: 'dialog-actions' }, cancel, submit),
  );
  const dialog = h('dialog', { class: 'dialog dialog-wide', 'aria-labelledby': titleId, 'data-testid': 'recording-dialog' }, form);

  const retention = () => (days.value.trim() === '' ? null : Number(days.value));
  return runFormDialog<CameraDto | null>({
    i18n, dialog, form, cancel, submit, error, focus: mode, cancelled: null,
    check: () => {
      const n = retention();
      return n !== null && (!Number.isInteger(n) || n < 1 || n > 3650) ? { key: 'recording.daysInvalid', field: days } : null;
    },
    save: () => save({
      mode: mode.value === '' ? null : (mode.value as 'off' | 'continuous'),
      stream: stream.value === '' ? null : (stream.value as 'main' | 'sub'),
      retentionDays: retention(),
    }),
  });
}

/** "Liên tục · luồng chính · 30 ngày", with the parts that follow the hub default marked. */
export function recordingSummary(i18n: I18n, camera: CameraDto): HTMLElement {
  const r = camera.recording;
  const part = (text: string, isDefault: boolean) =>
    h('span', { class: isDefault ? 'rec-part rec-default' : 'rec-part', title: isDefault ? i18n.t('recording.followsDefault') : '' }, text);
  return h(
    'span',
    { class: `rec-summary rec-${r.mode}`, 'data-recording': r.mode },
    part(i18n.t(`recording.mode.${r.mode}`), r.own.mode === null),
    h(
      'span',
      { class: 'rec-detail' },
      r.mode === 'continuous' ? part(i18n.t(`recording.stream.${r.stream}`), r.own.stream === null) : null,
      part(i18n.t('recording.days', { n: r.retentionDays }), r.own.retentionDays === null),
    ),
  );
}
