// The review page's head: which camera, which day (local date, with the day before/after and today).
import type { CameraDto } from '../../../../server/contracts.ts';
import { h, icon } from '../../dom.ts';
import type { I18n } from '../../i18n/i18n.ts';
import { shiftDay, vnDay, vnDayBounds } from '../../time-format.ts';

export interface ReviewBar {
  el: HTMLElement;
  set(state: { cameras: CameraDto[]; cameraId: string | null; day: string }): void;
  destroy(): void;
}

export function createReviewBar(i18n: I18n, opts: { onCamera(id: string): void; onDay(day: string): void }): ReviewBar {
  let day = vnDay(new Date());
  const camera = h('select', { id: 'review-camera', 'data-testid': 'review-camera' });
  const date = h('input', { type: 'date', id: 'review-day', 'data-testid': 'review-day' });
  const prev = i18n.attr(h('button', { type: 'button', class: 'icon-btn' }, icon('prev')), 'aria-label', 'review.prevDay');
  const next = i18n.attr(h('button', { type: 'button', class: 'icon-btn' }, icon('next')), 'aria-label', 'review.nextDay');
  const today = i18n.text(h('button', { type: 'button', class: 'btn btn-small' }), 'review.today');
  const live = i18n.text(h('a', { class: 'btn btn-small btn-ghost', 'data-link': true, href: '/' }), 'review.live');

  const el = h(
    'div',
    { class: 'review-bar' },
    i18n.text(h('h1', {}), 'review.title'),
    h('div', { class: 'filter-field' }, i18n.text(h('label', { for: 'review-camera' }), 'review.camera'), camera),
    h('div', { class: 'filter-field' }, i18n.text(h('label', { for: 'review-day' }), 'review.day'), h('div', { class: 'day-picker' }, prev, date, next, today)),
    h('div', { class: 'toolbar-spacer' }),
    live,
  );

  const go = (d: string) => {
    if (!vnDayBounds(d) || d > vnDay(new Date())) return;
    opts.onDay(d);
  };
  camera.addEventListener('change', () => opts.onCamera(camera.value));
  date.addEventListener('change', () => go(date.value));
  prev.addEventListener('click', () => go(shiftDay(day, -1)));
  next.addEventListener('click', () => go(shiftDay(day, 1)));
  today.addEventListener('click', () => go(vnDay(new Date())));

  return {
    el,
    set(state) {
      day = state.day;
      const todayStr = vnDay(new Date());
      camera.replaceChildren(
        ...state.cameras.map((c) => {
          const o = h('option', { value: c.id }, c.name);
          o.selected = c.id === state.cameraId;
          return o;
        }),
      );
      camera.disabled = state.cameras.length === 0;
      date.value = state.day;
      date.max = todayStr;
      next.disabled = state.day >= todayStr;
      today.disabled = state.day === todayStr;
      live.setAttribute('href', state.cameraId ? `/focus/${encodeURIComponent(state.cameraId)}` : '/');
    },
    destroy: () => undefined,
  };
}
