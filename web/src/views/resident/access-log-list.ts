// Who watched my camera: name, role, what they did, when (never their address). One camera on its page, all my
// cameras on /my/access.
import { h } from '../../dom.ts';
import type { I18n } from '../../i18n/i18n.ts';
import type { AccessRow } from './resident-logic.ts';

export function accessLogList(i18n: I18n, entries: readonly AccessRow[], withCamera: boolean): HTMLElement {
  if (entries.length === 0) return i18n.text(h('p', { class: 'muted', 'data-testid': 'access-empty' }), 'my.access.empty');
  const when = new Intl.DateTimeFormat(i18n.locale(), { dateStyle: 'short', timeStyle: 'short', timeZone: 'Asia/Ho_Chi_Minh' });
  return h('ol', { class: 'access-list', 'data-testid': 'access-list' },
    ...entries.map((e) =>
      h('li', { class: 'access-item', 'data-action': e.action },
        h('div', { class: 'access-who' },
          h('strong', {}, e.displayName), ' · ', i18n.text(h('span', { class: 'muted' }), `role.${e.role}`)),
        h('div', { class: 'access-what' },
          i18n.text(h('span', {}), `audit.action.${e.action}`),
          withCamera && e.cameraName ? h('span', { class: 'muted' }, ` · ${e.cameraName}`) : null),
        h('time', { class: 'access-when muted', datetime: e.at }, when.format(new Date(e.at))))));
}
