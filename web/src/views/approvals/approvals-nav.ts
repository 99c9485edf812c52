// The top bar's "Duyệt camera" link for officers, with the number of residents' cameras waiting for them. The count
// comes from the camera store (the socket keeps it current), judged by the same rules as the hub
// (server/access/permissions.ts): a pending camera the officer may approve.
import { can, dtoFacts, isOfficer } from '../../../../server/access/permissions.ts';
import type { SessionUserDto } from '../../../../server/contracts.ts';
import { h } from '../../dom.ts';
import type { I18n } from '../../i18n/i18n.ts';
import type { CameraStore } from '../../state/camera-store.ts';

export interface ApprovalsNav {
  el: HTMLAnchorElement;
  destroy(): void;
}

/** null for anyone but officers */
export function createApprovalsNav(i18n: I18n, store: CameraStore, user: SessionUserDto): ApprovalsNav | null {
  if (!isOfficer(user.role)) return null;
  const badge = h('span', { class: 'nav-badge', 'data-testid': 'approvals-badge', hidden: true });
  const el = h('a', { href: '/approvals', class: 'nav-link', 'data-link': true, 'data-nav': 'approvals', 'data-testid': 'nav-approvals' },
    i18n.text(h('span', {}), 'nav.approvals'), badge);
  const render = () => {
    const count = store.all().filter((c) => c.approval.state === 'pending' && can(user, dtoFacts(c), 'approve')).length;
    badge.textContent = String(count);
    badge.hidden = count === 0;
    if (count) i18n.attr(badge, 'title', 'approvals.badge', { count });
    else i18n.clearAttr(badge, 'title');
  };
  render();
  const unsubscribe = store.subscribe((change) => {
    if (change.type === 'list') render();
  });
  return { el, destroy: unsubscribe };
}
