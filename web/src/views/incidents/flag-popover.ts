// "Báo vụ việc": a small popover next to the flag button. The moment is the one captured when the button was
// pressed (live: that instant; playback: the playing frame), so typing a note does not move it. Clicking a
// category creates the incident at once, with the pre-roll and note chosen above it.
import type { IncidentCategoryDto } from '../../../../server/contracts.ts';
import { errorMessage } from '../../api/error-message.ts';
import type { AppContext } from '../../app-context.ts';
import { h, icon } from '../../dom.ts';
import { formatDateTimeSeconds } from '../../time-format.ts';
import { categoryLabel, PRE_ROLL_CHOICES } from './incident-labels.ts';

export interface FlagRequest {
  cameraIds: string[];
  cameraName: string;
  /** the moment flagged, captured when the flag button was pressed */
  occurredAt: Date;
}

export interface FlagLauncher {
  open(anchor: HTMLElement, req: FlagRequest): void;
  close(): void;
  destroy(): void;
}

type FlagContext = Pick<AppContext, 'i18n' | 'incidentsApi' | 'categories' | 'toasts'>;

const DEFAULT_PRE_ROLL = 10;

export function createFlagLauncher(ctx: FlagContext): FlagLauncher {
  let current: { close(): void } | null = null;
  const close = () => {
    current?.close();
    current = null;
  };
  return {
    open(anchor, req) {
      close();
      current = openPopover(ctx, anchor, req, () => {
        current = null;
      });
    },
    close,
    destroy: close,
  };
}

function openPopover(ctx: FlagContext, anchor: HTMLElement, req: FlagRequest, onClosed: () => void) {
  const { i18n } = ctx;
  let preRoll = DEFAULT_PRE_ROLL;
  let busy = false;
  let categories: IncidentCategoryDto[] = [];

  const titleId = `flag-title-${Math.random().toString(36).slice(2)}`;
  const closeBtn = i18n.attr(h('button', { type: 'button', class: 'icon-btn icon-btn-small' }, icon('close')), 'aria-label', 'flag.close');
  const preButtons = PRE_ROLL_CHOICES.map((c) =>
    i18n.text(h('button', { type: 'button', class: 'seg-btn', 'data-pre-roll': c.sec }), c.key),
  );
  const note = h('input', { class: 'flag-note', maxlength: 5000, autocomplete: 'off', 'data-testid': 'flag-note' });
  i18n.attr(note, 'placeholder', 'flag.notePlaceholder');
  i18n.attr(note, 'aria-label', 'flag.note');
  const chips = h('div', { class: 'flag-chips', role: 'group', 'data-testid': 'flag-categories' });
  i18n.attr(chips, 'aria-label', 'flag.categories');
  const error = h('p', { class: 'form-error flag-error', role: 'alert' });

  const el = h(
    'div',
    { class: 'flag-popover', role: 'dialog', 'aria-labelledby': titleId, 'data-testid': 'flag-popover' },
    h(
      'div',
      { class: 'flag-head' },
      icon('flag', 'icon flag-head-icon'),
      h('div', { class: 'flag-head-text' },
        i18n.text(h('h2', { id: titleId }), 'flag.title'),
        h('p', { class: 'flag-where' }, h('span', { class: 'flag-camera' }, req.cameraName), ' · ',
          h('time', { class: 'flag-time', datetime: req.occurredAt.toISOString(), 'data-testid': 'flag-time' }))),
      closeBtn,
    ),
    h('div', { class: 'flag-row' },
      i18n.text(h('span', { class: 'flag-label', id: `${titleId}-pre` }), 'flag.preRoll'),
      h('div', { class: 'seg seg-small', role: 'group', 'aria-labelledby': `${titleId}-pre` }, ...preButtons)),
    note,
    i18n.text(h('p', { class: 'flag-label' }), 'flag.pickCategory'),
    chips,
    error,
  );
  const time = el.querySelector<HTMLElement>('.flag-time')!;

  const renderText = () => {
    time.textContent = formatDateTimeSeconds(req.occurredAt, i18n.locale());
    for (const b of preButtons) b.setAttribute('aria-pressed', String(Number(b.dataset.preRoll) === preRoll));
    for (const chip of chips.querySelectorAll<HTMLButtonElement>('button[data-category]')) {
      const c = categories.find((x) => x.id === chip.dataset.category);
      if (c) chip.textContent = categoryLabel(i18n, c);
    }
  };
  for (const b of preButtons) {
    b.addEventListener('click', () => {
      preRoll = Number(b.dataset.preRoll);
      renderText();
    });
  }

  const submit = async (category: IncidentCategoryDto, chip: HTMLButtonElement) => {
    if (busy) return;
    busy = true;
    el.setAttribute('aria-busy', 'true');
    chip.classList.add('flag-chip-busy');
    for (const b of el.querySelectorAll('button')) b.disabled = true;
    error.textContent = '';
    try {
      const incident = await ctx.incidentsApi.create({
        cameraIds: req.cameraIds,
        category: category.id,
        occurredAt: req.occurredAt.toISOString(),
        preRollSec: preRoll,
        ...(note.value.trim() ? { note: note.value.trim() } : {}),
      });
      close();
      ctx.toasts.show({
        text: 'flag.created',
        params: { id: incident.id, category: categoryLabel(i18n, incident.category) },
        link: { href: `/incidents/${incident.id}`, text: 'flag.openIncident' },
        durationMs: 12_000,
      });
    } catch (err) {
      busy = false;
      el.removeAttribute('aria-busy');
      chip.classList.remove('flag-chip-busy');
      for (const b of el.querySelectorAll('button')) b.disabled = false;
      error.textContent = errorMessage(i18n, err);
    }
  };

  const showCategories = (list: IncidentCategoryDto[]) => {
    categories = list.filter((c) => c.active);
    chips.replaceChildren(
      ...categories.map((c) => {
        const chip = h('button', { type: 'button', class: 'flag-chip', 'data-category': c.id });
        chip.addEventListener('click', () => void submit(c, chip));
        return chip;
      }),
    );
    renderText();
    place();
    const active = document.activeElement;
    if (!el.contains(active) || active === closeBtn) chips.querySelector<HTMLElement>('button')?.focus();
  };
  const loadCategories = () => {
    chips.replaceChildren(i18n.text(h('span', { class: 'muted' }), 'flag.loading'));
    ctx.categories.load().then(showCategories, (err: unknown) => {
      const retry = i18n.text(h('button', { type: 'button', class: 'btn btn-small' }), 'wall.retry');
      retry.addEventListener('click', loadCategories);
      chips.replaceChildren(h('span', { class: 'flag-error' }, errorMessage(i18n, err)), retry);
    });
  };

  // Place next to the anchor, inside the viewport (the popover lives in <body>: tiles clip their content).
  const place = () => {
    const a = anchor.getBoundingClientRect();
    const w = el.offsetWidth;
    const hgt = el.offsetHeight;
    const margin = 8;
    let left = Math.min(a.right - w, window.innerWidth - w - margin);
    left = Math.max(margin, left);
    let top = a.bottom + 6;
    if (top + hgt > window.innerHeight - margin) top = Math.max(margin, a.top - hgt - 6);
    el.style.left = `${Math.round(left)}px`;
    el.style.top = `${Math.round(top)}px`;
  };

  const onKey = (ev: KeyboardEvent) => {
    if (ev.key === 'Escape') {
      ev.preventDefault();
      ev.stopPropagation();
      finish(true);
    } else if (ev.key === 'Tab') {
      const items = [...el.querySelectorAll<HTMLElement>('button:not(:disabled), input')];
      const first = items[0];
      const last = items.at(-1);
      if (ev.shiftKey && document.activeElement === first) {
        ev.preventDefault();
        last?.focus();
      } else if (!ev.shiftKey && document.activeElement === last) {
        ev.preventDefault();
        first?.focus();
      }
    }
    ev.stopPropagation(); // keys typed here are not the page's shortcuts (F, Esc, arrows)
  };
  const onOutside = (ev: PointerEvent) => {
    if (!el.contains(ev.target as Node) && !anchor.contains(ev.target as Node)) finish(false);
  };
  let closed = false;
  const finish = (returnFocus: boolean) => {
    if (closed) return;
    closed = true;
    el.remove();
    document.removeEventListener('pointerdown', onOutside, true);
    window.removeEventListener('resize', place);
    offLang();
    anchor.setAttribute('aria-expanded', 'false');
    if (returnFocus && anchor.isConnected) anchor.focus();
    onClosed();
  };
  const close = () => finish(false);

  el.addEventListener('keydown', onKey);
  closeBtn.addEventListener('click', () => finish(true));
  document.addEventListener('pointerdown', onOutside, true);
  window.addEventListener('resize', place);
  const offLang = i18n.onChange(renderText);
  anchor.setAttribute('aria-expanded', 'true');
  document.body.append(el);
  renderText();
  loadCategories();
  place();
  if (!el.contains(document.activeElement)) (chips.querySelector<HTMLElement>('button') ?? closeBtn).focus();
  return { close };
}
