// "Thêm camera": five ways a commune's cameras arrive, one tab each (Tìm tự động / ONVIF / Đầu thu / RTSP /
// Đẩy RTMP); ONVIF, Đầu thu and RTSP can test the connection (a picture) before saving; then what was added.
import type { CameraDto, DiscoveredDeviceDto } from '../../../../../server/contracts.ts';
import type { AppContext } from '../../../app-context.ts';
import { h, icon } from '../../../dom.ts';
import type { MessageKey } from '../../../i18n/i18n.ts';
import { createAddedResult, type AddedResult } from './added-result.ts';
import { createDiscoverTab } from './discover-tab.ts';
import { createNvrTab } from './nvr-tab.ts';
import { createOnvifTab } from './onvif-tab.ts';
import { createRtmpTab } from './rtmp-tab.ts';
import { createRtspTab } from './rtsp-tab.ts';

export type AddTab = 'discover' | 'onvif' | 'nvr' | 'rtsp' | 'rtmp';
export const ADD_TABS: readonly AddTab[] = ['discover', 'onvif', 'nvr', 'rtsp', 'rtmp'];

const TAB_LABEL: Record<AddTab, MessageKey> = {
  discover: 'add.tabDiscover',
  onvif: 'add.tabOnvif',
  nvr: 'add.tabNvr',
  rtsp: 'add.tabRtsp',
  rtmp: 'add.tabRtmp',
};

export interface AddCameraPanel {
  el: HTMLElement;
  focus(): void;
  destroy(): void;
}

export interface AddCameraPanelOptions {
  initial: AddTab;
  onAdded(cameras: CameraDto[]): void;
  onClose(): void;
}

export function createAddCameraPanel(ctx: AppContext, opts: AddCameraPanelOptions): AddCameraPanel {
  const { onClose } = opts;
  const { i18n, camerasApi: api, store } = ctx;
  let tab: AddTab = opts.initial;
  let result: AddedResult | null = null;

  const added = (cameras: CameraDto[]) => {
    for (const c of cameras) store.put(c);
    opts.onAdded(cameras);
    result?.destroy();
    result = createAddedResult(i18n, api, store, cameras, {
      onMore: () => select(tab),
      onDone: onClose,
    });
    body.replaceChildren(result.el);
    tablist.hidden = true;
    result.el.querySelector<HTMLElement>('button')?.focus();
  };

  const onvif = createOnvifTab(i18n, api, added);
  const discover = createDiscoverTab(i18n, ctx.discoveryApi, ctx.socket, (d: DiscoveredDeviceDto) => {
    select('onvif');
    onvif.prefill(d.address, d.port);
  });
  const nvr = createNvrTab(i18n, api, added);
  const rtmp = createRtmpTab(i18n, api, added);
  const rtsp = createRtspTab(i18n, api, added, onClose);
  const panels: Record<AddTab, { el: HTMLElement; focus(): void }> = { discover, onvif, nvr, rtsp, rtmp };

  const buttons = ADD_TABS.map((t) =>
    i18n.text(
      h('button', { type: 'button', role: 'tab', id: `add-tab-${t}`, 'aria-controls': 'add-tabpanel', class: 'tab', 'data-tab': t }),
      TAB_LABEL[t],
    ),
  );
  const tablist = i18n.attr(h('div', { class: 'tabs', role: 'tablist' }, ...buttons), 'aria-label', 'add.tabsLabel');
  const body = h('div', { class: 'tab-panel', role: 'tabpanel', id: 'add-tabpanel' });
  const close = i18n.attr(h('button', { type: 'button', class: 'icon-btn', onclick: onClose }, icon('close')), 'aria-label', 'form.cancel');
  const el = h(
    'section',
    { class: 'add-camera', 'data-testid': 'add-camera' },
    h('div', { class: 'add-head' }, i18n.text(h('h2', {}), 'form.addTitle'), close),
    tablist,
    body,
  );

  const select = (t: AddTab) => {
    tab = t;
    result?.destroy();
    result = null;
    tablist.hidden = false;
    for (const b of buttons) {
      const on = b.dataset.tab === t;
      b.setAttribute('aria-selected', String(on));
      b.tabIndex = on ? 0 : -1;
    }
    body.setAttribute('aria-labelledby', `add-tab-${t}`);
    body.replaceChildren(panels[t].el);
  };
  for (const b of buttons) {
    b.addEventListener('click', () => {
      select(b.dataset.tab as AddTab);
      panels[tab].focus();
    });
  }
  // arrow keys move between tabs (WAI-ARIA tabs pattern)
  tablist.addEventListener('keydown', (ev) => {
    const i = ADD_TABS.indexOf(tab);
    const next = ev.key === 'ArrowRight' ? i + 1 : ev.key === 'ArrowLeft' ? i - 1 : ev.key === 'Home' ? 0 : ev.key === 'End' ? ADD_TABS.length - 1 : null;
    if (next === null) return;
    ev.preventDefault();
    const t = ADD_TABS[(next + ADD_TABS.length) % ADD_TABS.length]!;
    select(t);
    buttons.find((b) => b.dataset.tab === t)?.focus();
  });
  el.addEventListener('keydown', (ev) => {
    if (ev.key === 'Escape' && !ev.defaultPrevented) onClose();
  });
  select(opts.initial);

  return {
    el,
    focus: () => buttons.find((b) => b.dataset.tab === tab)?.focus(),
    destroy() {
      result?.destroy();
      discover.destroy();
      nvr.destroy();
      rtsp.destroy();
    },
  };
}
