// The invited person's page (no session needed): from the link (/invite/<token>) or with the code typed (/invite),
// it says whom the invitation is for and where, then they choose a user name and a password and are signed in.
import type { SessionUserDto } from '../../../../server/contracts.ts';
import type { InvitationSecret, InvitationsApi } from '../../api/areas-api.ts';
import { errorMessage } from '../../api/error-message.ts';
import type { Page } from '../../app-context.ts';
import { h } from '../../dom.ts';
import type { I18n, MessageKey } from '../../i18n/i18n.ts';
import { formField } from '../form-dialog.ts';
import { createLangSwitch } from '../lang-switch.ts';
import { loginFrame } from '../login-page.ts';

export interface InvitePageOptions {
  i18n: I18n;
  api: InvitationsApi;
  /** from the link; null: ask for the code */
  token: string | null;
  onAccepted(user: SessionUserDto): void;
}

export function createInvitePage(opts: InvitePageOptions): Page {
  const { i18n, api } = opts;
  const langSwitch = createLangSwitch(i18n);
  let alive = true;
  const body = h('div', { class: 'invite-body' });
  const error = () => h('p', { class: 'form-error', role: 'alert', 'aria-live': 'assertive', 'data-testid': 'invite-error' });
  const fail = (el: HTMLElement, err: unknown | MessageKey) => {
    if (typeof err === 'string') return void i18n.text(el, err as MessageKey);
    el.removeAttribute('data-i18n');
    el.textContent = errorMessage(i18n, err);
  };
  const busy = (btn: HTMLButtonElement, label: HTMLElement, on: boolean, key: MessageKey, idle: MessageKey) => {
    btn.disabled = on;
    i18n.text(label, on ? key : idle);
  };
  const links = (withCode: boolean) => h('p', { class: 'invite-links' },
    withCode ? i18n.text(h('a', { href: '/invite', 'data-link': true }), 'invite.otherCode') : null,
    i18n.text(h('a', { href: '/login', 'data-link': true }), 'invite.toLogin'));

  /** step 1 without a link: type the code */
  const askCode = () => {
    const code = h('input', { id: 'invite-code', name: 'code', autocomplete: 'one-time-code', autocapitalize: 'characters', spellcheck: 'false',
      maxlength: '20', class: 'invite-code-input', 'data-testid': 'invite-code' });
    const err = error();
    const label = i18n.text(h('span', {}), 'invite.next');
    const submit = h('button', { type: 'submit', class: 'btn btn-primary btn-block', 'data-testid': 'invite-next' }, label);
    const form = h('form', { class: 'login-form', novalidate: true },
      formField(i18n, 'invite-code', 'invite.codeLabel', code, 'invite.codeHint'), err, submit);
    form.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      if (!code.value.trim()) return fail(err, 'invite.codeRequired');
      busy(submit, label, true, 'invite.checking', 'invite.next');
      await check({ code: code.value.trim() }, err);
      busy(submit, label, false, 'invite.checking', 'invite.next');
    });
    body.replaceChildren(i18n.text(h('h1', {}), 'invite.codeTitle'), form, links(false));
    queueMicrotask(() => code.focus());
  };

  /** whom and where: then the account form, or why not */
  const check = async (secret: InvitationSecret, err: HTMLElement) => {
    try {
      const who = await api.lookup(secret);
      if (alive) chooseAccount(secret, who);
    } catch (e) {
      if (alive) fail(err, e);
    }
  };

  /** step 2: user name and password */
  const chooseAccount = (secret: InvitationSecret, who: { displayName: string; areaName: string }) => {
    const input = (id: string, attrs: Record<string, string>) => h('input', { id, name: id, 'data-testid': id, ...attrs });
    const username = input('invite-username', { autocomplete: 'username', autocapitalize: 'none', spellcheck: 'false', maxlength: '32' });
    const password = input('invite-password', { type: 'password', autocomplete: 'new-password', maxlength: '256' });
    const repeat = input('invite-repeat', { type: 'password', autocomplete: 'new-password', maxlength: '256' });
    const err = error();
    const label = i18n.text(h('span', {}), 'invite.submit');
    const submit = h('button', { type: 'submit', class: 'btn btn-primary btn-block', 'data-testid': 'invite-submit' }, label);
    const form = h('form', { class: 'login-form', novalidate: true },
      formField(i18n, 'invite-username', 'invite.username', username, 'invite.usernameHint'),
      formField(i18n, 'invite-password', 'invite.password', password, 'invite.passwordHint'),
      formField(i18n, 'invite-repeat', 'invite.repeat', repeat),
      err, submit);
    form.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      if (!username.value.trim() || !password.value) return fail(err, 'invite.required');
      if (password.value !== repeat.value) return fail(err, 'invite.mismatch');
      busy(submit, label, true, 'invite.submitting', 'invite.submit');
      try {
        const user = await api.accept(secret, username.value.trim(), password.value);
        if (alive) opts.onAccepted(user);
      } catch (e) {
        if (alive) fail(err, e);
      } finally {
        busy(submit, label, false, 'invite.submitting', 'invite.submit');
      }
    });
    body.replaceChildren(
      i18n.text(h('h1', { 'data-testid': 'invite-for' }), 'invite.for', { name: who.displayName }),
      i18n.text(h('p', { class: 'invite-area', 'data-testid': 'invite-area' }), 'invite.area', { area: who.areaName }),
      i18n.text(h('p', { class: 'muted' }), 'invite.choose'),
      form, links(false));
    queueMicrotask(() => username.focus());
  };

  if (opts.token) {
    const err = error();
    body.replaceChildren(i18n.text(h('h1', {}), 'invite.title'), i18n.text(h('p', { class: 'loading' }), 'invite.checking'), err);
    void check({ token: opts.token }, err).then(() => {
      if (alive && err.textContent) body.append(links(true));
    });
  } else askCode();

  const el = loginFrame(i18n, langSwitch.el, body);
  el.classList.add('invite-page');
  el.dataset.testid = 'invite-page';
  return {
    el,
    destroy() {
      alive = false;
      langSwitch.destroy();
    },
  };
}
