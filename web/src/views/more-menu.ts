// "Thêm / More" in the top bar's nav: pages used now and then (cameras, users and areas for admins, invitations for staff), so that
// the bar stays one row at 1400 px. A disclosure menu: Esc or a click elsewhere closes it.
import type { UserDto } from '../../../server/contracts.ts';
import { isStaff } from '../../../server/access/permissions.ts';
import { h } from '../dom.ts';
import type { I18n, MessageKey } from '../i18n/i18n.ts';
import { disclosureMenu } from './disclosure-menu.ts';

export type MoreTarget = 'cameras' | 'users' | 'areas' | 'invitations';

export interface MoreMenu {
  el: HTMLElement;
  /** marks the button (and the item) when the page shown is in the menu */
  setActive(target: string | null): void;
  destroy(): void;
}

/** null when the user has nothing in it */
export function createMoreMenu(i18n: I18n, user: UserDto): MoreMenu | null {
  const entries: [string, MoreTarget, MessageKey][] = [];
  if (user.role === 'admin') entries.push(['/cameras', 'cameras', 'nav.cameras'], ['/users', 'users', 'nav.users'], ['/areas', 'areas', 'nav.areas']);
  if (isStaff(user.role)) entries.push(['/invitations', 'invitations', 'nav.invitations']);
  if (entries.length === 0) return null;
  const items = entries.map(([href, target, key]) => i18n.text(h('a', {
    href, role: 'menuitem', class: 'user-menu-item', 'data-link': true, 'data-nav': target, 'data-testid': `nav-${target}`,
    onclick: () => close(),
  }), key));
  const button = h('button', {
    type: 'button', class: 'nav-link more-btn', 'aria-haspopup': 'menu', 'aria-expanded': 'false', 'aria-controls': 'more-menu',
    'data-testid': 'nav-more',
  }, i18n.text(h('span', {}), 'nav.more'), h('span', { 'aria-hidden': 'true' }, ' ▾'));
  const menu = h('div', { id: 'more-menu', role: 'menu', class: 'user-menu more-menu', hidden: true }, ...items);
  const el = h('div', { class: 'more-wrap' }, button, menu);
  const toggle = disclosureMenu(button, menu, el);
  const close = () => toggle.close();
  return {
    el,
    setActive(target) {
      let inside = false;
      for (const a of items) {
        const here = a.dataset.nav === target;
        inside ||= here;
        if (here) a.setAttribute('aria-current', 'page');
        else a.removeAttribute('aria-current');
      }
      if (inside) button.setAttribute('aria-current', 'page');
      else button.removeAttribute('aria-current');
    },
    destroy: () => toggle.destroy(),
  };
}
