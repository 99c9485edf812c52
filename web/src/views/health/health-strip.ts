// The last 24 h of a camera as a strip: one coloured band per status interval (from the hub), offline in red,
// with hour marks in Asia/Ho_Chi_Minh and a text list of the outages (colour is never the only carrier).
import type { CameraHealthDto } from '../../../../server/contracts.ts';
import { h } from '../../dom.ts';
import type { I18n, MessageKey } from '../../i18n/i18n.ts';
import { formatClockTime, formatDateTime } from '../../time-format.ts';
import { formatDuration } from './alert-text.ts';

const LEGEND: [string, MessageKey][] = [
  ['online', 'health.legendOnline'], ['offline', 'health.legendOffline'], ['idle', 'health.legendIdle'], ['unknown', 'health.legendUnknown'],
];

export function healthStrip(i18n: I18n, strip: CameraHealthDto['strip']): HTMLElement {
  const from = Date.parse(strip.from);
  const span = Date.parse(strip.to) - from;
  const pct = (t: number) => `${(((t - from) / span) * 100).toFixed(3)}%`;
  const bar = h('div', { class: 'health-strip', role: 'img', 'data-testid': 'health-strip' });
  i18n.attr(bar, 'aria-label', 'health.stripLabel');
  for (const i of strip.intervals) {
    const a = Date.parse(i.from);
    const b = Date.parse(i.to);
    const seg = h('div', {
      class: `strip-seg strip-${i.status === 'connecting' ? 'online' : i.status}`,
      style: `left:${pct(a)};width:${pct(from + (b - a))}`,
      'data-status': i.status,
      title: `${formatClockTime(new Date(a), i18n.locale())}–${formatClockTime(new Date(b), i18n.locale())}${i.reason ? ` · ${i.reason}` : ''}`,
    });
    bar.append(seg);
  }
  const ticks = h('div', { class: 'strip-ticks', 'aria-hidden': 'true' });
  for (let k = 0; k <= 4; k++) {
    const t = from + (span * k) / 4;
    ticks.append(h('span', { style: `left:${pct(t)}` }, formatClockTime(new Date(t), i18n.locale()).slice(0, 5)));
  }
  const legend = h('ul', { class: 'strip-legend' }, ...LEGEND.map(([s, key]) =>
    h('li', {}, h('span', { class: `strip-swatch strip-${s}` }), i18n.text(h('span', {}), key))));
  const outages = strip.intervals.filter((i) => i.status === 'offline');
  const list = h('ul', { class: 'strip-outages', 'data-testid': 'health-outages' }, ...outages.map((o) => h('li', {},
    `${formatDateTime(o.from, i18n.locale())} · `,
    i18n.text(h('span', {}), 'health.offlineFor', { duration: formatDuration(Date.parse(o.to) - Date.parse(o.from), i18n.lang()) }),
    o.reason ? h('span', { class: 'muted' }, ` · ${o.reason}`) : null)));
  return h('div', { class: 'health-strip-wrap' }, bar, ticks, legend, list);
}
