// A camera status shown as icon + words + colour (never colour alone).
import type { StreamStatus } from '../../../server/contracts.ts';
import { h, icon } from '../dom.ts';
import type { I18n } from '../i18n/i18n.ts';

export interface StatusBadge {
  el: HTMLElement;
  set(status: StreamStatus): void;
}

export function createStatusBadge(i18n: I18n, status: StreamStatus): StatusBadge {
  const el = h('span', { class: 'badge' });
  const set = (next: StreamStatus) => {
    el.className = `badge badge-${next}`;
    el.dataset.status = next;
    const label = h('span', { class: 'badge-label' });
    el.replaceChildren(icon(next, `icon icon-${next}`), i18n.text(label, `status.${next}`));
  };
  set(status);
  return { el, set };
}
