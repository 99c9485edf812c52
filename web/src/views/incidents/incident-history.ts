// The edit history of an incident: who changed what, from what to what, and when (newest first).
import type { IncidentCategoryDto, IncidentChangeDto, IncidentStatus } from '../../../../server/contracts.ts';
import { h } from '../../dom.ts';
import type { I18n, MessageKey } from '../../i18n/i18n.ts';
import { formatDateTimeSeconds } from '../../time-format.ts';
import { categoryLabel, STATUSES, statusKey } from './incident-labels.ts';

export interface IncidentHistory {
  el: HTMLElement;
  set(history: IncidentChangeDto[], categories: IncidentCategoryDto[], users: Map<number, string>): void;
  destroy(): void;
}

const FIELD_KEY: Record<string, MessageKey> = {
  title: 'history.title',
  categoryId: 'history.category',
  category: 'history.category',
  status: 'history.status',
  assigneeId: 'history.assignee',
};

export function createIncidentHistory(i18n: I18n): IncidentHistory {
  let history: IncidentChangeDto[] = [];
  let categories: IncidentCategoryDto[] = [];
  let users = new Map<number, string>();
  const list = h('ol', { class: 'timeline timeline-history', 'data-testid': 'incident-history' });
  const none = i18n.text(h('p', { class: 'muted' }), 'history.none');
  const el = h('section', { class: 'panel history-panel' }, i18n.text(h('h2', {}), 'history.heading'), none, list);

  const value = (field: string, v: unknown): string => {
    if (v === null || v === undefined || v === '') return '—';
    if (field === 'status' && (STATUSES as readonly unknown[]).includes(v)) return i18n.t(statusKey(v as IncidentStatus));
    if (field === 'categoryId' || field === 'category') {
      const c = categories.find((x) => x.id === v);
      return c ? categoryLabel(i18n, c) : String(v);
    }
    if (field === 'assigneeId') return users.get(Number(v)) ?? `#${String(v)}`;
    return String(v);
  };

  const render = () => {
    none.hidden = history.length > 0;
    list.replaceChildren(
      ...[...history].reverse().map((c) =>
        h(
          'li',
          { class: 'timeline-item' },
          h(
            'div',
            { class: 'timeline-meta' },
            h('strong', {}, c.user.displayName || c.user.username),
            h('time', { datetime: c.at }, formatDateTimeSeconds(new Date(c.at), i18n.locale())),
          ),
          h(
            'ul',
            { class: 'change-list' },
            ...c.changes.map((ch) =>
              h(
                'li',
                {},
                h('span', { class: 'change-field' }, FIELD_KEY[ch.field] ? i18n.t(FIELD_KEY[ch.field]!) : ch.field),
                ': ',
                h('span', { class: 'change-from' }, value(ch.field, ch.from)),
                ' → ',
                h('span', { class: 'change-to' }, value(ch.field, ch.to)),
              ),
            ),
          ),
        ),
      ),
    );
  };

  const offLang = i18n.onChange(render);
  return {
    el,
    set(next, cats, names) {
      history = next;
      categories = cats;
      users = names;
      render();
    },
    destroy: offLang,
  };
}
