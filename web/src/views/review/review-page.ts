// Xem lại: one camera's recorded footage for one local day. The timeline shows what was recorded and the
// incidents flagged; choosing an instant plays from there, with the wall-clock time of the frame on screen.
import type { CameraDto, IncidentDto } from '../../../../server/contracts.ts';
import { errorMessage } from '../../api/error-message.ts';
import type { AppContext, Page } from '../../app-context.ts';
import { h } from '../../dom.ts';
import { createVodPlayer } from '../../player/vod-player.ts';
import type { Route } from '../../router.ts';
import { canHandleIncidents } from '../../session.ts';
import { vnDay, vnDayBounds } from '../../time-format.ts';
import { createFlagLauncher } from '../incidents/flag-popover.ts';
import { createReviewBar } from './review-bar.ts';
import { createReviewStage } from './review-stage.ts';
import { createReviewTimeline, type Span } from './review-timeline.ts';

const RANGES_REFRESH_MS = 30_000;

type ReviewRoute = Extract<Route, { name: 'review' }>;

/** The instant to play when `t` is chosen: inside a range as is, in a gap the next recorded footage. */
export function snapToRecorded(t: number, ranges: Span[]): number | null {
  if (ranges.some((r) => t >= r.start && t < r.end)) return t;
  const next = ranges.find((r) => r.start > t);
  if (next) return next.start;
  const last = ranges.at(-1);
  return last ? Math.max(last.start, last.end - 10_000) : null;
}

export function createReviewPage(ctx: AppContext, route: ReviewRoute): Page {
  const { i18n, store, socket } = ctx;
  let cameraId = route.cameraId;
  const startAt = route.at && !Number.isNaN(Date.parse(route.at)) ? new Date(route.at) : null;
  let day = route.day && vnDayBounds(route.day) ? route.day : vnDay(startAt ?? new Date());
  let ranges: Span[] = [];
  let marks: IncidentDto[] = [];
  let generation = 0;
  let pendingStart = startAt;
  const flagger = canHandleIncidents(ctx.user.role) ? createFlagLauncher(ctx) : null;

  const bounds = () => vnDayBounds(day)!;
  const stage = createReviewStage(i18n, {
    canFlag: flagger !== null,
    onFlag(anchor) {
      const at = player.currentDate();
      const cam = cameraId ? store.get(cameraId) : undefined;
      if (!flagger || !at || !cam) return;
      stage.video.pause();
      flagger.open(anchor, { cameraIds: [cam.id], cameraName: cam.name, occurredAt: at });
    },
  });
  const player = createVodPlayer({
    video: stage.video,
    urlFor: (from, to) => ctx.recordingsApi.vodUrl(cameraId ?? '', from, to),
    limit: () => new Date(Math.min(bounds().end.getTime(), Date.now())),
    onUnauthorized: ctx.sessionExpired,
    onState: (s) => stage.setState(s),
  });
  const timeline = createReviewTimeline(i18n, (at) => seek(at.getTime()));
  const bar = createReviewBar(i18n, {
    onCamera: (id) => {
      cameraId = id;
      reload();
    },
    onDay: (d) => {
      day = d;
      reload();
    },
  });
  const incidentList = h('ul', { class: 'review-incidents', 'data-testid': 'review-incidents' });
  const el = h(
    'section',
    { class: 'page review-page', 'data-testid': 'review-page' },
    bar.el,
    h('div', { class: 'review-body' }, stage.el, timeline.el, incidentList),
  );

  const seek = (t: number) => {
    const at = snapToRecorded(t, ranges);
    if (at === null || !cameraId) {
      stage.say('review.nothingRecorded');
      return;
    }
    ctx.replaceUrl(`/review/${encodeURIComponent(cameraId)}?day=${day}&t=${encodeURIComponent(new Date(at).toISOString())}`);
    timeline.setPlayhead(new Date(at));
    player.playFrom(new Date(at));
  };

  const onTime = () => {
    const at = player.currentDate();
    stage.setTime(at);
    timeline.setPlayhead(at);
  };
  stage.video.addEventListener('timeupdate', onTime);

  const renderIncidents = () => {
    incidentList.replaceChildren(
      ...marks.map((m) => {
        const link = h('a', { href: `/incidents/${m.id}`, 'data-link': true }, `#${m.id} ${m.title}`);
        const play = i18n.text(h('button', { type: 'button', class: 'btn btn-small btn-ghost' }), 'review.playIncident');
        play.addEventListener('click', () => seek(Date.parse(m.occurredAt) - m.preRollSec * 1000));
        return h('li', {}, play, link);
      }),
    );
  };

  const load = async () => {
    const gen = ++generation;
    const cam = cameraId;
    if (!cam) return;
    const { start, end } = bounds();
    try {
      const [r, inc] = await Promise.all([
        ctx.recordingsApi.ranges(cam, start, end),
        canHandleIncidents(ctx.user.role)
          ? ctx.incidentsApi.list({ cameraId: cam, from: start.toISOString(), to: end.toISOString(), limit: 100 }).then((p) => p.incidents)
          : Promise.resolve([] as IncidentDto[]),
      ]);
      if (gen !== generation) return;
      ranges = r.map((x) => ({ start: Date.parse(x.start), end: Date.parse(x.end) }));
      marks = inc;
      timeline.setRanges(ranges);
      timeline.setMarks(marks);
      renderIncidents();
      stage.setEmpty(ranges.length === 0, store.get(cam)?.recording.mode === 'off');
      if (pendingStart) {
        const t = pendingStart.getTime();
        pendingStart = null;
        seek(t);
      }
    } catch (err) {
      if (gen === generation) stage.sayText(errorMessage(i18n, err));
    }
  };

  const reload = () => {
    player.stop();
    stage.setTime(null);
    timeline.setPlayhead(null);
    const { start, end } = bounds();
    timeline.setDay({ start: start.getTime(), end: end.getTime() });
    ranges = [];
    marks = [];
    timeline.setRanges([]);
    timeline.setMarks([]);
    if (cameraId) ctx.replaceUrl(`/review/${encodeURIComponent(cameraId)}?day=${day}`);
    bar.set({ cameras: store.all(), cameraId, day });
    void load();
  };

  const refreshTimer = setInterval(() => {
    if (day === vnDay(new Date())) void load();
  }, RANGES_REFRESH_MS);

  const onIncident = (i: IncidentDto) => {
    if (!cameraId || !i.clips.some((c) => c.cameraId === cameraId)) return;
    const t = Date.parse(i.occurredAt);
    const { start, end } = bounds();
    if (t < start.getTime() || t >= end.getTime()) return;
    marks = [i, ...marks.filter((m) => m.id !== i.id)];
    timeline.setMarks(marks);
    renderIncidents();
  };
  socket.on('incident:created', onIncident);
  socket.on('incident:updated', onIncident);

  const onKey = (ev: KeyboardEvent) => {
    const typing = ev.target instanceof HTMLInputElement || ev.target instanceof HTMLSelectElement;
    if ((ev.key === 'f' || ev.key === 'F') && !typing && !ev.ctrlKey && !ev.metaKey && !ev.altKey && !ev.defaultPrevented) {
      ev.preventDefault();
      stage.flagButton.click();
    }
  };
  document.addEventListener('keydown', onKey);

  const pickCamera = (): boolean => {
    if (!store.loaded()) return false;
    const cams: CameraDto[] = store.all();
    if (!cameraId || !store.get(cameraId)) cameraId = cams[0]?.id ?? cameraId;
    return true;
  };
  let started = false;
  const start = () => {
    if (started || !pickCamera()) return;
    started = true;
    if (!cameraId) stage.say('review.noCameras');
    reload();
  };
  const unsubscribe = store.subscribe((change) => {
    if (change.type !== 'list') return;
    if (!started) start();
    else bar.set({ cameras: store.all(), cameraId, day });
  });
  start();
  if (!started) stage.say('wall.loading');

  return {
    el,
    destroy() {
      generation++;
      clearInterval(refreshTimer);
      unsubscribe();
      socket.off('incident:created', onIncident);
      socket.off('incident:updated', onIncident);
      document.removeEventListener('keydown', onKey);
      stage.video.removeEventListener('timeupdate', onTime);
      player.destroy();
      flagger?.destroy();
      timeline.destroy();
      stage.destroy();
      bar.destroy();
    },
  };
}
