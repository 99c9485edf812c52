// Areas (admins): the commune's tree — xã/phường at the top, thôn/tổ dân phố under them (deeper allowed). Add a root
// or a child, rename, delete; a refused delete says what the area still holds.
import type { AreaDto } from '../../../../server/contracts.ts';
import { areaApisFor } from '../../api/areas-api.ts';
import { ApiError } from '../../api/http-client.ts';
import type { AppContext, Page } from '../../app-context.ts';
import { h } from '../../dom.ts';
import type { MessageKey } from '../../i18n/i18n.ts';
import { confirmDialog } from '../cameras/confirm-dialog.ts';
import { createFlash } from '../flash.ts';
import { noPermissionPage } from '../no-permission.ts';
import { areaNameDialog } from './area-dialog.ts';
import { subtree, withDepth } from './area-tree.ts';

const USE_KEYS: Record<string, MessageKey> = {
  children: 'areas.use.children',
  cameras: 'areas.use.cameras',
  people: 'areas.use.people',
  staffLimits: 'areas.use.staffLimits',
  openInvitations: 'areas.use.openInvitations',
};

export function createAreasPage(ctx: AppContext): Page {
  const { i18n } = ctx;
  if (ctx.user.role !== 'admin') return noPermissionPage(ctx, 'areas.noPermissionBody');
  const { areasApi } = areaApisFor(ctx.sessionExpired);
  let areas: AreaDto[] = [];
  let alive = true;
  const flash = createFlash(i18n);
  const list = h('ul', { class: 'area-tree', 'data-testid': 'area-tree' });

  const load = async () => {
    try {
      const next = await areasApi.list();
      if (!alive) return;
      areas = next;
      render();
    } catch (error) {
      if (alive) flash.fail({ error, prefix: 'areas.loadFailed' });
    }
  };

  const add = async (parent: AreaDto | null) => {
    const saved = await areaNameDialog(i18n, {
      title: parent ? 'areas.createChildTitle' : 'areas.createRootTitle', params: parent ? { name: parent.name } : undefined,
      save: (name) => areasApi.create(name, parent?.id ?? null),
    });
    if (saved && alive) {
      flash.ok('areas.created', { name: saved.name });
      await load();
    }
  };

  const edit = async (area: AreaDto) => {
    const mine = subtree(areas, area.id);
    const saved = await areaNameDialog(i18n, {
      title: 'areas.renameTitle', params: { name: area.name }, name: area.name,
      place: { parents: areas.filter((a) => !mine.has(a.id)), parentId: area.parentId },
      // only what changed: a move ends the sessions of the staff it concerns
      save: (name, parentId) => areasApi.update(area.id, {
        ...(name !== area.name ? { name } : {}), ...(parentId !== area.parentId ? { parentId } : {}),
      }),
    });
    if (saved && alive) {
      flash.ok('areas.renamed', { name: saved.name });
      await load();
    }
  };

  const remove = async (area: AreaDto) => {
    const sure = await confirmDialog(i18n, {
      title: 'areas.confirmDeleteTitle', body: 'areas.confirmDelete', params: { name: area.name }, confirm: 'areas.delete', danger: true,
    });
    if (!sure || !alive) return;
    try {
      await areasApi.remove(area.id);
      flash.ok('areas.deleted', { name: area.name });
      await load();
    } catch (error) {
      if (error instanceof ApiError && error.code === 'area-in-use' && error.details && typeof error.details === 'object') {
        const what = Object.entries(error.details as Record<string, number>)
          .filter(([k, n]) => n > 0 && USE_KEYS[k])
          .map(([k, n]) => i18n.t(USE_KEYS[k]!, { n }))
          .join(', ');
        flash.fail({ key: 'areas.inUse', params: { name: area.name, what } });
      } else flash.fail({ error });
    }
  };

  const button = (key: MessageKey, label: MessageKey, name: string, testid: string, run: () => void, cls = 'btn btn-small') =>
    i18n.attr(i18n.text(h('button', { type: 'button', class: cls, 'data-testid': testid, onclick: run }), key), 'aria-label', label, { name });

  const render = () => {
    if (areas.length === 0) {
      list.replaceChildren(i18n.text(h('li', { class: 'muted area-none' }), 'areas.none'));
      return;
    }
    list.replaceChildren(...withDepth(areas).map((a) => h('li', {
      class: 'area-row', style: `--depth: ${a.depth}`, 'data-area-id': a.id, 'data-area-name': a.name,
    },
    h('span', { class: 'area-name' }, a.name),
    i18n.text(h('span', { class: 'muted area-counts' }), 'areas.counts', { cameras: a.cameraCount, residents: a.residentCount }),
    h('span', { class: 'area-actions' },
      button('areas.addChild', 'areas.addChildLabel', a.name, 'area-add-child', () => void add(a)),
      button('areas.rename', 'areas.renameLabel', a.name, 'area-rename', () => void edit(a)),
      button('areas.delete', 'areas.deleteLabel', a.name, 'area-delete', () => void remove(a), 'btn btn-small btn-danger-ghost')))));
  };

  const addRoot = i18n.text(h('button', { type: 'button', class: 'btn btn-primary', 'data-testid': 'area-add-root', onclick: () => void add(null) }),
    'areas.addRoot');
  const el = h('section', { class: 'page cameras-page areas-page' },
    h('div', { class: 'page-head' }, i18n.text(h('h1', {}), 'areas.title'), addRoot),
    i18n.text(h('p', { class: 'muted page-intro' }), 'areas.intro'),
    flash.el,
    list);
  void load();
  return { el, destroy: () => { alive = false; } };
}
