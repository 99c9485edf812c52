// Cameras (admins only): the list, the add/edit form and deletion with confirmation.
import type { CameraDto } from '../../../../server/contracts.ts';
import type { CameraInput } from '../../api/cameras-api.ts';
import { errorMessage } from '../../api/error-message.ts';
import type { AppContext, Page } from '../../app-context.ts';
import { h } from '../../dom.ts';
import type { MessageKey, Params } from '../../i18n/i18n.ts';
import { loadFailed } from '../wall/wall-page.ts';
import { createCameraForm, type CameraForm } from './camera-form.ts';
import { createCameraTable } from './camera-table.ts';
import { confirmDialog } from './confirm-dialog.ts';

export function createCamerasPage(ctx: AppContext, opts: { openAdd: boolean }): Page {
  const { i18n, store } = ctx;
  if (ctx.user.role !== 'admin') return noPermission(ctx);

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
  let form: CameraForm | null = null;
  const closeForm = () => {
    form?.destroy();
    form = null;
    formSlot.replaceChildren();
    formSlot.hidden = true;
    addBtn.hidden = false;
  };
  const openForm = (camera: CameraDto | null) => {
    closeForm();
    form = createCameraForm({
      i18n,
      camera,
      onCancel: () => {
        closeForm();
        (camera ? table.el.querySelector<HTMLElement>(`tr[data-camera-id="${CSS.escape(camera.id)}"] button`) : addBtn)?.focus();
      },
      onSubmit: async (input: Partial<CameraInput>) => {
        if (camera) {
          const saved = Object.keys(input).length ? await ctx.camerasApi.update(camera.id, input) : camera;
          store.put(saved);
          say('cameras.updated', { name: saved.name });
        } else {
          const created = await ctx.camerasApi.create(input as CameraInput);
          store.put(created);
          say('cameras.created', { name: created.name });
        }
        closeForm();
        addBtn.focus();
      },
    });
    formSlot.replaceChildren(form.el);
    formSlot.hidden = false;
    addBtn.hidden = true;
    form.focus();
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
  const table = createCameraTable({ i18n, onEdit: openForm, onDelete: (c) => void remove(c) });
  const addBtn = i18n.text(
    h('button', { type: 'button', class: 'btn btn-primary', 'data-testid': 'add-camera', onclick: () => openForm(null) }),
    'cameras.add',
  );
  const el = h(
    'section',
    { class: 'page cameras-page' },
    h('div', { class: 'page-head' }, i18n.text(h('h1', {}), 'cameras.title'), addBtn),
    flash,
    formSlot,
    failure,
    table.el,
  );

  const render = () => {
    if (store.loaded()) table.render(store.all());
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
  if (opts.openAdd) openForm(null);

  return {
    el,
    destroy() {
      unsubscribe();
      offLang();
      form?.destroy();
    },
  };
}

function noPermission(ctx: AppContext): Page {
  const { i18n } = ctx;
  const el = h(
    'section',
    { class: 'page cameras-page' },
    h(
      'div',
      { class: 'empty-state', 'data-testid': 'no-permission' },
      i18n.text(h('h1', {}), 'cameras.noPermissionTitle'),
      i18n.text(h('p', {}), 'cameras.noPermissionBody'),
      i18n.text(h('a', { href: '/', class: 'btn btn-primary', 'data-link': true }), 'cameras.backToWall'),
    ),
  );
  return { el, destroy: () => undefined };
}
