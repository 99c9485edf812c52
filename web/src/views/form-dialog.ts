// The life of a modal form: check → save → close, or show why not. Shared by the app's small dialogs.
import { errorMessage } from '../api/error-message.ts';
import { h } from '../dom.ts';
import type { I18n, MessageKey } from '../i18n/i18n.ts';

/** A labelled form field with an optional hint under it. */
export function formField(i18n: I18n, id: string, key: MessageKey, control: HTMLElement, hint?: MessageKey): HTMLElement {
  return h('div', { class: 'field' }, i18n.text(h('label', { for: id }), key), control, hint ? i18n.text(h('p', { class: 'hint' }), hint) : null);
}

export interface FormDialog<T> {
  i18n: I18n;
  dialog: HTMLDialogElement;
  form: HTMLFormElement;
  cancel: HTMLButtonElement;
  submit: HTMLButtonElement;
  /** where messages go (role=alert) */
  error: HTMLElement;
  /** focused when the dialog opens */
  focus: HTMLElement;
  /** refuses the submit with a message (and a field to focus), or null when the fields are fine */
  check?: () => { key: MessageKey; field?: HTMLElement } | null;
  save: () => Promise<T>;
  /** what the dialog resolves with when it is closed without saving */
  cancelled: T;
}

/** Shows the dialog; resolves with what `save` returned, or `cancelled`. A failed save keeps it open with the reason. */
export function runFormDialog<T>(d: FormDialog<T>): Promise<T> {
  return new Promise((resolve) => {
    let result = d.cancelled;
    d.cancel.addEventListener('click', () => d.dialog.close());
    d.form.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      const refused = d.check?.();
      if (refused) {
        d.i18n.text(d.error, refused.key);
        refused.field?.focus();
        return;
      }
      d.submit.disabled = true;
      d.error.textContent = '';
      try {
        result = await d.save();
        d.dialog.close();
      } catch (err) {
        d.error.removeAttribute('data-i18n');
        d.error.textContent = errorMessage(d.i18n, err);
      } finally {
        d.submit.disabled = false;
      }
    });
    d.dialog.addEventListener('close', () => {
      d.dialog.remove();
      resolve(result);
    });
    document.body.append(d.dialog);
    d.dialog.showModal();
    d.focus.focus();
  });
}
