// The status line under a page's heading: a translated success, or a failure in the server's or our own words.
import { errorMessage } from '../api/error-message.ts';
import { h } from '../dom.ts';
import type { I18n, MessageKey, Params } from '../i18n/i18n.ts';

export interface Flash {
  el: HTMLElement;
  ok(key: MessageKey, params?: Params): void;
  /** a failure: a sentence of ours (key) or the error's own sentence */
  fail(what: { key: MessageKey; params?: Params } | { error: unknown; prefix?: MessageKey }): void;
  clear(): void;
}

export function createFlash(i18n: I18n): Flash {
  const el = h('p', { class: 'flash', role: 'status', 'aria-live': 'polite', 'data-testid': 'flash' });
  return {
    el,
    ok(key, params) {
      el.className = 'flash flash-ok';
      i18n.text(el, key, params);
    },
    fail(what) {
      el.className = 'flash flash-error';
      if ('key' in what) return void i18n.text(el, what.key, what.params);
      el.removeAttribute('data-i18n');
      el.textContent = `${what.prefix ? `${i18n.t(what.prefix)} ` : ''}${errorMessage(i18n, what.error)}`;
    },
    clear() {
      el.className = 'flash';
      el.removeAttribute('data-i18n');
      el.textContent = '';
    },
  };
}
