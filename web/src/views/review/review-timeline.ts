// The review timeline: one local day (or a zoomed part of it) with the recorded ranges, incident marks and
// the playhead. Click or drag to choose an instant; arrows move by 10 s (Shift: 1 min), PageUp/PageDown by
// 10 min, Enter plays from there.
import type { IncidentDto } from '../../../../server/contracts.ts';
import { h, icon } from '../../dom.ts';
import type { I18n } from '../../i18n/i18n.ts';
import { formatClockTime, formatDateTimeSeconds, TIME_ZONE } from '../../time-format.ts';
import { categoryLabel } from '../incidents/incident-labels.ts';

export interface Span {
  start: number;
  end: number;
}

export interface ReviewTimeline {
  el: HTMLElement;
  setDay(day: Span): void;
  setRanges(ranges: Span[]): void;
  setMarks(incidents: IncidentDto[]): void;
  setPlayhead(at: Date | null): void;
  destroy(): void;
}

const ZOOMS = [24 * 3600_000, 2 * 3600_000, 15 * 60_000] as const;
const TICKS: Record<number, number> = { [ZOOMS[0]]: 2 * 3600_000, [ZOOMS[1]]: 15 * 60_000, [ZOOMS[2]]: 60_000 };

export function createReviewTimeline(i18n: I18n, onSeek: (at: Date) => void): ReviewTimeline {
  let day: Span = { start: 0, end: 0 };
  let ranges: Span[] = [];
  let marks: IncidentDto[] = [];
  let playhead: number | null = null;
  let cursor: number | null = null; // chosen with the keyboard, not yet played
  let zoom: number = ZOOMS[0];
  let view: Span = { start: 0, end: 0 };
  let autoZoom = true; // the first ranges of a day choose the zoom that shows them all

  const rangesLayer = h('div', { class: 'tl-layer' });
  const marksLayer = h('div', { class: 'tl-layer tl-marks' });
  const head = h('div', { class: 'tl-playhead', hidden: true, 'data-testid': 'timeline-playhead' });
  const hover = h('div', { class: 'tl-hover', hidden: true }, h('span', { class: 'tl-hover-label' }));
  const track = h('div', { class: 'tl-track', tabindex: 0, role: 'slider', 'data-testid': 'timeline-track' }, rangesLayer, marksLayer, head, hover);
  i18n.attr(track, 'aria-label', 'review.timeline');
  const ticks = h('div', { class: 'tl-ticks', 'aria-hidden': 'true' });
  const zoomButtons = ZOOMS.map((z, i) =>
    i18n.text(h('button', { type: 'button', class: 'seg-btn', 'data-zoom': i }), (['review.zoom24h', 'review.zoom2h', 'review.zoom15m'] as const)[i]!),
  );
  const prev = i18n.attr(h('button', { type: 'button', class: 'icon-btn icon-btn-small' }, icon('prev')), 'aria-label', 'review.panBack');
  const next = i18n.attr(h('button', { type: 'button', class: 'icon-btn icon-btn-small' }, icon('next')), 'aria-label', 'review.panForward');
  const viewLabel = h('span', { class: 'tl-view-label muted' });
  const el = h(
    'div',
    { class: 'review-timeline', 'data-testid': 'timeline' },
    h(
      'div',
      { class: 'tl-bar' },
      i18n.attr(h('div', { class: 'seg seg-small', role: 'group' }, ...zoomButtons), 'aria-label', 'review.zoom'),
      prev,
      viewLabel,
      next,
    ),
    track,
    ticks,
  );

  const pct = (t: number) => ((t - view.start) / (view.end - view.start)) * 100;
  const timeAt = (clientX: number) => {
    const r = track.getBoundingClientRect();
    const f = Math.min(1, Math.max(0, (clientX - r.left) / r.width));
    return view.start + f * (view.end - view.start);
  };
  const clampView = (start: number) => {
    const s = Math.min(Math.max(day.start, start), day.end - zoom);
    view = { start: s, end: s + zoom };
  };
  const centerOn = (t: number) => clampView(t - zoom / 2);

  const clip = (s: Span) => ({ start: Math.max(s.start, view.start), end: Math.min(s.end, view.end) });
  const render = () => {
    rangesLayer.replaceChildren(
      ...ranges
        .map(clip)
        .filter((s) => s.end > s.start)
        .map((s) => h('div', { class: 'tl-range', 'data-testid': 'timeline-range', style: `left:${pct(s.start)}%;width:${pct(s.end) - pct(s.start)}%` })),
    );
    marksLayer.replaceChildren(
      ...marks
        .filter((m) => {
          const t = Date.parse(m.occurredAt);
          return t >= view.start && t < view.end;
        })
        .map((m) => {
          const at = Date.parse(m.occurredAt);
          const label = `#${m.id} ${categoryLabel(i18n, m.category)} · ${formatClockTime(new Date(at), i18n.locale())} — ${m.title}`;
          const b = h('button', { type: 'button', class: `tl-mark cat-${m.category.id}`, style: `left:${pct(at)}%`, title: label, 'aria-label': label, 'data-testid': 'timeline-mark' });
          b.addEventListener('pointerdown', (ev) => ev.stopPropagation());
          b.addEventListener('click', () => onSeek(new Date(at - m.preRollSec * 1000)));
          return b;
        }),
    );
    renderHead();
    renderTicks();
    for (const b of zoomButtons) b.setAttribute('aria-pressed', String(ZOOMS[Number(b.dataset.zoom)] === zoom));
    prev.disabled = view.start <= day.start;
    next.disabled = view.end >= day.end;
    viewLabel.textContent = `${formatClockTime(new Date(view.start), i18n.locale()).slice(0, 5)}–${formatClockTime(new Date(view.end - 1), i18n.locale()).slice(0, 5)}`;
  };

  const renderHead = () => {
    const shown = cursor ?? playhead;
    head.hidden = shown === null || shown < view.start || shown >= view.end;
    if (shown !== null) head.style.left = `${pct(shown)}%`;
    head.classList.toggle('tl-cursor', cursor !== null);
    track.setAttribute('aria-valuemin', '0');
    track.setAttribute('aria-valuemax', String(Math.round((day.end - day.start) / 1000)));
    track.setAttribute('aria-valuenow', String(shown === null ? 0 : Math.round((shown - day.start) / 1000)));
    track.setAttribute('aria-valuetext', shown === null ? '—' : formatDateTimeSeconds(new Date(shown), i18n.locale()));
  };

  const renderTicks = () => {
    const step = TICKS[zoom] ?? 3600_000;
    const out: HTMLElement[] = [];
    const fmt = new Intl.DateTimeFormat(i18n.locale(), { timeZone: TIME_ZONE, hour: '2-digit', minute: '2-digit', hour12: false });
    const first = Math.ceil((view.start - day.start) / step) * step + day.start;
    for (let t = first; t <= view.end; t += step) {
      const label = t === day.end ? '24:00' : fmt.format(new Date(t));
      out.push(h('span', { class: 'tl-tick', style: `left:${pct(t)}%` }, label));
    }
    ticks.replaceChildren(...out);
  };

  // pointer: show the time under the pointer; a press (and drag) chooses, the release plays
  let dragging = false;
  const showHover = (t: number) => {
    hover.hidden = false;
    hover.style.left = `${pct(t)}%`;
    hover.firstElementChild!.textContent = formatClockTime(new Date(t), i18n.locale());
  };
  track.addEventListener('pointermove', (ev) => {
    const t = timeAt(ev.clientX);
    showHover(t);
    if (dragging) {
      cursor = t;
      renderHead();
    }
  });
  track.addEventListener('pointerleave', () => {
    if (!dragging) hover.hidden = true;
  });
  track.addEventListener('pointerdown', (ev) => {
    if (ev.button !== 0) return;
    dragging = true;
    track.setPointerCapture(ev.pointerId);
    cursor = timeAt(ev.clientX);
    render();
  });
  const release = (ev: PointerEvent) => {
    if (!dragging) return;
    dragging = false;
    if (track.hasPointerCapture(ev.pointerId)) track.releasePointerCapture(ev.pointerId);
    const t = cursor;
    cursor = null;
    hover.hidden = true;
    render();
    if (t !== null) onSeek(new Date(t));
  };
  track.addEventListener('pointerup', release);
  track.addEventListener('pointercancel', (ev) => {
    dragging = false;
    cursor = null;
    if (track.hasPointerCapture(ev.pointerId)) track.releasePointerCapture(ev.pointerId);
    render();
  });
  track.addEventListener('keydown', (ev) => {
    const base = cursor ?? playhead ?? view.start;
    const steps: Record<string, number> = {
      ArrowLeft: ev.shiftKey ? -60_000 : -10_000,
      ArrowRight: ev.shiftKey ? 60_000 : 10_000,
      PageDown: -600_000,
      PageUp: 600_000,
    };
    if (ev.key in steps) {
      ev.preventDefault();
      cursor = Math.min(day.end - 1, Math.max(day.start, base + steps[ev.key]!));
      if (cursor < view.start || cursor >= view.end) centerOn(cursor);
      render();
    } else if (ev.key === 'Home' || ev.key === 'End') {
      ev.preventDefault();
      cursor = ev.key === 'Home' ? day.start : day.end - 1;
      centerOn(cursor);
      render();
    } else if (ev.key === 'Enter' && cursor !== null) {
      ev.preventDefault();
      const t = cursor;
      cursor = null;
      onSeek(new Date(t));
    }
  });

  for (const b of zoomButtons) {
    b.addEventListener('click', () => {
      zoom = ZOOMS[Number(b.dataset.zoom)] ?? ZOOMS[0];
      const lastEnd = ranges.at(-1)?.end;
      centerOn(playhead ?? (lastEnd !== undefined ? lastEnd - zoom / 4 : day.start + (day.end - day.start) / 2));
      render();
    });
  }
  prev.addEventListener('click', () => {
    clampView(view.start - zoom / 2);
    render();
  });
  next.addEventListener('click', () => {
    clampView(view.start + zoom / 2);
    render();
  });

  const offLang = i18n.onChange(render);
  return {
    el,
    setDay(d) {
      day = d;
      cursor = null;
      autoZoom = true;
      zoom = ZOOMS[0];
      centerOn(d.start + (d.end - d.start) / 2);
      render();
    },
    setRanges(list) {
      ranges = list;
      const first = list[0];
      const last = list.at(-1);
      if (autoZoom && first && last) {
        autoZoom = false;
        const spread = last.end - first.start;
        zoom = [...ZOOMS].reverse().find((z) => z >= spread * 1.25) ?? ZOOMS[0];
        if (playhead === null) centerOn((first.start + last.end) / 2);
      }
      render();
    },
    setMarks(list) {
      marks = list;
      render();
    },
    setPlayhead(at) {
      playhead = at ? at.getTime() : null;
      if (dragging) return;
      // a zoomed view follows the playhead when it leaves the view
      if (playhead !== null && zoom !== ZOOMS[0] && (playhead < view.start || playhead >= view.end)) {
        centerOn(playhead);
        render();
      } else renderHead();
    },
    destroy: offLang,
  };
}
