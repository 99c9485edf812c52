// Diagnostics of one camera (/cameras/:id/health): status and since when, the last error in plain words with the
// advice to fix it, uptime over 24 h / 7 / 30 days, the 24 h strip, viewers, reconnects, stream details.
// Reloads when the camera's status changes (push) and every 30 s.
import type { CameraHealthDto, StreamMediaInfoDto, UptimeDto } from '../../../../server/contracts.ts';
import type { HealthApi } from '../../api/health-api.ts';
import { errorMessage } from '../../api/error-message.ts';
import type { AppContext, Page } from '../../app-context.ts';
import { h } from '../../dom.ts';
import type { MessageKey } from '../../i18n/i18n.ts';
import { formatDateTime } from '../../time-format.ts';
import { createStatusBadge } from '../status-badge.ts';
import { formatDuration } from './alert-text.ts';
import { adviceFor } from './error-advice.ts';
import { healthStrip } from './health-strip.ts';
import { alertsUrl } from './health-url.ts';

const REFRESH_MS = 30_000;

export function createCameraHealthPage(ctx: AppContext, api: HealthApi, cameraId: string): Page {
  const { i18n, socket } = ctx;
  let alive = true;
  let pending: ReturnType<typeof setTimeout> | null = null;
  const title = h('h1', {});
  const body = h('div', { class: 'health-body', 'aria-live': 'polite' });
  const flash = h('p', { class: 'flash flash-error', role: 'status' });
  const refresh = i18n.text(h('button', { type: 'button', class: 'btn btn-small', onclick: () => void load() }), 'health.refresh');
  i18n.text(title, 'health.title');

  const load = async () => {
    try {
      const d = await api.cameraHealth(cameraId);
      if (!alive) return;
      title.removeAttribute('data-i18n');
      title.textContent = `${i18n.t('health.title')}: ${d.name}`;
      flash.textContent = '';
      body.replaceChildren(...render(d));
    } catch (err) {
      if (alive) flash.textContent = `${i18n.t('health.loadFailed')} ${errorMessage(i18n, err)}`;
    }
  };

  const render = (d: CameraHealthDto): HTMLElement[] => {
    const badge = createStatusBadge(i18n, d.status).el;
    const head = h('div', { class: 'health-status', 'data-testid': 'health-status', 'data-status': d.status }, badge,
      d.since ? i18n.text(h('span', { class: 'muted' }), 'health.statusSince', { time: formatDateTime(d.since, i18n.locale()) }) : null);

    const error = h('section', { class: 'health-card', 'data-testid': 'health-error' }, i18n.text(h('h2', {}), 'health.lastError'));
    if (d.lastError) {
      const advice = adviceFor(d.lastError.reason);
      error.dataset.advice = advice.id;
      error.append(
        h('p', { class: 'health-cause' }, i18n.text(h('strong', {}), advice.cause), ' ',
          h('span', { class: 'muted' }, formatDateTime(d.lastError.at, i18n.locale()))),
        h('p', {}, i18n.text(h('span', { class: 'health-advice-label' }), 'health.advice'), ': ', i18n.text(h('span', {}), advice.fix)),
        i18n.text(h('p', { class: 'muted mono health-technical' }), 'health.technical', { reason: d.lastError.reason }),
      );
    } else error.append(i18n.text(h('p', { class: 'muted' }), 'health.noError'));

    const cell = (u: UptimeDto) => h('td', { 'data-pct': u.pct ?? '' }, u.pct === null ? i18n.t('health.noData') : `${u.pct.toLocaleString(i18n.locale())} %`,
      u.offlineMs > 0 ? h('span', { class: 'muted small' }, i18n.t('health.offlineFor', { duration: formatDuration(u.offlineMs, i18n.lang()) })) : null);
    const uptime = h('section', { class: 'health-card', 'data-testid': 'health-uptime' },
      i18n.text(h('h2', {}), 'health.uptime'),
      h('table', { class: 'table health-uptime' },
        h('thead', {}, h('tr', {}, ...(['health.h24', 'health.d7', 'health.d30'] as MessageKey[]).map((k) => i18n.text(h('th', { scope: 'col' }), k)))),
        h('tbody', {}, h('tr', {}, cell(d.uptime.h24), cell(d.uptime.d7), cell(d.uptime.d30)))),
      i18n.text(h('p', { class: 'muted small' }), 'health.uptimeNote'));

    const strip = h('section', { class: 'health-card' }, i18n.text(h('h2', {}), 'health.strip'), healthStrip(i18n, d.strip));

    const fact = (key: MessageKey, value: Node | string, testId?: string) =>
      h('div', { class: 'health-fact', 'data-testid': testId }, i18n.text(h('dt', {}), key), h('dd', {}, value));
    const alertsLink = h('a', { href: alertsUrl(), 'data-link': true }, String(d.openAlerts));
    const facts = h('section', { class: 'health-card' }, i18n.text(h('h2', {}), 'health.facts'), h('dl', { class: 'health-facts' },
      fact('health.viewers', d.pushViewers === null ? i18n.t('health.noData') : String(d.pushViewers), 'health-viewers'),
      fact('health.reconnects', `${d.reconnects.h24} / ${d.reconnects.d7} / ${d.reconnects.d30}`, 'health-reconnects'),
      fact('health.openAlerts', alertsLink),
    ));

    const media = h('section', { class: 'health-card' }, i18n.text(h('h2', {}), 'health.stream.main'), mediaList(d.media.main));
    if (d.media.sub) media.append(i18n.text(h('h2', {}), 'health.stream.sub'), mediaList(d.media.sub));
    // the hub's H.264 transcode for browsers without H.265, while one runs (server/media/transcodes.ts)
    if (d.media.transcode) media.append(i18n.text(h('h2', {}), 'health.stream.transcode'), mediaList(d.media.transcode));
    if (!d.media.main.codec) media.append(i18n.text(h('p', { class: 'muted small' }), 'health.mediaPending'));

    return [head, h('div', { class: 'health-grid' }, error, uptime, facts, media), strip];
  };

  const mediaList = (m: StreamMediaInfoDto) => {
    const dash = i18n.t('health.noData');
    const row = (key: MessageKey, v: string | null) => h('div', { class: 'health-fact' }, i18n.text(h('dt', {}), key), h('dd', {}, v ?? dash));
    const codec = m.codec ? [m.codecName, m.profile, `(${m.codec})`].filter(Boolean).join(' ') : null;
    const gop = m.gopSec !== null || m.gopMaxSec !== null
      ? [m.gopSec !== null ? `${m.gopSec} s` : null, m.gopMaxSec !== null ? i18n.t('health.gopMax', { sec: String(m.gopMaxSec) }) : null]
        .filter(Boolean).join(' · ')
      : null;
    const list = h('dl', { class: 'health-facts', 'data-testid': 'health-media' },
      row('health.codec', codec),
      row('health.resolution', m.width && m.height ? `${m.width}×${m.height}` : null),
      row('health.fps', m.fps !== null ? String(m.fps) : null),
      row('health.gop', gop),
      row('health.bitrate', m.bitrateKbps !== null ? `${m.bitrateKbps} kbit/s` : null),
      row('health.audio', m.audio));
    if (!m.longGop) return list;
    const warn = h('div', { class: 'health-long-gop', role: 'note', 'data-testid': 'health-long-gop' },
      h('p', {}, h('strong', {}, i18n.t('health.longGop', { sec: String(m.gopMaxSec ?? ''), limit: String(m.longGopLimitSec) }))),
      i18n.text(h('p', {}), 'health.longGopFix'));
    return h('div', {}, list, warn);
  };

  // a status change of this camera: reload soon (several streams change together)
  const onStatus = (e: { cameraId: string }) => {
    if (e.cameraId !== cameraId || pending) return;
    pending = setTimeout(() => {
      pending = null;
      void load();
    }, 500);
  };
  socket.on('camera:status', onStatus);
  const timer = setInterval(() => void load(), REFRESH_MS);
  void load();

  const back = i18n.text(h('a', { href: '/cameras', 'data-link': true, class: 'btn btn-small btn-ghost' }), 'health.back');
  const el = h('section', { class: 'page cameras-page health-page', 'data-testid': 'health-page', 'data-camera-id': cameraId },
    h('div', { class: 'page-head' }, title, h('span', { class: 'toolbar-spacer' }), refresh, back), flash, body);
  return {
    el,
    destroy() {
      alive = false;
      clearInterval(timer);
      if (pending) clearTimeout(pending);
      socket.off('camera:status', onStatus);
    },
  };
}
