// A page the signed-in user's role may not open: say so kindly and offer the way back.
import type { AppContext, Page } from '../app-context.ts';
import { h } from '../dom.ts';
import type { MessageKey } from '../i18n/i18n.ts';

export function noPermissionPage(ctx: AppContext, body: MessageKey): Page {
  const { i18n } = ctx;
  const el = h(
    'section',
    { class: 'page simple-page' },
    h(
      'div',
      { class: 'empty-state', 'data-testid': 'no-permission' },
      i18n.text(h('h1', {}), 'cameras.noPermissionTitle'),
      i18n.text(h('p', {}), body),
      i18n.text(h('a', { href: '/', class: 'btn btn-primary', 'data-link': true }), 'cameras.backToWall'),
    ),
  );
  return { el, destroy: () => undefined };
}
