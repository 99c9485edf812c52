// Short confirmations in a corner (polite live region), optionally with a link; they leave by themselves
// unless the pointer or focus is on them.
import { h } from '../dom.ts';
import type { I18n, MessageKey, Params } from '../i18n/i18n.ts';

export interface ToastOptions {
  text: MessageKey;
  params?: Params;
  kind?: 'ok' | 'error';
  link?: { href: string; text: MessageKey };
  /** default 8 s */
  durationMs?: number;
  /** a button in the toast (e.g. mute the alert sound); the toast stays */
  action?: { text: MessageKey; onClick(button: HTMLButtonElement): void };
  /** data-* attributes on the toast (tests, styles) */
  data?: Record<string, string>;
}

export interface Toasts {
  el: HTMLElement;
  show(opts: ToastOptions): void;
  clear(): void;
}

export function createToasts(i18n: I18n): Toasts {
  const el = h('div', { class: 'toasts', role: 'status', 'aria-live': 'polite', 'data-testid': 'toasts' });

  const show = (opts: ToastOptions) => {
    const close = i18n.attr(h('button', { type: 'button', class: 'toast-close' }, '×'), 'aria-label', 'toast.close');
    const toast = h(
      'div',
      { class: `toast toast-${opts.kind ?? 'ok'}`, 'data-testid': 'toast' },
      i18n.text(h('span', { class: 'toast-text' }), opts.text, opts.params),
      opts.link ? i18n.text(h('a', { href: opts.link.href, 'data-link': true, class: 'toast-link' }), opts.link.text) : null,
      opts.action ? toastAction(i18n, opts.action) : null,
      close,
    );
    for (const [k, v] of Object.entries(opts.data ?? {})) toast.dataset[k] = v;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const remove = () => {
      if (timer) clearTimeout(timer);
      toast.remove();
    };
    const arm = () => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(remove, opts.durationMs ?? 8000);
    };
    const hold = () => {
      if (timer) clearTimeout(timer);
      timer = null;
    };
    toast.addEventListener('pointerenter', hold);
    toast.addEventListener('pointerleave', arm);
    toast.addEventListener('focusin', hold);
    toast.addEventListener('focusout', arm);
    close.addEventListener('click', remove);
    toast.querySelector('a')?.addEventListener('click', () => setTimeout(remove, 0));
    el.append(toast);
    while (el.children.length > 4) el.firstElementChild?.remove();
    arm();
  };

  return { el, show, clear: () => el.replaceChildren() };
}

function toastAction(i18n: I18n, action: NonNullable<ToastOptions['action']>): HTMLButtonElement {
  const b = i18n.text(h('button', { type: 'button', class: 'btn btn-small btn-ghost toast-action' }), action.text);
  b.addEventListener('click', () => action.onClick(b));
  return b;
}
