// The head of an incident: title (editable), category, status with the steps the workflow allows next,
// who handles it, and the facts (when, footage window, cameras, who flagged it).
import type { IncidentCategoryDto, IncidentDto, IncidentStatus, UserDto, UserRefDto } from '../../../../server/contracts.ts';
import { errorMessage } from '../../api/error-message.ts';
import type { IncidentPatch } from '../../api/incidents-api.ts';
import { h, icon } from '../../dom.ts';
import type { I18n, MessageKey } from '../../i18n/i18n.ts';
import { formatDateTimeSeconds, vnDay } from '../../time-format.ts';
import { categoryLabel, NEXT_STATUSES } from './incident-labels.ts';
import { statusBadge } from './incident-table.ts';

export interface IncidentSummary {
  el: HTMLElement;
  set(incident: IncidentDto, categories: IncidentCategoryDto[]): void;
  destroy(): void;
}

export interface IncidentSummaryOptions {
  i18n: I18n;
  me: UserDto;
  save(patch: IncidentPatch): Promise<void>;
  /** who an incident can be given to (active admins, police, operators) */
  loadStaff(): Promise<UserDto[]>;
}

function actionLabel(from: IncidentStatus, to: IncidentStatus): MessageKey {
  if (to === 'in_progress') return from === 'new' ? 'incident.action.start' : 'incident.action.reopen';
  return to === 'resolved' ? 'incident.action.resolve' : 'incident.action.close';
}

export function createIncidentSummary(opts: IncidentSummaryOptions): IncidentSummary {
  const { i18n, me } = opts;
  let incident: IncidentDto | null = null;
  let categories: IncidentCategoryDto[] = [];
  let editing = false;

  const title = h('h1', { class: 'incident-title', 'data-testid': 'incident-title' });
  const titleInput = h('input', { class: 'title-input', maxlength: 200, 'data-testid': 'title-input' });
  i18n.attr(titleInput, 'aria-label', 'incident.titleLabel');
  const editBtn = i18n.text(h('button', { type: 'button', class: 'btn btn-small btn-ghost', 'data-testid': 'title-edit' }), 'incident.editTitle');
  const saveBtn = i18n.text(h('button', { type: 'button', class: 'btn btn-small btn-primary' }), 'form.save');
  const cancelBtn = i18n.text(h('button', { type: 'button', class: 'btn btn-small btn-ghost' }), 'form.cancel');
  const idLabel = h('span', { class: 'incident-id mono' });
  const titleRow = h('div', { class: 'incident-title-row' }, idLabel, title, editBtn, titleInput, saveBtn, cancelBtn);

  const category = h('select', { id: 'incident-category', 'data-testid': 'incident-category' });
  const statusSlot = h('span', { 'data-testid': 'incident-status' });
  const actions = h('div', { class: 'status-actions', 'data-testid': 'status-actions' });
  let staff: UserDto[] = [];
  const assignee = h('select', { id: 'incident-assignee', class: 'assignee-picker', 'data-testid': 'assignee-picker' });
  const assignBtn = h('button', { type: 'button', class: 'btn btn-small', 'data-testid': 'assign' });
  const facts = h('dl', { class: 'meta-list incident-facts' });
  const error = h('p', { class: 'form-error', role: 'alert', 'data-testid': 'incident-error' });

  const el = h(
    'section',
    { class: 'panel incident-summary' },
    titleRow,
    h(
      'div',
      { class: 'incident-controls' },
      h('div', { class: 'control' }, i18n.text(h('span', { class: 'control-label' }), 'incident.status'), statusSlot, actions),
      h('div', { class: 'control' }, i18n.text(h('label', { class: 'control-label', for: 'incident-category' }), 'incident.category'), category),
      h('div', { class: 'control' }, i18n.text(h('label', { class: 'control-label', for: 'incident-assignee' }), 'incident.assignee'), assignee, assignBtn),
    ),
    facts,
    error,
  );

  let busy = false;
  const save = async (patch: IncidentPatch) => {
    if (busy) return;
    busy = true;
    el.setAttribute('aria-busy', 'true');
    error.textContent = '';
    try {
      await opts.save(patch);
      editing = false;
    } catch (err) {
      error.textContent = errorMessage(i18n, err);
    } finally {
      busy = false;
      el.removeAttribute('aria-busy');
      render();
    }
  };

  const fact = (key: MessageKey, value: Node | string) => [i18n.text(h('dt', {}), key), h('dd', {}, value)];

  const render = () => {
    const i = incident;
    if (!i) return;
    idLabel.textContent = `#${i.id}`;
    title.textContent = i.title;
    for (const e of [title, editBtn]) e.hidden = editing;
    for (const e of [titleInput, saveBtn, cancelBtn]) e.hidden = !editing;

    statusSlot.replaceChildren(statusBadge(i18n, i.status));
    actions.replaceChildren(
      ...NEXT_STATUSES[i.status].map((to) => {
        const b = i18n.text(
          h('button', { type: 'button', class: `btn btn-small ${to === 'closed' ? 'btn-ghost' : ''}`, 'data-to-status': to }),
          actionLabel(i.status, to),
        );
        b.disabled = busy;
        b.addEventListener('click', () => void save({ status: to }));
        return b;
      }),
    );
    if (i.status === 'closed') actions.append(i18n.text(h('span', { class: 'muted' }), 'incident.closedNote'));

    const cats = categories.filter((c) => c.active || c.id === i.category.id);
    category.replaceChildren(
      ...(cats.length ? cats : [i.category]).map((c) => {
        const o = h('option', { value: c.id }, categoryLabel(i18n, c));
        o.selected = c.id === i.category.id;
        return o;
      }),
    );
    category.disabled = busy || i.status === 'closed';

    const mine = i.assignee?.id === me.id;
    // the current assignee stays listed even when no longer active staff, and so do I (list not loaded yet)
    const people: UserRefDto[] = [...staff];
    for (const p of [i.assignee, me]) if (p && !people.some((u) => u.id === p.id)) people.push(p);
    assignee.replaceChildren(
      h('option', { value: '' }, i18n.t('incident.unassigned')),
      ...people.map((u) => h('option', { value: String(u.id) }, u.id === me.id ? `${u.displayName || u.username} ${i18n.t('users.you')}` : u.displayName || u.username)),
    );
    assignee.value = i.assignee ? String(i.assignee.id) : '';
    assignee.disabled = busy || i.status === 'closed';
    i18n.text(assignBtn, mine ? 'incident.unassign' : 'incident.assignMe');
    assignBtn.hidden = i.status === 'closed';
    assignBtn.onclick = () => void save({ assigneeId: mine ? null : me.id });

    const at = new Date(i.occurredAt);
    const reviewFrom = new Date(at.getTime() - i.preRollSec * 1000);
    const cams = h(
      'span',
      { class: 'camera-links' },
      ...i.clips.map((c) =>
        h(
          'a',
          {
            href: `/review/${encodeURIComponent(c.cameraId)}?day=${vnDay(reviewFrom)}&t=${encodeURIComponent(reviewFrom.toISOString())}`,
            'data-link': true,
          },
          icon('history'),
          c.cameraName,
        ),
      ),
    );
    facts.replaceChildren(
      ...fact('incident.occurredAt', h('time', { datetime: i.occurredAt }, formatDateTimeSeconds(at, i18n.locale()))),
      ...fact('incident.window', i18n.t('incident.windowValue', { pre: i.preRollSec, post: i.postRollSec })),
      ...fact('incident.cameras', cams),
      ...fact('incident.createdBy', `${i.createdBy.displayName || i.createdBy.username} · ${formatDateTimeSeconds(new Date(i.createdAt), i18n.locale())}`),
    );
  };

  editBtn.addEventListener('click', () => {
    if (!incident) return;
    editing = true;
    titleInput.value = incident.title;
    render();
    titleInput.focus();
    titleInput.select();
  });
  const saveTitle = () => {
    const v = titleInput.value.trim();
    if (!v || v === incident?.title) {
      editing = false;
      render();
      return;
    }
    void save({ title: v });
  };
  saveBtn.addEventListener('click', saveTitle);
  cancelBtn.addEventListener('click', () => {
    editing = false;
    render();
    editBtn.focus();
  });
  titleInput.addEventListener('keydown', (ev) => {
    if (ev.key === 'Enter') saveTitle();
    if (ev.key === 'Escape') cancelBtn.click();
  });
  assignee.addEventListener('change', () => {
    const id = assignee.value === '' ? null : Number(assignee.value);
    if (incident && id !== (incident.assignee?.id ?? null)) void save({ assigneeId: id });
  });
  opts.loadStaff().then(
    (list) => {
      staff = list;
      render();
    },
    () => undefined, // keep the short list: unassigned, me and the current assignee
  );
  category.addEventListener('change', () => {
    if (incident && category.value !== incident.category.id) void save({ category: category.value });
  });

  const offLang = i18n.onChange(render);
  return {
    el,
    set(next, cats) {
      incident = next;
      categories = cats;
      render();
    },
    destroy: offLang,
  };
}
