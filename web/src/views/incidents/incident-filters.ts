// The filter bar of the incidents page: time range (presets or two days), camera, category, status, words.
import type { CameraDto, IncidentCategoryDto } from '../../../../server/contracts.ts';
import { h, icon } from '../../dom.ts';
import type { I18n, MessageKey } from '../../i18n/i18n.ts';
import { categoryLabel, STATUSES, statusKey } from './incident-labels.ts';
import { RANGE_PRESETS, type IncidentView, type RangePreset } from './incident-query.ts';

export interface IncidentFilters {
  el: HTMLElement;
  setCameras(cameras: CameraDto[]): void;
  setCategories(categories: IncidentCategoryDto[]): void;
  destroy(): void;
}

const RANGE_KEY: Record<RangePreset, MessageKey> = {
  today: 'incidents.rangeToday',
  '7d': 'incidents.range7d',
  '30d': 'incidents.range30d',
  all: 'incidents.rangeAll',
  custom: 'incidents.rangeCustom',
};

const SEARCH_DELAY_MS = 300;

export function createIncidentFilters(i18n: I18n, initial: IncidentView, onChange: (v: IncidentView) => void): IncidentFilters {
  const view: IncidentView = { ...initial };
  let cameras: CameraDto[] = [];
  let categories: IncidentCategoryDto[] = [];
  const emit = () => onChange({ ...view });

  const rangeButtons = RANGE_PRESETS.map((r) =>
    i18n.text(h('button', { type: 'button', class: 'seg-btn', 'data-range': r }), RANGE_KEY[r]),
  );
  const fromDay = h('input', { type: 'date', id: 'inc-from', value: view.fromDay, 'data-testid': 'filter-from' });
  const toDay = h('input', { type: 'date', id: 'inc-to', value: view.toDay, 'data-testid': 'filter-to' });
  const custom = h(
    'div',
    { class: 'filter-custom' },
    i18n.text(h('label', { for: 'inc-from' }), 'incidents.from'),
    fromDay,
    i18n.text(h('label', { for: 'inc-to' }), 'incidents.to'),
    toDay,
  );
  const camera = h('select', { id: 'inc-camera', 'data-testid': 'filter-camera' });
  const category = h('select', { id: 'inc-category', 'data-testid': 'filter-category' });
  const status = h('select', { id: 'inc-status', 'data-testid': 'filter-status' });
  const search = h('input', { type: 'search', id: 'inc-q', value: view.q, maxlength: 200, autocomplete: 'off', 'data-testid': 'filter-q' });
  i18n.attr(search, 'placeholder', 'incidents.searchPlaceholder');

  const labelled = (id: string, key: MessageKey, control: HTMLElement, extra = '') =>
    h('div', { class: `filter-field ${extra}` }, i18n.text(h('label', { for: id }), key), control);
  const el = h(
    'form',
    { class: 'incident-filters', role: 'search', 'data-testid': 'incident-filters' },
    h(
      'div',
      { class: 'filter-field filter-range' },
      i18n.text(h('span', { class: 'filter-label', id: 'inc-range-label' }), 'incidents.range'),
      h('div', { class: 'seg seg-small', role: 'group', 'aria-labelledby': 'inc-range-label' }, ...rangeButtons),
      custom,
    ),
    labelled('inc-camera', 'incidents.camera', camera),
    labelled('inc-category', 'incidents.category', category),
    labelled('inc-status', 'incidents.status', status),
    labelled('inc-q', 'incidents.search', h('div', { class: 'search-box' }, icon('search'), search), 'filter-search'),
  );
  el.addEventListener('submit', (ev) => ev.preventDefault());

  const option = (value: string, text: string, selected: boolean) => {
    const o = h('option', { value }, text);
    o.selected = selected;
    return o;
  };
  const render = () => {
    for (const b of rangeButtons) b.setAttribute('aria-pressed', String(b.dataset.range === view.range));
    custom.hidden = view.range !== 'custom';
    camera.replaceChildren(
      option('', i18n.t('incidents.allCameras'), !view.cameraId),
      ...cameras.map((c) => option(c.id, c.name, c.id === view.cameraId)),
    );
    if (view.cameraId && !cameras.some((c) => c.id === view.cameraId)) {
      camera.append(option(view.cameraId, view.cameraId, true)); // a removed camera still filters its incidents
    }
    category.replaceChildren(
      option('', i18n.t('incidents.allCategories'), !view.category),
      ...categories.map((c) => option(c.id, categoryLabel(i18n, c), c.id === view.category)),
    );
    status.replaceChildren(
      option('', i18n.t('incidents.allStatuses'), !view.status),
      ...STATUSES.map((s) => option(s, i18n.t(statusKey(s)), s === view.status)),
    );
  };

  for (const b of rangeButtons) {
    b.addEventListener('click', () => {
      view.range = b.dataset.range as RangePreset;
      render();
      emit();
    });
  }
  const onDays = () => {
    if (!fromDay.value || !toDay.value) return;
    view.fromDay = fromDay.value;
    view.toDay = toDay.value;
    emit();
  };
  fromDay.addEventListener('change', onDays);
  toDay.addEventListener('change', onDays);
  camera.addEventListener('change', () => {
    view.cameraId = camera.value;
    emit();
  });
  category.addEventListener('change', () => {
    view.category = category.value;
    emit();
  });
  status.addEventListener('change', () => {
    view.status = status.value as IncidentView['status'];
    emit();
  });
  let timer: ReturnType<typeof setTimeout> | null = null;
  search.addEventListener('input', () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      if (view.q === search.value) return;
      view.q = search.value;
      emit();
    }, SEARCH_DELAY_MS);
  });

  render();
  const offLang = i18n.onChange(render);
  return {
    el,
    setCameras(list) {
      cameras = list;
      render();
    },
    setCategories(list) {
      categories = list;
      render();
    },
    destroy() {
      if (timer) clearTimeout(timer);
      offLang();
    },
  };
}
