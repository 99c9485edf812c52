// The top bar: product name, page links, language, who is signed in, log out.
import type { UserDto } from '../../../server/contracts.ts';
import { h, icon } from '../dom.ts';
import type { I18n } from '../i18n/i18n.ts';
import { canHandleIncidents } from '../session.ts';
import { createLangSwitch } from './lang-switch.ts';

export type NavTarget = 'wall' | 'incidents' | 'review' | 'cameras' | null;

export interface TopBar {
  el: HTMLElement;
  setActive(target: NavTarget): void;
  destroy(): void;
}

export interface TopBarOptions {
  i18n: I18n;
  user: UserDto;
  onLogout(): void;
}

export function createTopBar(opts: TopBarOptions): TopBar {
  const { i18n, user } = opts;
  const langSwitch = createLangSwitch(i18n);
  const link = (href: string, target: NavTarget, key: 'nav.wall' | 'nav.incidents' | 'nav.review' | 'nav.cameras') =>
    i18n.text(h('a', { href, class: 'nav-link', 'data-link': true, 'data-nav': target }), key);
  const links = [link('/', 'wall', 'nav.wall')];
  if (canHandleIncidents(user.role)) links.push(link('/incidents', 'incidents', 'nav.incidents'));
  if (user.role !== 'resident') links.push(link('/review', 'review', 'nav.review'));
  if (user.role === 'admin') links.push(link('/cameras', 'cameras', 'nav.cameras'));

  const role = i18n.text(h('span', {}), `role.${user.role}`);
  const who = h(
    'div',
    { class: 'user-box', 'data-testid': 'user-box' },
    h('span', { class: 'user-name' }, user.displayName || user.username),
    h('span', { class: 'user-role' }, `${user.username} · `, role),
  );
  const logout = h(
    'button',
    { type: 'button', class: 'btn btn-ghost btn-small', 'data-testid': 'logout', onclick: () => opts.onLogout() },
    icon('logout'),
    i18n.text(h('span', {}), 'user.logout'),
  );

  const el = h(
    'header',
    { class: 'top-bar' },
    h(
      'a',
      { class: 'brand', href: '/', 'data-link': true },
      h('span', { class: 'brand-mark', 'aria-hidden': 'true' }),
      i18n.text(h('span', { class: 'brand-name' }), 'app.name'),
      i18n.text(h('span', { class: 'brand-tagline' }), 'app.tagline'),
    ),
    i18n.attr(h('nav', { class: 'nav' }, ...links), 'aria-label', 'nav.label'),
    h('div', { class: 'toolbar-spacer' }),
    langSwitch.el,
    who,
    logout,
  );

  return {
    el,
    setActive(target) {
      for (const a of links) {
        if (a.dataset.nav === target) a.setAttribute('aria-current', 'page');
        else a.removeAttribute('aria-current');
      }
    },
    destroy: () => langSwitch.destroy(),
  };
}
