// The top bar: product name, page links, language, and the user menu (who is signed in, change password,
// live video transport, log out).
import type { UserDto } from '../../../server/contracts.ts';
import { h, icon } from '../dom.ts';
import type { I18n } from '../i18n/i18n.ts';
import { TRANSPORT_PREFS, type TransportPref } from '../player/transport-pref.ts';
import { canHandleIncidents } from '../session.ts';
import { createLangSwitch } from './lang-switch.ts';
import { createMoreMenu, type MoreTarget } from './more-menu.ts';
import { disclosureMenu } from './disclosure-menu.ts';
import type { ApprovalsNav } from './approvals/approvals-nav.ts';
import { residentNavLinks, type ResidentNavTarget } from './resident/resident-nav.ts';

export type NavTarget = 'wall' | 'incidents' | 'review' | 'reports' | 'alerts' | 'cameras' | 'users' | 'audit' | 'approvals' | ResidentNavTarget | MoreTarget | null;

export interface TopBar {
  el: HTMLElement;
  setActive(target: NavTarget): void;
  destroy(): void;
}

export interface TopBarOptions {
  i18n: I18n;
  user: UserDto;
  onLogout(): void;
  onChangePassword(): void;
  /** the live video transport setting, and a new choice */
  transport(): TransportPref;
  onTransport(pref: TransportPref): void;
  /** officers: residents' cameras waiting for approval, with their count */
  approvalsNav?: ApprovalsNav | null;
}

export function createTopBar(opts: TopBarOptions): TopBar {
  const { i18n, user } = opts;
  const langSwitch = createLangSwitch(i18n);
  const link = (href: string, target: NavTarget, key: 'nav.wall' | 'nav.incidents' | 'nav.review' | 'nav.reports' | 'alerts.nav' | 'nav.cameras' | 'nav.users' | 'nav.audit') =>
    i18n.text(h('a', { href, class: 'nav-link', 'data-link': true, 'data-nav': target }), key);
  // a resident has their own app (views/resident): their cameras, the neighbourhood's, requests, who watched
  const resident = user.role === 'resident';
  const links = resident ? residentNavLinks(i18n) : [link('/', 'wall', 'nav.wall')];
  if (opts.approvalsNav) links.push(opts.approvalsNav.el);
  if (canHandleIncidents(user.role)) links.push(link('/incidents', 'incidents', 'nav.incidents'));
  if (!resident) links.push(link('/review', 'review', 'nav.review'));
  if (canHandleIncidents(user.role)) links.push(link('/reports', 'reports', 'nav.reports'), link('/alerts', 'alerts', 'alerts.nav'));
  // cameras, users and areas (admins), invitations (staff) behind "Thêm / More": the bar stays one row at 1400 px,
  // with the approvals badge too
  const more = resident ? null : createMoreMenu(i18n, user);

  const role = i18n.text(h('span', {}), `role.${user.role}`);
  const who = h(
    'button',
    { type: 'button', class: 'user-box', 'data-testid': 'user-box', 'aria-haspopup': 'menu', 'aria-expanded': 'false', 'aria-controls': 'user-menu' },
    h('span', { class: 'user-name' }, user.displayName || user.username),
    h('span', { class: 'user-role' }, `${user.username} · `, role),
  );
  const item = (testid: string, key: 'password.menu' | 'user.logout', run: () => void, ico?: SVGSVGElement) =>
    h('button', { type: 'button', role: 'menuitem', class: 'user-menu-item', 'data-testid': testid, onclick: () => { close(); run(); } },
      ico ?? null, i18n.text(h('span', {}), key));
  // live video transport: auto (push socket, LL-HLS where it cannot play) or one forced, for support
  const transportItems = TRANSPORT_PREFS.map((pref) =>
    h('button', {
      type: 'button', role: 'menuitemradio', class: 'user-menu-item user-menu-radio', 'data-testid': `transport-${pref}`,
      'data-transport': pref, onclick: () => { close(); opts.onTransport(pref); markTransport(); } },
    i18n.text(h('span', {}), `transport.${pref}`)),
  );
  const autoItem = transportItems[0];
  if (autoItem) i18n.attr(autoItem, 'title', 'transport.autoHint');
  const markTransport = () => {
    const chosen = opts.transport();
    for (const b of transportItems) b.setAttribute('aria-checked', String(b.dataset.transport === chosen));
  };
  markTransport();
  // the access log (admins): in this menu, not the nav, so the top bar stays one row at 1400 px
  const auditItem = user.role === 'admin'
    ? i18n.text(h('a', {
      href: '/audit', role: 'menuitem', class: 'user-menu-item', style: 'text-decoration: none', 'data-link': true,
      'data-nav': 'audit', 'data-testid': 'nav-audit', onclick: () => close(),
    }), 'nav.audit')
    : null;
  const menu = h(
    'div',
    { id: 'user-menu', role: 'menu', class: 'user-menu', hidden: true },
    auditItem,
    item('change-password', 'password.menu', () => opts.onChangePassword()),
    h('div', { role: 'group', class: 'user-menu-group', 'aria-labelledby': 'transport-label' },
      i18n.text(h('div', { id: 'transport-label', class: 'user-menu-label' }), 'transport.label'),
      ...transportItems),
    item('logout', 'user.logout', () => opts.onLogout(), icon('logout')),
  );
  const wrap = h('div', { class: 'user-menu-wrap' }, who, menu);
  const userMenu = disclosureMenu(who, menu, wrap);
  const close = () => userMenu.close();

  const el = h(
    'header',
    { class: 'top-bar' },
    h(
      'a',
      { class: 'brand', href: resident ? '/my' : '/', 'data-link': true },
      h('span', { class: 'brand-mark', 'aria-hidden': 'true' }),
      i18n.text(h('span', { class: 'brand-name' }), 'app.name'),
      i18n.text(h('span', { class: 'brand-tagline' }), 'app.tagline'),
    ),
    i18n.attr(h('nav', { class: resident ? 'nav resident-nav' : 'nav' }, ...links, more?.el), 'aria-label', 'nav.label'),
    h('div', { class: 'toolbar-spacer' }),
    langSwitch.el,
    wrap,
  );

  return {
    el,
    setActive(target) {
      more?.setActive(target);
      for (const a of links) {
        if (a.dataset.nav === target) a.setAttribute('aria-current', 'page');
        else a.removeAttribute('aria-current');
      }
    },
    destroy: () => {
      langSwitch.destroy();
      more?.destroy();
      opts.approvalsNav?.destroy();
      userMenu.destroy();
    },
  };
}
