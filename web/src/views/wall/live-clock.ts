// A small clock in Vietnam time, ticking on the second.
import { h } from '../../dom.ts';
import type { I18n } from '../../i18n/i18n.ts';
import { formatClockDate, formatClockTime } from '../../time-format.ts';

export interface LiveClock {
  el: HTMLElement;
  destroy(): void;
}

export function createLiveClock(i18n: I18n): LiveClock {
  const time = h('span', { class: 'clock-time' });
  const date = h('span', { class: 'clock-date' });
  const el = i18n.attr(h('time', { class: 'clock', role: 'timer', 'aria-live': 'off' }, time, date), 'aria-label', 'wall.clock');
  let timer: ReturnType<typeof setTimeout> | null = null;

  const tick = () => {
    const now = new Date();
    time.textContent = formatClockTime(now, i18n.locale());
    date.textContent = formatClockDate(now, i18n.locale());
    el.dateTime = now.toISOString();
    timer = setTimeout(tick, 1000 - (now.getTime() % 1000) + 5);
  };
  tick();
  const offLang = i18n.onChange(() => {
    if (timer) clearTimeout(timer);
    tick();
  });

  return {
    el,
    destroy() {
      if (timer) clearTimeout(timer);
      offLang();
    },
  };
}
