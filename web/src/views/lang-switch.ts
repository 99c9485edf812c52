// VI | EN switch: one click, remembered (the i18n module stores the choice).
import { h } from '../dom.ts';
import type { I18n } from '../i18n/i18n.ts';
import type { Lang } from '../settings.ts';

export interface LangSwitch {
  el: HTMLElement;
  destroy(): void;
}

export function createLangSwitch(i18n: I18n): LangSwitch {
  const langs: Lang[] = ['vi', 'en'];
  const buttons = langs.map((lang) =>
    i18n.attr(
      h('button', { type: 'button', class: 'seg-btn', lang, 'data-lang': lang, onclick: () => i18n.setLang(lang) }, lang.toUpperCase()),
      'aria-label',
      `lang.${lang}`,
    ),
  );
  const sync = () => {
    for (const b of buttons) b.setAttribute('aria-pressed', String(b.dataset.lang === i18n.lang()));
  };
  sync();
  const off = i18n.onChange(sync);
  const el = i18n.attr(h('div', { class: 'seg seg-small lang-switch', role: 'group', 'data-testid': 'lang-switch' }, ...buttons), 'aria-label', 'lang.label');
  return { el, destroy: off };
}
