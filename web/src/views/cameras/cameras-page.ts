// Cameras (admins only): the list with recording settings, the add-camera tabs, the edit form (RTSP cameras)
// and deletion with confirmation.
import type { CameraDto } from '../../../../server/contracts.ts';
import type { CameraInput } from '../../api/cameras-api.ts';
import { errorMessage } from '../../api/error-message.ts';
import type { AppContext, Page } from '../../app-context.ts';
import { h } from '../../dom.ts';
import type { MessageKey, Params } from '../../i18n/i18n.ts';
import { noPermissionPage } from '../no-permission.ts';
import { loadFailed } from '../wall/wall-page.ts';
import { ADD_TABS, createAddCameraPanel, type AddTab } from './add/add-camera-panel.ts';
import { createCameraForm } from './camera-form.ts';
import { createCameraTable } from './camera-table.ts';
import { confirmDialog } from './confirm-dialog.ts';
import { recordingDialog } from './recording-dialog.ts';
import { alertsUrl } from '../health/health-url.ts';
import { footageRequestButton } from '../requests/request-dialog.ts';
import { createAreaFilter } from '../areas/area-filter.ts';

export function createCamerasPage(ctx: AppContext, opts: { openAdd: boolean; tab: string | null }): Page {
  const { i18n, store } = ctx;
  if (ctx.user.role !== 'admin') return noPermissionPage(ctx, 'cameras.noPermissionBody');

  const flash = h('p', { class: 'flash', role: 'status', 'aria-live': 'polite', 'data-testid': 'flash' });
  const say = (key: MessageKey | null, params?: Params, text?: string) => {
    flash.className = key ? 'flash flash-ok' : 'flash flash-error';
    if (key) i18n.text(flash, key, params);
    else {
      flash.removeAttribute('data-i18n');
      flash.textContent = text ?? '';
    }
  };

  const formSlot = h('div', { class: 'form-panel', hidden: true });
  let panel: { el: HTMLElement; focus(): void; destroy(): void } | null = null;
  const closePanel = () => {
    panel?.destroy();
    panel = null;
    formSlot.replaceChildren();
    formSlot.hidden = true;
    addBtn.hidden = false;
    if (location.search) ctx.replaceUrl('/cameras');
  };
  const show = (next: { el: HTMLElement; focus(): void; destroy(): void }) => {
    panel?.destroy();
    panel = next;
    formSlot.replaceChildren(next.el);
    formSlot.hidden = false;
    addBtn.hidden = true;
    next.focus();
  };

  const openAdd = (tab: AddTab) =>
    show(
      createAddCameraPanel(ctx, {
        initial: tab,
        onAdded(cameras) {
          if (cameras.length === 1) say('cameras.created', { name: cameras[0]!.name });
          else say('cameras.createdMany', { n: cameras.length });
        },
        onClose() {
          closePanel();
          addBtn.focus();
        },
      }),
    );

  const openEdit = (camera: CameraDto) =>
    show(
      createCameraForm({
        i18n,
        camera,
        onCancel: () => {
          closePanel();
          table.el.querySelector<HTMLElement>(`tr[data-camera-id="${CSS.escape(camera.id)}"] button`)?.focus();
        },
        onSubmit: async (input: Partial<CameraInput>) => {
          const saved = Object.keys(input).length ? await ctx.camerasApi.update(camera.id, input) : camera;
          store.put(saved);
          say('cameras.updated', { name: saved.name });
          closePanel();
          addBtn.focus();
        },
      }),
    );

  const editRecording = async (camera: CameraDto) => {
    const saved = await recordingDialog(i18n, camera, (recording) => ctx.camerasApi.setRecording(camera.id, recording));
    if (!saved) return;
    store.put(saved);
    say('cameras.recordingSaved', { name: saved.name });
  };

  const rotateKey = async (camera: CameraDto) => {
    const ok = await confirmDialog(i18n, {
      title: 'confirm.rotateTitle',
      body: 'confirm.rotateBody',
      params: { name: camera.name },
      confirm: 'confirm.rotate',
      danger: true,
    });
    if (!ok) return;
    try {
      store.put(await ctx.camerasApi.rotateKey(camera.id));
      say('cameras.keyRotated', { name: camera.name });
    } catch (err) {
      say(null, undefined, errorMessage(i18n, err));
    }
  };

  const remove = async (camera: CameraDto) => {
    const ok = await confirmDialog(i18n, {
      title: 'confirm.deleteTitle',
      body: 'confirm.deleteBody',
      params: { name: camera.name },
      confirm: 'confirm.delete',
      danger: true,
    });
    if (!ok) return;
    try {
      await ctx.camerasApi.remove(camera.id);
      store.drop(camera.id);
      say('cameras.deleted', { name: camera.name });
    } catch (err) {
      say(null, undefined, errorMessage(i18n, err));
    }
  };

  const failure = h('div', {});
  const table = createCameraTable({
    i18n,
    onEdit: openEdit,
    onDelete: (c) => void remove(c),
    onRecording: (c) => void editRecording(c),
    onRotateKey: (c) => void rotateKey(c),
    extraActions: (c) => footageRequestButton(ctx, c),
  });
  const areaFilter = createAreaFilter(ctx, () => render()); // one area and those under it
  const addBtn = i18n.text(
    h('button', { type: 'button', class: 'btn btn-primary', 'data-testid': 'add-camera', onclick: () => openAdd('discover') }),
    'cameras.add',
  );
  const el = h(
    'section',
    { class: 'page cameras-page' },
    h('div', { class: 'page-head' }, i18n.text(h('h1', {}), 'cameras.title'), areaFilter.el,
      i18n.text(h('a', { href: alertsUrl(), 'data-link': true, class: 'btn btn-ghost', 'data-testid': 'alerts-link' }), 'alerts.nav'), addBtn),
    flash,
    formSlot,
    failure,
    table.el,
  );

  const render = () => {
    if (store.loaded()) table.render(store.all().filter(areaFilter.matches));
    if (!store.loaded() && store.loadError()) failure.replaceChildren(loadFailed(ctx));
    else failure.replaceChildren();
  };
  const unsubscribe = store.subscribe((change) => {
    if (change.type === 'status') {
      const camera = store.get(change.cameraId);
      if (camera) table.updateStatus(camera);
    } else render();
  });
  const offLang = i18n.onChange(render); // dates follow the language
  render();
  if (opts.openAdd) openAdd((ADD_TABS as readonly string[]).includes(opts.tab ?? '') ? (opts.tab as AddTab) : 'discover');

  return {
    el,
    destroy() {
      unsubscribe();
      offLang();
      panel?.destroy();
    },
  };
}
