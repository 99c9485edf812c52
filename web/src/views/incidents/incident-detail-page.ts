// One incident: summary and workflow, clips with their hashes, evidence export, notes and edit history.
// Pushes (incident:updated, clip:ready) refresh it in place; a playing clip is never interrupted.
import type { IncidentCategoryDto, IncidentDetailDto } from '../../../../server/contracts.ts';
import { errorMessage } from '../../api/error-message.ts';
import { ApiError } from '../../api/http-client.ts';
import type { AppContext, Page } from '../../app-context.ts';
import { h, icon } from '../../dom.ts';
import { createIncidentClips, type IncidentClips } from './incident-clips.ts';
import { createIncidentExport } from './incident-export.ts';
import { createIncidentHistory } from './incident-history.ts';
import { createIncidentNotes } from './incident-notes.ts';
import { createIncidentSummary } from './incident-summary.ts';
import { footageRequestForIncident } from '../requests/request-dialog.ts';

const REFRESH_DELAY_MS = 250;

export function createIncidentDetailPage(ctx: AppContext, id: number): Page {
  const { i18n, socket, incidentsApi: api } = ctx;
  let categories: IncidentCategoryDto[] = [];
  let detail: IncidentDetailDto | null = null;
  let destroyed = false;

  const back = h('a', { href: '/incidents', class: 'btn btn-ghost btn-small', 'data-link': true }, icon('back'), i18n.text(h('span', {}), 'incident.back'));
  const body = h('div', { class: 'incident-body' }, i18n.text(h('p', { class: 'loading' }), 'incident.loading'));
  const el = h('section', { class: 'page list-page incident-page', 'data-testid': 'incident-detail' }, h('div', { class: 'page-head' }, back,
    footageRequestForIncident(ctx, () => detail && { id: detail.id, title: detail.title })), body);

  const summary = createIncidentSummary({
    i18n,
    me: ctx.user,
    loadStaff: () => ctx.usersApi.listStaff(),
    save: async (patch) => {
      try {
        await api.update(id, patch);
      } catch (err) {
        // someone else moved it first: show where it is now, then say why ours was refused
        if (err instanceof ApiError && err.status === 409) await refresh().catch(() => undefined);
        throw err;
      }
      await refresh(); // history and notes come with the detail
    },
  });
  const notes = createIncidentNotes(i18n, (text) => api.addNote(id, text), (d) => show(d));
  const history = createIncidentHistory(i18n);
  const exporter = createIncidentExport(i18n, api, id, ctx.sessionExpired);
  let clips: IncidentClips | null = null;

  const show = (d: IncidentDetailDto) => {
    detail = d;
    document.title = `#${d.id} ${d.title} · ${i18n.t('app.name')}`;
    summary.set(d, categories);
    notes.set(d.notes);
    history.set(d.history, categories, knownUsers(d));
    if (clips) clips.update(d);
    else {
      clips = createIncidentClips(i18n, api, d);
      body.replaceChildren(
        h('div', { class: 'incident-main' }, summary.el, exporter.el, clips.el),
        h('div', { class: 'incident-side' }, notes.el, history.el),
      );
    }
    el.dataset.status = d.status;
  };

  let generation = 0;
  const refresh = async () => {
    const gen = ++generation;
    try {
      const d = await api.get(id);
      if (!destroyed && gen === generation) show(d);
    } catch (err) {
      if (destroyed || gen !== generation) return;
      if (!detail) {
        body.replaceChildren(
          h(
            'div',
            { class: 'empty-state', role: 'alert' },
            i18n.text(h('h2', {}), 'incident.loadFailed'),
            h('p', { class: 'muted' }, errorMessage(i18n, err)),
          ),
        );
      }
      throw err;
    }
  };

  let timer: ReturnType<typeof setTimeout> | null = null;
  const refreshSoon = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      refresh().catch(() => undefined);
    }, REFRESH_DELAY_MS);
  };
  const onUpdated = (i: { id: number }) => {
    if (i.id === id) refreshSoon();
  };
  const onClip = (e: { incidentId: number }) => {
    if (e.incidentId === id) refreshSoon();
  };
  socket.on('incident:updated', onUpdated);
  socket.on('clip:ready', onClip);
  socket.io.on('reconnect', refreshSoon);

  ctx.categories.load().then(
    (list) => {
      categories = list;
      if (detail && !destroyed) show(detail);
    },
    () => undefined,
  );
  refresh().catch(() => undefined);

  return {
    el,
    destroy() {
      destroyed = true;
      if (timer) clearTimeout(timer);
      socket.off('incident:updated', onUpdated);
      socket.off('clip:ready', onClip);
      socket.io.off('reconnect', refreshSoon);
      summary.destroy();
      notes.destroy();
      history.destroy();
      exporter.destroy();
      clips?.destroy();
    },
  };
}

/** Names of the people the detail mentions, for history lines that only carry a user id (assignee changes). */
function knownUsers(d: IncidentDetailDto): Map<number, string> {
  const refs = [d.createdBy, d.assignee, ...d.notes.map((n) => n.author), ...d.history.map((c) => c.user)];
  return new Map(refs.filter((u) => u !== null).map((u) => [u.id, u.displayName || u.username]));
}
