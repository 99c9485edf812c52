// What my camera shares, changed by the owner at any time (PUT /api/cameras/:id/consent). Adding a choice is saved
// as it is; withdrawing one first says what happens — live views end at once, recording stops, footage already
// held for an incident stays (the police's legal hold) — and offers to delete the recordings the hub holds now.
import type { CameraDto, Consent } from '../../../../server/contracts.ts';
import { errorMessage } from '../../api/error-message.ts';
import type { MyCamerasApi } from '../../api/my-cameras-api.ts';
import { h } from '../../dom.ts';
import type { I18n } from '../../i18n/i18n.ts';
import type { Toasts } from '../toasts.ts';
import { createConsentChoices } from './consent-choices.ts';
import { withdrawn } from './resident-logic.ts';
import { SHARE_LABEL } from './resident-parts.ts';

export interface ConsentPanel {
  el: HTMLElement;
  /** the camera changed elsewhere (socket): show its choices unless the owner is editing them */
  update(camera: CameraDto): void;
}

export function createConsentPanel(i18n: I18n, api: MyCamerasApi, toasts: Toasts, camera: CameraDto, onSaved: (c: CameraDto) => void): ConsentPanel {
  let saved: Consent[] = [...camera.shares];
  const choices = createConsentChoices(i18n, `consent-${camera.id}`, saved);
  const save = i18n.text(h('button', { type: 'button', class: 'btn btn-primary btn-big btn-block', 'data-testid': 'consent-save', disabled: true }), 'my.consent.save');
  const error = h('p', { class: 'form-error', role: 'alert' });
  const dirty = () => choices.value().join() !== saved.join();
  choices.onChange(() => {
    save.disabled = !dirty();
  });

  save.addEventListener('click', async () => {
    const next = choices.value();
    const gone = withdrawn(saved, next);
    let deleteRecordings = false;
    if (gone.length > 0) {
      const answer = await confirmWithdrawal(i18n, gone);
      if (answer === null) return;
      deleteRecordings = answer;
    }
    save.disabled = true;
    error.textContent = '';
    try {
      const res = await api.setConsent(camera.id, { shares: next, ...(gone.length > 0 ? { deleteRecordings } : {}) });
      saved = [...res.camera.shares];
      choices.set(saved);
      onSaved(res.camera);
      toasts.show({ text: 'my.consent.saved', params: { held: res.heldForIncidents, deleted: res.deletedRecordings } });
    } catch (err) {
      error.textContent = errorMessage(i18n, err);
    } finally {
      save.disabled = !dirty();
    }
  });

  const el = h('div', { class: 'consent-panel', 'data-testid': 'consent-panel' },
    choices.el, error, save);
  return {
    el,
    update(c) {
      if (dirty()) return;
      saved = [...c.shares];
      choices.set(saved);
    },
  };
}

/** Resolves with deleteRecordings (true/false), or null when the owner keeps sharing. */
function confirmWithdrawal(i18n: I18n, gone: Consent[]): Promise<boolean | null> {
  return new Promise((resolve) => {
    const del = h('input', { type: 'checkbox', id: 'withdraw-delete', 'data-testid': 'withdraw-delete' });
    const cancel = i18n.text(h('button', { type: 'button', class: 'btn btn-big' }), 'my.withdraw.keep');
    const ok = i18n.text(h('button', { type: 'button', class: 'btn btn-danger btn-big', 'data-testid': 'withdraw-ok' }), 'my.withdraw.confirm');
    const dialog = h('dialog', { class: 'dialog resident-dialog', 'aria-labelledby': 'withdraw-title', 'data-testid': 'withdraw-dialog' },
      i18n.text(h('h2', { id: 'withdraw-title' }), 'my.withdraw.title'),
      h('ul', { class: 'withdraw-what' }, ...gone.map((c) => i18n.text(h('li', {}), SHARE_LABEL[c]))),
      i18n.text(h('p', {}), 'my.withdraw.then'),
      h('ul', { class: 'withdraw-effects' },
        i18n.text(h('li', {}), 'my.withdraw.live'),
        i18n.text(h('li', {}), 'my.withdraw.recording'),
        i18n.text(h('li', {}), 'my.withdraw.hold')),
      h('div', { class: 'consent-row' }, del, i18n.text(h('label', { for: 'withdraw-delete', class: 'consent-label' }), 'my.withdraw.delete')),
      h('div', { class: 'dialog-actions' }, cancel, ok));
    let answer: boolean | null = null;
    cancel.addEventListener('click', () => dialog.close());
    ok.addEventListener('click', () => {
      answer = del.checked;
      dialog.close();
    });
    dialog.addEventListener('close', () => {
      dialog.remove();
      resolve(answer);
    });
    document.body.append(dialog);
    dialog.showModal();
    cancel.focus();
  });
}
