// "Yêu cầu trích xuất hình ảnh": an officer asks a camera's owner for the footage of a time range — from the camera
// (focus view, cameras list) or from an incident (pick the camera). Offered only where the permission rules give
// the 'request' right (server/access/permissions.ts, the hub's own file).
import type { CameraDto, FootageRequestDto } from '../../../../server/contracts.ts';
import { can, dtoFacts, isOfficer } from '../../../../server/access/permissions.ts';
import type { AppContext } from '../../app-context.ts';
import { h } from '../../dom.ts';
import { formField, runFormDialog } from '../form-dialog.ts';
import { fromVnInput, toVnInput } from './request-parts.ts';

const DEFAULT_SPAN_MS = 15 * 60_000;

/** The cameras the signed-in user may ask footage of. */
export function requestableCameras(ctx: Pick<AppContext, 'user' | 'store'>): CameraDto[] {
  return ctx.store.all().filter((c) => can(ctx.user, dtoFacts(c), 'request'));
}

/** A button opening the dialog for one camera, or null when the user holds no 'request' right on it. */
export function footageRequestButton(ctx: AppContext, camera: CameraDto, small = true): HTMLElement | null {
  if (!can(ctx.user, dtoFacts(camera), 'request')) return null;
  const btn = h('button', {
    type: 'button', class: small ? 'btn btn-small btn-ghost' : 'btn btn-ghost', 'data-testid': 'request-footage',
    onclick: () => void openFootageRequestDialog(ctx, { cameraId: camera.id }),
  });
  ctx.i18n.attr(ctx.i18n.text(btn, 'req.ask'), 'aria-label', 'req.askLabel', { name: camera.name });
  return btn;
}

/** The incident page's button: pick a camera shared on request, the range, the reason. Null for non-officers. */
export function footageRequestForIncident(ctx: AppContext, incident: () => { id: number; title: string } | null): HTMLElement | null {
  if (!isOfficer(ctx.user.role)) return null;
  return ctx.i18n.text(h('button', {
    type: 'button', class: 'btn btn-small', 'data-testid': 'incident-request-footage',
    onclick: () => {
      const i = incident();
      if (i) void openFootageRequestDialog(ctx, { incident: i });
    },
  }), 'req.ask');
}

/** Resolves with the request sent, or null when cancelled. */
export function openFootageRequestDialog(
  ctx: AppContext, opts: { cameraId?: string; incident?: { id: number; title: string } },
): Promise<FootageRequestDto | null> {
  const { i18n } = ctx;
  const cameras = requestableCameras(ctx);
  const camera = h('select', { id: 'req-camera', 'data-testid': 'req-camera' },
    ...cameras.map((c) => h('option', { value: c.id, ...(c.id === opts.cameraId ? { selected: true } : {}) }, c.place ? `${c.name} — ${c.place}` : c.name)));
  if (opts.cameraId) camera.disabled = true;
  const now = Math.floor(Date.now() / 60_000) * 60_000;
  const from = h('input', { id: 'req-from', type: 'datetime-local', value: toVnInput(now - DEFAULT_SPAN_MS), 'data-testid': 'req-from' });
  const to = h('input', { id: 'req-to', type: 'datetime-local', value: toVnInput(now), 'data-testid': 'req-to' });
  const reason = h('textarea', { id: 'req-reason', maxlength: '500', rows: 3, 'data-testid': 'req-reason' });
  const category = h('select', { id: 'req-category', 'data-testid': 'req-category' });
  if (!opts.incident) {
    ctx.categories.load().then((list) => {
      category.replaceChildren(...list.filter((c) => c.active).map((c) => h('option', { value: c.id, ...(c.id === 'other' ? { selected: true } : {}) },
        i18n.lang() === 'vi' ? c.vi : c.en)));
    }, () => undefined);
  }
  const error = h('p', { class: 'form-error', role: 'alert' });
  const cancel = i18n.text(h('button', { type: 'button', class: 'btn btn-ghost' }), 'req.dialog.cancel');
  const submit = i18n.text(h('button', { type: 'submit', class: 'btn btn-primary', 'data-testid': 'req-send' }), 'req.dialog.send');
  if (cameras.length === 0) submit.disabled = true;
  const form = h('form', { method: 'dialog', novalidate: true },
    i18n.text(h('h2', { id: 'req-title' }), 'req.dialog.title'),
    i18n.text(h('p', { class: 'hint' }), 'req.dialog.intro'),
    cameras.length ? formField(i18n, 'req-camera', 'req.dialog.camera', camera) : i18n.text(h('p', { class: 'form-error' }), 'req.dialog.noCamera'),
    h('div', { class: 'req-range' }, formField(i18n, 'req-from', 'req.dialog.from', from), formField(i18n, 'req-to', 'req.dialog.to', to)),
    i18n.text(h('p', { class: 'hint' }), 'req.dialog.rangeHint'),
    formField(i18n, 'req-reason', 'req.dialog.reason', reason, 'req.dialog.reasonHint'),
    opts.incident
      ? h('p', { class: 'req-incident' }, i18n.text(h('strong', {}), 'req.dialog.incident'), ` #${opts.incident.id} ${opts.incident.title}`)
      : h('div', {}, i18n.text(h('p', { class: 'hint' }), 'req.dialog.newIncident'), formField(i18n, 'req-category', 'req.dialog.category', category)),
    error,
    h('div', { class: 'dialog-actions' }, cancel, submit),
  );
  const dialog = h('dialog', { class: 'dialog req-dialog', 'aria-labelledby': 'req-title', 'data-testid': 'request-dialog' }, form);

  return runFormDialog<FootageRequestDto | null>({
    i18n, dialog, form, cancel, submit, error, focus: reason, cancelled: null,
    check: () => {
      const f = fromVnInput(from.value);
      const t = fromVnInput(to.value);
      if (Number.isNaN(f) || Number.isNaN(t) || t <= f) return { key: 'req.dialog.badRange', field: Number.isNaN(f) ? from : to };
      if (!reason.value.trim()) return { key: 'req.dialog.needReason', field: reason };
      return null;
    },
    save: async () => {
      const sent = await ctx.footageRequestsApi.create({
        cameraId: camera.value, from: new Date(fromVnInput(from.value)).toISOString(), to: new Date(fromVnInput(to.value)).toISOString(),
        reason: reason.value.trim(),
        ...(opts.incident ? { incidentId: opts.incident.id } : category.value ? { category: category.value } : {}),
      });
      ctx.toasts.show({ text: 'req.dialog.sent', link: { href: '/requests', text: 'req.staff.link' } });
      return sent;
    },
  });
}

/** The link to the officer's list of requests (/requests), or null for those who send none. */
export function staffRequestsLink(ctx: AppContext): HTMLElement | null {
  if (!isOfficer(ctx.user.role)) return null;
  return ctx.i18n.text(h('a', { href: '/requests', class: 'btn btn-small btn-ghost', 'data-link': true, 'data-testid': 'requests-link' }), 'req.staff.link');
}
