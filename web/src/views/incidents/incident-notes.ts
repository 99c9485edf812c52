// The notes timeline of an incident (oldest first, as a log reads) and the form to add one.
import type { IncidentDetailDto, IncidentNoteDto } from '../../../../server/contracts.ts';
import { errorMessage } from '../../api/error-message.ts';
import { h } from '../../dom.ts';
import type { I18n } from '../../i18n/i18n.ts';
import { formatDateTimeSeconds } from '../../time-format.ts';

export interface IncidentNotes {
  el: HTMLElement;
  set(notes: IncidentNoteDto[]): void;
  destroy(): void;
}

export function createIncidentNotes(
  i18n: I18n,
  addNote: (body: string) => Promise<IncidentDetailDto>,
  onAdded: (detail: IncidentDetailDto) => void,
): IncidentNotes {
  let notes: IncidentNoteDto[] = [];
  const list = h('ol', { class: 'timeline', 'data-testid': 'incident-notes' });
  const none = i18n.text(h('p', { class: 'muted' }), 'notes.none');
  const text = h('textarea', { id: 'note-body', rows: 3, maxlength: 5000, 'data-testid': 'note-input' });
  i18n.attr(text, 'placeholder', 'notes.placeholder');
  const error = h('p', { class: 'form-error', role: 'alert' });
  const submit = i18n.text(h('button', { type: 'submit', class: 'btn btn-primary btn-small', 'data-testid': 'note-submit' }), 'notes.add');
  const form = h(
    'form',
    { class: 'note-form' },
    i18n.text(h('label', { for: 'note-body', class: 'visually-hidden' }), 'notes.label'),
    text,
    error,
    h('div', { class: 'form-actions' }, submit),
  );
  const el = h('section', { class: 'panel notes-panel' }, i18n.text(h('h2', {}), 'notes.title'), none, list, form);

  const render = () => {
    none.hidden = notes.length > 0;
    list.replaceChildren(
      ...notes.map((n) =>
        h(
          'li',
          { class: 'timeline-item', 'data-note-id': n.id },
          h(
            'div',
            { class: 'timeline-meta' },
            h('strong', {}, n.author.displayName || n.author.username),
            h('time', { datetime: n.createdAt }, formatDateTimeSeconds(new Date(n.createdAt), i18n.locale())),
          ),
          h('p', { class: 'timeline-body' }, n.body),
        ),
      ),
    );
  };

  let busy = false;
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const body = text.value.trim();
    if (busy) return;
    if (!body) {
      i18n.text(error, 'notes.empty');
      text.focus();
      return;
    }
    busy = true;
    submit.disabled = true;
    error.textContent = '';
    try {
      const detail = await addNote(body);
      text.value = '';
      onAdded(detail);
    } catch (err) {
      error.removeAttribute('data-i18n');
      error.textContent = errorMessage(i18n, err);
    } finally {
      busy = false;
      submit.disabled = false;
    }
  });
  text.addEventListener('keydown', (ev) => {
    if (ev.key === 'Enter' && (ev.ctrlKey || ev.metaKey)) form.requestSubmit();
  });

  const offLang = i18n.onChange(render);
  return {
    el,
    set(next) {
      notes = next;
      render();
    },
    destroy: offLang,
  };
}
