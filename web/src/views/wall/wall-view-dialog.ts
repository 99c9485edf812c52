// "Lưu màn hình…" and "Sửa…": a view's name, its layout (when saving) and, for staff, sharing with all staff
// (never ticked in advance).
import type { WallLayout, WallViewDto } from '../../../../server/contracts.ts';
import { ApiError } from '../../api/http-client.ts';
import { h } from '../../dom.ts';
import type { I18n, MessageKey } from '../../i18n/i18n.ts';
import { GRID_SIZES } from '../../settings.ts';
import { formField, runFormDialog } from '../form-dialog.ts';
import { GRID_LABEL } from './wall-toolbar.ts';

export interface WallViewDialogValues {
  name: string;
  layout: WallLayout;
  shared: boolean;
}

export interface WallViewDialogOptions {
  i18n: I18n;
  mode: 'save' | 'edit';
  initial: WallViewDialogValues;
  /** staff may share; residents never see the box */
  canShare: boolean;
  save(values: WallViewDialogValues): Promise<WallViewDto>;
}

const NAME_MAX = 60;

/** Resolves with the saved view, or null when cancelled. */
export function wallViewDialog(opts: WallViewDialogOptions): Promise<WallViewDto | null> {
  const { i18n } = opts;
  const name = h('input', { id: 'wall-view-name', name: 'wall-view-name', 'data-testid': 'wall-view-name', autocomplete: 'off', maxlength: String(NAME_MAX) });
  name.value = opts.initial.name;
  const layout = h('select', { id: 'wall-view-layout', 'data-testid': 'wall-view-layout' },
    ...GRID_SIZES.map((n) => h('option', { value: String(n) }, `${GRID_LABEL[n]} (${i18n.t('wall.layoutOption', { n })})`)));
  layout.value = String(opts.initial.layout);
  const shared = h('input', { id: 'wall-view-shared', type: 'checkbox', 'data-testid': 'wall-view-shared' });
  shared.checked = opts.initial.shared;

  const error = h('p', { class: 'form-error', role: 'alert' });
  const cancel = i18n.text(h('button', { type: 'button', class: 'btn btn-ghost' }), 'form.cancel');
  const submit = i18n.text(h('button', { type: 'submit', class: 'btn btn-primary', 'data-testid': 'wall-view-submit' }),
    opts.mode === 'save' ? 'wallViews.submit' : 'form.save');
  const titleId = 'wall-view-dialog-title';
  const form = h(
    'form',
    { method: 'dialog', class: 'wall-view-form', novalidate: true },
    i18n.text(h('h2', { id: titleId }), opts.mode === 'save' ? 'wallViews.saveTitle' : 'wallViews.editTitle'),
    formField(i18n, 'wall-view-name', 'wallViews.name', name, 'wallViews.nameHint'),
    opts.mode === 'save' ? formField(i18n, 'wall-view-layout', 'wallViews.layout', layout) : null,
    opts.canShare
      ? h('div', {},
          h('label', { class: 'check-field', for: 'wall-view-shared' }, shared, i18n.text(h('span', {}), 'wallViews.share')),
          i18n.text(h('p', { class: 'hint' }), 'wallViews.shareHint'))
      : null,
    error,
    h('div', { class: 'dialog-actions' }, cancel, submit),
  );
  const dialog = h('dialog', { class: 'dialog', 'aria-labelledby': titleId, 'data-testid': 'wall-view-dialog' }, form);

  return runFormDialog<WallViewDto | null>({
    i18n, dialog, form, cancel, submit, error, focus: name, cancelled: null,
    check: () => (name.value.trim() ? null : { key: 'wallViews.required', field: name }),
    save: async () => {
      try {
        return await opts.save({
          name: name.value.trim(),
          layout: Number(layout.value) as WallLayout,
          shared: opts.canShare && shared.checked,
        });
      } catch (err) {
        throw withOwnText(i18n, err);
      }
    },
  });
}

/** The hub's wall-view codes in the reader's language (the generic error text knows only the older codes). */
export function withOwnText(i18n: I18n, err: unknown): unknown {
  if (err instanceof ApiError && err.code.startsWith('wall-view-')) {
    const key = `wallViews.error.${err.code}` as MessageKey;
    const text = i18n.t(key);
    if (text !== key) return new ApiError(err.status, err.code, text, err.details);
  }
  return err;
}
