// The resident's links (Camera của tôi, Hàng xóm, Yêu cầu, Nhật ký truy cập): in the top bar on a wide screen, a
// tab bar along the bottom on a phone (resident.css). Staff links are never built for a resident.
import { h, icon, type IconName } from '../../dom.ts';
import type { I18n, MessageKey } from '../../i18n/i18n.ts';

export type ResidentNavTarget = 'my' | 'neighbourhood' | 'my-requests' | 'my-access';

const LINKS: { href: string; target: ResidentNavTarget; key: MessageKey; icon: IconName }[] = [
  { href: '/my', target: 'my', key: 'my.nav.cameras', icon: 'camera' },
  { href: '/my/neighbourhood', target: 'neighbourhood', key: 'my.nav.neighbourhood', icon: 'play' },
  { href: '/my/requests', target: 'my-requests', key: 'my.nav.requests', icon: 'flag' },
  { href: '/my/access', target: 'my-access', key: 'my.nav.access', icon: 'history' },
];

export function residentNavLinks(i18n: I18n): HTMLAnchorElement[] {
  return LINKS.map((l) =>
    h('a', { href: l.href, class: 'nav-link resident-tab', 'data-link': true, 'data-nav': l.target, 'data-testid': `nav-${l.target}` },
      icon(l.icon), i18n.text(h('span', {}), l.key)),
  );
}
