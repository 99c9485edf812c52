// Vụ việc: the filtered list of incidents, paged by the hub's keyset cursor and kept current by pushes.
import type { IncidentDto } from '../../../../server/contracts.ts';
import { errorMessage } from '../../api/error-message.ts';
import type { AppContext, Page } from '../../app-context.ts';
import { h } from '../../dom.ts';
import { createIncidentFilters } from './incident-filters.ts';
import { matchesView, parseView, viewToFilter, viewToSearch } from './incident-query.ts';
import { createIncidentTable } from './incident-table.ts';
import { staffRequestsLink } from '../requests/request-dialog.ts';

const PAGE_SIZE = 50;

export function createIncidentsPage(ctx: AppContext, query: URLSearchParams): Page {
  const { i18n, store, socket } = ctx;
  let view = parseView(query, new Date());
  let cursor: string | null = null;
  let generation = 0; // answers of an older query are dropped
  let loading = false;

  const table = createIncidentTable(i18n);
  const status = h('p', { class: 'list-status muted', role: 'status', 'aria-live': 'polite', 'data-testid': 'incidents-status' });
  const more = i18n.text(h('button', { type: 'button', class: 'btn', hidden: true, 'data-testid': 'incidents-more' }), 'incidents.more');
  const fresh = i18n.text(h('button', { type: 'button', class: 'btn btn-small', hidden: true }), 'incidents.newArrived');
  const empty = h(
    'div',
    { class: 'empty-state', hidden: true, 'data-testid': 'incidents-empty' },
    i18n.text(h('h2', {}), 'incidents.emptyTitle'),
    i18n.text(h('p', { class: 'muted' }), 'incidents.emptyBody'),
  );
  const filters = createIncidentFilters(i18n, view, (next) => {
    view = next;
    ctx.replaceUrl(`/incidents${viewToSearch(view)}`);
    void load(true);
  });

  const el = h(
    'section',
    { class: 'page list-page incidents-page' },
    h('div', { class: 'page-head' }, i18n.text(h('h1', {}), 'incidents.title'), fresh, staffRequestsLink(ctx)),
    filters.el,
    status,
    table.el,
    empty,
    h('div', { class: 'list-more' }, more),
  );

  const showCount = () => {
    const n = table.count();
    i18n.text(status, cursor ? 'incidents.countMore' : 'incidents.count', { n });
    status.hidden = n === 0; // the empty state says it
    empty.hidden = n > 0;
    table.el.hidden = n === 0;
    more.hidden = !cursor;
  };

  const load = async (reset: boolean) => {
    const gen = reset ? ++generation : generation;
    if (!reset && (loading || !cursor)) return;
    loading = true;
    more.disabled = true;
    if (reset) {
      fresh.hidden = true;
      status.hidden = false;
      i18n.text(status, 'incidents.loading');
    }
    try {
      const page = await ctx.incidentsApi.list({ ...viewToFilter(view, new Date()), limit: PAGE_SIZE, ...(reset ? {} : { cursor: cursor ?? undefined }) });
      if (gen !== generation) return;
      if (reset) table.set(page.incidents);
      else table.append(page.incidents);
      cursor = page.nextCursor;
      showCount();
    } catch (err) {
      if (gen !== generation) return;
      status.hidden = false;
      status.removeAttribute('data-i18n');
      status.textContent = errorMessage(i18n, err);
    } finally {
      if (gen === generation) {
        loading = false;
        more.disabled = false;
      }
    }
  };
  more.addEventListener('click', () => void load(false));
  fresh.addEventListener('click', () => void load(true));

  const onCreated = (i: IncidentDto) => {
    const match = matchesView(i, view, new Date());
    if (match === true) {
      table.prepend(i);
      showCount();
    } else if (match === 'unknown') fresh.hidden = false;
  };
  const onUpdated = (i: IncidentDto) => table.update(i);
  const onReconnect = () => void load(true); // pushes may have been missed while away
  socket.on('incident:created', onCreated);
  socket.on('incident:updated', onUpdated);
  socket.io.on('reconnect', onReconnect);

  const syncCameras = () => filters.setCameras(store.all());
  const unsubscribe = store.subscribe((change) => {
    if (change.type === 'list') syncCameras();
  });
  syncCameras();
  ctx.categories.load().then((list) => filters.setCategories(list), () => undefined);
  void load(true);

  return {
    el,
    destroy() {
      generation++;
      socket.off('incident:created', onCreated);
      socket.off('incident:updated', onUpdated);
      socket.io.off('reconnect', onReconnect);
      unsubscribe();
      filters.destroy();
      table.destroy();
    },
  };
}
