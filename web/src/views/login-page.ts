// Log in: user name + password. The error line has a reserved height so nothing jumps when it appears.
import type { SessionUserDto } from '../../../server/contracts.ts';
import type { AuthApi } from '../api/auth-api.ts';
import { errorMessage } from '../api/error-message.ts';
import type { Page } from '../app-context.ts';
import { h, type Child } from '../dom.ts';
import type { I18n, MessageKey } from '../i18n/i18n.ts';
import { formField } from './form-dialog.ts';
import { createLangSwitch } from './lang-switch.ts';

export interface LoginPageOptions {
  i18n: I18n;
  auth: AuthApi;
  onLoggedIn(user: SessionUserDto): void;
  /** shown on arrival, e.g. after the session expired */
  notice?: MessageKey;
}

/** The page around the login form (and the invitation pages): language, the product's name, then `content`. */
export function loginFrame(i18n: I18n, lang: HTMLElement, ...content: Child[]): HTMLElement {
  return h('section', { class: 'page login-page' },
    h('div', { class: 'login-lang' }, lang),
    h('div', { class: 'login-card' },
      h('div', { class: 'login-brand' },
        h('span', { class: 'brand-mark', 'aria-hidden': 'true' }),
        h('div', {}, i18n.text(h('p', { class: 'brand-name' }), 'app.name'), i18n.text(h('p', { class: 'muted' }), 'login.subtitle'))),
      ...content));
}

export function createLoginPage(opts: LoginPageOptions): Page {
  const { i18n } = opts;
  const langSwitch = createLangSwitch(i18n);

  const field = (id: string, labelKey: MessageKey, input: HTMLInputElement) => formField(i18n, id, labelKey, input);
  const username = h('input', { id: 'login-username', name: 'username', autocomplete: 'username', autocapitalize: 'off', spellcheck: 'false', required: true });
  const password = h('input', { id: 'login-password', name: 'password', type: 'password', autocomplete: 'current-password', required: true });
  const error = h('p', { class: 'form-error', role: 'alert', 'aria-live': 'assertive', 'data-testid': 'login-error' });
  const submitLabel = i18n.text(h('span', {}), 'login.submit');
  const submit = h('button', { type: 'submit', class: 'btn btn-primary btn-block' }, submitLabel);

  const form = h(
    'form',
    { class: 'login-form', novalidate: true },
    field('login-username', 'login.username', username),
    field('login-password', 'login.password', password),
    error,
    submit,
  );
  if (opts.notice) i18n.text(error, opts.notice);

  // A server error is re-translated when the language changes.
  let lastError: unknown = null;
  const showError = (err: unknown) => {
    lastError = err;
    error.removeAttribute('data-i18n');
    error.textContent = errorMessage(i18n, err);
  };
  const offLang = i18n.onChange(() => {
    if (lastError && !error.hasAttribute('data-i18n')) showError(lastError);
  });

  let busy = false;
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    if (busy) return;
    if (!username.value.trim() || !password.value) {
      lastError = null;
      i18n.text(error, 'login.required');
      (username.value.trim() ? password : username).focus();
      return;
    }
    busy = true;
    submit.disabled = true;
    i18n.text(submitLabel, 'login.submitting');
    error.textContent = '';
    lastError = null;
    try {
      const user = await opts.auth.login(username.value.trim(), password.value);
      opts.onLoggedIn(user);
    } catch (err) {
      showError(err);
      password.value = '';
      password.focus();
    } finally {
      busy = false;
      submit.disabled = false;
      i18n.text(submitLabel, 'login.submit');
    }
  });

  const el = loginFrame(i18n, langSwitch.el, i18n.text(h('h1', {}), 'login.title'), form,
    // residents invited by staff start here with their code (there is no open sign-up)
    h('p', { class: 'invite-links' }, i18n.text(h('a', { href: '/invite', 'data-link': true, 'data-testid': 'have-code' }), 'login.haveCode')));
  queueMicrotask(() => username.focus());
  return { el, destroy: () => {
      langSwitch.destroy();
      offLang();
    },
  };
}
