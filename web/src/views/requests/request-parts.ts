// Pieces the officer's and the owner's footage-request views share: the status chip, the range in Vietnam time,
// what became of the clip, and the datetime-local fields read and written in Vietnam time.
import type { FootageRequestDto } from '../../../../server/contracts.ts';
import type { AppContext } from '../../app-context.ts';
import { h } from '../../dom.ts';
import type { I18n } from '../../i18n/i18n.ts';
import { formatDateTime } from '../../time-format.ts';

const VN_OFFSET_MS = 7 * 3600_000;

export function statusChip(i18n: I18n, r: FootageRequestDto): HTMLElement {
  return i18n.text(h('span', { class: `chip req-status req-${r.status}`, 'data-testid': 'req-status', 'data-status': r.status }),
    `req.status.${r.status}`);
}

/** "26/11/2026 14:05 → 26/11/2026 14:20" in Asia/Ho_Chi_Minh. */
export function rangeText(i18n: I18n, r: Pick<FootageRequestDto, 'from' | 'to'>): string {
  return `${formatDateTime(r.from, i18n.locale())} → ${formatDateTime(r.to, i18n.locale())}`;
}

/** Approved requests: the clip being cut, in the incident, or why it could not be cut (the hub's reason beside ours). */
export function clipLine(i18n: I18n, r: FootageRequestDto): HTMLElement | null {
  if (!r.clip) return null;
  const line = i18n.text(h('p', { class: `req-clip req-clip-${r.clip.status}`, 'data-testid': 'req-clip', 'data-clip': r.clip.status }),
    `req.clip.${r.clip.status}`);
  return r.clip.status === 'failed' && r.clip.error
    ? h('div', {}, line, h('p', { class: 'hint req-clip-reason' }, r.clip.error)) : line;
}

/** An instant as a datetime-local value in Vietnam time (minutes). */
export function toVnInput(ms: number): string {
  return new Date(ms + VN_OFFSET_MS).toISOString().slice(0, 16);
}

/** A datetime-local value read as Vietnam time; NaN when empty or malformed. */
export function fromVnInput(value: string): number {
  return /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d)?$/.test(value) ? Date.parse(`${value.length === 16 ? `${value}:00` : value}Z`) - VN_OFFSET_MS : Number.NaN;
}

/** How far a request has come: pending, answered, its clip pending, its clip done (ready or failed). */
const progress = (r: FootageRequestDto) => (r.status === 'pending' ? 0 : 1) + (r.clip ? (r.clip.status === 'pending' ? 1 : 2) : 0);

/** The list with `r` in place of its old self, or first when new (newest first). */
function upsert(list: FootageRequestDto[], r: FootageRequestDto): FootageRequestDto[] {
  return list.some((x) => x.id === r.id) ? list.map((x) => (x.id === r.id ? r : x)) : [r, ...list];
}

export interface LiveRequests {
  /** a request this page changed itself (its answer or withdrawal) */
  set(r: FootageRequestDto): void;
  destroy(): void;
}

/**
 * Loads the requests the user may see, then keeps them current from the socket's footage-request events; `show`
 * gets the whole list (newest first) on every change. `quiet(old, next)`: an update that needs no re-render.
 */
export function liveRequests(ctx: Pick<AppContext, 'footageRequestsApi' | 'socket'>, o: {
  show(list: FootageRequestDto[]): void;
  failed(err: unknown): void;
  arrived?(r: FootageRequestDto): void;
  quiet?(old: FootageRequestDto | undefined, next: FootageRequestDto): boolean;
}): LiveRequests {
  let list: FootageRequestDto[] = [];
  let destroyed = false;
  const set = (r: FootageRequestDto) => {
    const old = list.find((x) => x.id === r.id);
    // an answer's reply may arrive after the push that followed it (the clip already cut or failed): keep the newer
    if (old && progress(r) < progress(old)) return;
    list = upsert(list, r);
    if (!o.quiet?.(old, r)) o.show(list);
  };
  ctx.footageRequestsApi.list().then((l) => {
    if (destroyed) return;
    list = l;
    o.show(list);
  }, (err: unknown) => {
    if (!destroyed) o.failed(err);
  });
  const created = (r: FootageRequestDto) => {
    set(r);
    o.arrived?.(r);
  };
  ctx.socket.on('footage-request:created', created);
  ctx.socket.on('footage-request:updated', set);
  return {
    set,
    destroy() {
      destroyed = true;
      ctx.socket.off('footage-request:created', created);
      ctx.socket.off('footage-request:updated', set);
    },
  };
}
