// The clips of an incident, one card per camera: pending (with when to expect it), failed (why), or ready with
// a player, its recorded start and end, its size and its SHA-256 in full (what the manifest quotes).
import type { IncidentClipDto, IncidentDto } from '../../../../server/contracts.ts';
import type { IncidentsApi } from '../../api/incidents-api.ts';
import { h, icon } from '../../dom.ts';
import type { I18n } from '../../i18n/i18n.ts';
import { formatBytes, formatDateTimeSeconds } from '../../time-format.ts';
import { createCopyButton } from '../copy-button.ts';

export interface IncidentClips {
  el: HTMLElement;
  update(incident: IncidentDto): void;
  destroy(): void;
}

export function createIncidentClips(i18n: I18n, api: IncidentsApi, incident: IncidentDto): IncidentClips {
  const list = h('div', { class: 'clip-list' });
  const el = h('section', { class: 'panel clips-panel', 'data-testid': 'incident-clips' }, i18n.text(h('h2', {}), 'clips.title'), list);
  const cards = new Map<string, { key: string; el: HTMLElement }>();
  let current = incident;

  const keyOf = (c: IncidentClipDto) => `${c.status}|${c.sha256 ?? ''}|${c.error ?? ''}`;

  const times = (c: IncidentClipDto) => {
    const fmt = (iso: string | null) => (iso ? formatDateTimeSeconds(new Date(iso), i18n.locale()) : '—');
    const dur = c.start && c.end ? Math.round((Date.parse(c.end) - Date.parse(c.start)) / 1000) : null;
    return h(
      'dl',
      { class: 'meta-list' },
      i18n.text(h('dt', {}), 'clips.start'),
      h('dd', { 'data-testid': 'clip-start' }, fmt(c.start)),
      i18n.text(h('dt', {}), 'clips.end'),
      h('dd', { 'data-testid': 'clip-end' }, fmt(c.end)),
      dur !== null ? i18n.text(h('dt', {}), 'clips.duration') : null,
      dur !== null ? i18n.text(h('dd', {}), 'clips.seconds', { n: dur }) : null,
      c.bytes !== null ? i18n.text(h('dt', {}), 'clips.size') : null,
      c.bytes !== null ? h('dd', {}, formatBytes(c.bytes, i18n.locale())) : null,
    );
  };

  const card = (c: IncidentClipDto): HTMLElement => {
    const head = h('div', { class: 'clip-head' }, icon('camera'), h('h3', {}, c.cameraName));
    const box = h('article', { class: `clip-card clip-card-${c.status}`, 'data-camera-id': c.cameraId, 'data-clip-status': c.status }, head);
    if (c.status === 'pending') {
      const readyAt = new Date(Date.parse(current.occurredAt) + current.postRollSec * 1000);
      head.append(i18n.text(h('span', { class: 'status-pill status-pending' }), 'clips.pending'));
      box.append(
        h(
          'p',
          { class: 'clip-wait' },
          h('span', { class: 'spinner', 'aria-hidden': 'true' }),
          i18n.text(h('span', {}), 'clips.pendingBody', { time: formatDateTimeSeconds(readyAt, i18n.locale()) }),
        ),
      );
      return box;
    }
    if (c.status === 'failed') {
      head.append(i18n.text(h('span', { class: 'status-pill status-failed' }), 'clips.failed'));
      box.append(h('p', { class: 'form-error' }, c.error ?? ''));
      return box;
    }
    const url = api.clipUrl(current.id, c.cameraId);
    head.append(i18n.text(h('span', { class: 'status-pill status-ready' }), 'clips.ready'));
    const video = h('video', { class: 'clip-video', controls: true, preload: 'metadata', playsinline: true, src: url, 'data-testid': 'clip-video' });
    video.muted = true; // a clip of a camera with audio holds it: heard once the officer turns it on in the controls
    const download = i18n.text(
      h('a', { class: 'btn btn-small', href: url, download: `vu-viec-${current.id}-${c.cameraId}.mp4` }),
      'clips.download',
    );
    const hash = c.sha256 ?? '';
    box.append(
      video,
      times(c),
      h(
        'div',
        { class: 'hash-row' },
        i18n.text(h('span', { class: 'hash-label' }), 'clips.sha256'),
        h('code', { class: 'hash', 'data-testid': 'clip-sha256' }, hash),
        createCopyButton(i18n, () => hash),
      ),
      h('div', { class: 'clip-actions' }, download),
    );
    return box;
  };

  const render = () => {
    const seen = new Set<string>();
    current.clips.forEach((c, index) => {
      seen.add(c.cameraId);
      const key = keyOf(c);
      const existing = cards.get(c.cameraId);
      if (existing && existing.key === key) return;
      const next = card(c); // a new card only when the clip changed: a playing video is left alone
      if (existing) existing.el.replaceWith(next);
      else list.insertBefore(next, list.children[index] ?? null);
      cards.set(c.cameraId, { key, el: next });
    });
    for (const [id, c] of cards) {
      if (!seen.has(id)) {
        c.el.remove();
        cards.delete(id);
      }
    }
  };
  render();
  // texts with dates follow the language; cards with a playing video keep it (only non-ready ones rebuild)
  const offLang = i18n.onChange(() => {
    for (const c of current.clips) {
      const shown = cards.get(c.cameraId);
      if (shown && c.status !== 'ready') shown.key = 'stale';
    }
    render();
  });

  return {
    el,
    update(next) {
      current = next;
      render();
    },
    destroy() {
      offLang();
      for (const v of el.querySelectorAll('video')) {
        v.pause();
        v.removeAttribute('src');
        v.load();
      }
    },
  };
}
