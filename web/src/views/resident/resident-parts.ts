// Pieces the resident pages share: the approval chip, what a camera shares in words, the page frame.
import type { CameraDto, Consent } from '../../../../server/contracts.ts';
import { CONSENTS } from '../../../../server/access/permissions.ts';
import { h } from '../../dom.ts';
import type { I18n, MessageKey } from '../../i18n/i18n.ts';

export const SHARE_LABEL: Record<Consent, MessageKey> = {
  'police-live': 'my.share.police-live',
  'police-on-request': 'my.share.police-on-request',
  group: 'my.share.group',
};

export const SHARE_EXPLAIN: Record<Consent, MessageKey> = {
  'police-live': 'my.share.police-live.explain',
  'police-on-request': 'my.share.police-on-request.explain',
  group: 'my.share.group.explain',
};

/** "Chờ duyệt" / "Đã duyệt" / "Bị từ chối: <reason>" as a chip with words and colour. */
export function approvalChip(i18n: I18n, camera: CameraDto): HTMLElement {
  const { state, reason } = camera.approval;
  const chip = h('span', { class: `chip approval approval-${state}`, 'data-testid': 'approval', 'data-approval': state });
  i18n.text(chip, `my.approval.${state}`);
  if (state !== 'declined' || !reason) return chip;
  return h('span', { class: 'approval-wrap' }, chip, h('span', { class: 'approval-reason' }, reason));
}

/** One line per shared choice, or "shared with nobody". */
export function sharesList(i18n: I18n, shares: readonly Consent[]): HTMLElement {
  const shared = CONSENTS.filter((c) => shares.includes(c));
  if (shared.length === 0) return i18n.text(h('p', { class: 'shares-none muted', 'data-testid': 'shares' }), 'my.share.none');
  return h('ul', { class: 'shares-list', 'data-testid': 'shares' }, ...shared.map((c) => i18n.text(h('li', {}), SHARE_LABEL[c])));
}

/** A resident page: a heading, an optional action beside it, then the body. */
export function residentPage(i18n: I18n, testid: string, title: MessageKey, ...body: (Node | null)[]): HTMLElement {
  return h('section', { class: 'page resident-page', 'data-testid': testid },
    h('div', { class: 'resident-inner' }, i18n.text(h('h1', { class: 'resident-title' }), title), ...body));
}
