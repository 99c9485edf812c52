// A labelled input with a hint and an error line (kept in the layout so nothing jumps), for the add-camera tabs.
import { h } from '../../../dom.ts';
import type { I18n, MessageKey, Params } from '../../../i18n/i18n.ts';

export interface Field {
  el: HTMLElement;
  input: HTMLInputElement;
  value(): string;
  setError(key: MessageKey | null, params?: Params): void;
  setErrorText(text: string): void;
}

export interface FieldOptions {
  id: string;
  label: MessageKey;
  hint?: MessageKey;
  hintParams?: Params;
  type?: string;
  value?: string;
  placeholder?: string;
  mono?: boolean;
  autocomplete?: string;
  inputmode?: string;
  maxlength?: number;
}

export function createField(i18n: I18n, o: FieldOptions): Field {
  const errorId = `${o.id}-err`;
  const input = h('input', {
    id: o.id,
    name: o.id,
    type: o.type ?? 'text',
    class: o.mono ? 'mono' : '',
    autocomplete: o.autocomplete ?? 'off',
    spellcheck: 'false',
    inputmode: o.inputmode,
    maxlength: o.maxlength ?? 253,
    placeholder: o.placeholder,
    'aria-describedby': errorId,
  });
  if (o.value !== undefined) input.value = o.value;
  const error = h('p', { class: 'field-error', id: errorId, 'aria-live': 'polite' });
  const el = h(
    'div',
    { class: 'field' },
    i18n.text(h('label', { for: o.id }), o.label),
    input,
    o.hint ? i18n.text(h('p', { class: 'hint' }), o.hint, o.hintParams) : null,
    error,
  );
  return {
    el,
    input,
    value: () => input.value.trim(),
    setError(key, params) {
      input.setAttribute('aria-invalid', String(key !== null));
      if (key) i18n.text(error, key, params);
      else {
        error.removeAttribute('data-i18n');
        error.textContent = '';
      }
    },
    setErrorText(text) {
      input.setAttribute('aria-invalid', String(text !== ''));
      error.removeAttribute('data-i18n');
      error.textContent = text;
    },
  };
}

/** Port typed by a person: a whole number 1–65535, or null. */
export function parsePort(v: string): number | null {
  if (!/^\d{1,5}$/.test(v)) return null;
  const n = Number(v);
  return n >= 1 && n <= 65535 ? n : null;
}

/** A host typed by a person: an IP address or a name, without scheme, port or path. */
export function isHost(v: string): boolean {
  return /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*|\[?[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*\]?)$/.test(v);
}
