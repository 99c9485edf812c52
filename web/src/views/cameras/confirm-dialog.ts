// A modal yes/no question on the native <dialog> (focus trapped, Esc cancels).
import { h } from '../../dom.ts';
import type { I18n, MessageKey, Params } from '../../i18n/i18n.ts';

export interface ConfirmOptions {
  title: MessageKey;
  body: MessageKey;
  params?: Params;
  confirm: MessageKey;
  danger?: boolean;
}

export function confirmDialog(i18n: I18n, opts: ConfirmOptions): Promise<boolean> {
  return new Promise((resolve) => {
    const cancelBtn = i18n.text(h('button', { type: 'button', class: 'btn btn-ghost', value: 'cancel' }), 'confirm.cancel');
    const okBtn = i18n.text(
      h('button', { type: 'button', class: `btn ${opts.danger ? 'btn-danger' : 'btn-primary'}`, value: 'ok', 'data-testid': 'confirm-ok' }),
      opts.confirm,
    );
    const titleId = `dlg-title-${Math.random().toString(36).slice(2)}`;
    const dialog = h(
      'dialog',
      { class: 'dialog', 'aria-labelledby': titleId },
      i18n.text(h('h2', { id: titleId }), opts.title),
      i18n.text(h('p', {}), opts.body, opts.params),
      h('div', { class: 'dialog-actions' }, cancelBtn, okBtn),
    );
    let answer = false;
    cancelBtn.addEventListener('click', () => dialog.close());
    okBtn.addEventListener('click', () => {
      answer = true;
      dialog.close();
    });
    dialog.addEventListener('close', () => {
      dialog.remove();
      resolve(answer);
    });
    document.body.append(dialog);
    dialog.showModal();
    cancelBtn.focus(); // the safe choice has focus
  });
}
