// The three sharing choices as separate checkboxes, none ticked unless the owner ticks it (Law 91/2025: consent
// is explicit and per purpose), each explained in one plain sentence. Used when registering and on the camera page.
import type { Consent } from '../../../../server/contracts.ts';
import { CONSENTS } from '../../../../server/access/permissions.ts';
import { h } from '../../dom.ts';
import type { I18n } from '../../i18n/i18n.ts';
import { orderedShares } from './resident-logic.ts';
import { SHARE_EXPLAIN, SHARE_LABEL } from './resident-parts.ts';

export interface ConsentChoices {
  el: HTMLElement;
  value(): Consent[];
  set(shares: readonly Consent[]): void;
  onChange(listener: () => void): void;
}

export function createConsentChoices(i18n: I18n, idPrefix: string, initial: readonly Consent[] = []): ConsentChoices {
  const boxes = new Map<Consent, HTMLInputElement>();
  const listeners: (() => void)[] = [];
  const rows = CONSENTS.map((c) => {
    const id = `${idPrefix}-${c}`;
    const box = h('input', { type: 'checkbox', id, class: 'consent-box', 'data-consent': c, 'aria-describedby': `${id}-why` });
    box.checked = initial.includes(c);
    box.addEventListener('change', () => listeners.forEach((l) => l()));
    boxes.set(c, box);
    return h('div', { class: 'consent-row' },
      box,
      h('label', { for: id, class: 'consent-label' },
        i18n.text(h('span', { class: 'consent-name' }), SHARE_LABEL[c]),
        i18n.text(h('span', { class: 'consent-why', id: `${id}-why` }), SHARE_EXPLAIN[c])));
  });
  const el = h('fieldset', { class: 'consents', 'data-testid': 'consents' },
    i18n.text(h('legend', {}), 'my.share.legend'),
    i18n.text(h('p', { class: 'hint' }), 'my.share.intro'),
    ...rows);
  return {
    el,
    value: () => orderedShares(CONSENTS.filter((c) => boxes.get(c)?.checked)),
    set(shares) {
      for (const [c, box] of boxes) box.checked = shares.includes(c);
    },
    onChange: (l) => listeners.push(l),
  };
}
