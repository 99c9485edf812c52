// The translator: t(key, params) plus DOM bindings that re-render in place when the language changes,
// so switching language never rebuilds a page (and never restarts a video).
import type { Lang, Settings } from '../settings.ts';
import { messagesEn } from './messages-en.ts';
import { messagesVi, type MessageKey } from './messages-vi.ts';

export type { MessageKey };
export type Params = Record<string, string | number>;

export interface I18n {
  lang(): Lang;
  /** BCP 47 tag for Intl formatting */
  locale(): string;
  setLang(lang: Lang): void;
  t(key: MessageKey, params?: Params): string;
  /** Sets the element's text now and again on every language change. */
  text<E extends Element>(el: E, key: MessageKey, params?: Params): E;
  /** Same for an attribute (title, aria-label, placeholder, …). */
  attr<E extends Element>(el: E, name: string, key: MessageKey, params?: Params): E;
  /** Removes an attribute set with attr(). */
  clearAttr(el: Element, name: string): void;
  onChange(listener: (lang: Lang) => void): () => void;
}

const tables: Record<Lang, Record<MessageKey, string>> = { vi: messagesVi, en: messagesEn };

function format(template: string, params?: Params): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

interface Binding {
  key: MessageKey;
  params?: Params;
}

export function createI18n(settings: Settings, doc: Document): I18n {
  let current: Lang = settings.lang();
  const listeners = new Set<(lang: Lang) => void>();
  // WeakMaps keyed by element: bindings disappear with the elements, nothing to unregister.
  const textBindings = new WeakMap<Element, Binding>();
  const attrBindings = new WeakMap<Element, Map<string, Binding>>();

  const t = (key: MessageKey, params?: Params): string => format(tables[current][key] ?? key, params);

  const applyTo = (root: ParentNode): void => {
    for (const el of root.querySelectorAll('[data-i18n]')) {
      const b = textBindings.get(el);
      if (b) el.textContent = t(b.key, b.params);
    }
    for (const el of root.querySelectorAll('[data-i18n-attr]')) {
      for (const [name, b] of attrBindings.get(el) ?? []) el.setAttribute(name, t(b.key, b.params));
    }
  };

  doc.documentElement.lang = current;

  return {
    lang: () => current,
    locale: () => (current === 'vi' ? 'vi-VN' : 'en-GB'),
    setLang(lang) {
      if (lang === current) return;
      current = lang;
      settings.setLang(lang);
      doc.documentElement.lang = lang;
      applyTo(doc);
      for (const l of [...listeners]) l(lang);
    },
    t,
    text(el, key, params) {
      textBindings.set(el, params ? { key, params } : { key });
      el.setAttribute('data-i18n', key);
      el.textContent = t(key, params);
      return el;
    },
    attr(el, name, key, params) {
      let map = attrBindings.get(el);
      if (!map) {
        map = new Map();
        attrBindings.set(el, map);
      }
      map.set(name, params ? { key, params } : { key });
      el.setAttribute('data-i18n-attr', [...map.keys()].join(' '));
      el.setAttribute(name, t(key, params));
      return el;
    },
    clearAttr(el, name) {
      const map = attrBindings.get(el);
      map?.delete(name);
      if (map && map.size > 0) el.setAttribute('data-i18n-attr', [...map.keys()].join(' '));
      else el.removeAttribute('data-i18n-attr');
      el.removeAttribute(name);
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
