// Uptime maths over a camera's status history (pure; see README.md for the definitions).
import type { StatusIntervalDto, StreamStatus, UptimeDto } from '../contracts.ts';

export interface Transition {
  status: StreamStatus;
  reason: string | null;
  /** ms since the epoch */
  at: number;
}

export interface Interval {
  from: number;
  to: number;
  status: StreamStatus | 'unknown';
  reason: string | null;
}

/**
 * The window [from, to) cut into intervals by the transitions (sorted by time; the first may lie before `from`
 * and gives the state at `from`). Time before the first transition is `unknown`; `openUntil` bounds the newest
 * status (the hub's clock now: a status does not last into the future). Adjacent intervals of one status merge.
 */
export function intervals(transitions: Transition[], from: number, to: number, openUntil = to): Interval[] {
  const out: Interval[] = [];
  const push = (a: number, b: number, status: Interval['status'], reason: string | null) => {
    const s = Math.max(a, from);
    const e = Math.min(b, to);
    if (e <= s) return;
    const last = out.at(-1);
    if (last && last.status === status && last.to === s) last.to = e;
    else out.push({ from: s, to: e, status, reason });
  };
  let cursor = from;
  for (let i = 0; i < transitions.length; i++) {
    const t = transitions[i]!;
    if (t.at > cursor) {
      if (i === 0) push(cursor, t.at, 'unknown', null);
      cursor = Math.max(cursor, t.at);
    }
    const end = i + 1 < transitions.length ? transitions[i + 1]!.at : Math.max(t.at, openUntil);
    push(t.at, end, t.status, t.reason);
    cursor = Math.max(cursor, end);
  }
  push(cursor, to, 'unknown', null);
  return out;
}

/**
 * Time per status in the window, and uptime = online / (online + offline): the share of the time the camera was
 * wanted (someone watching or recording) and its picture flowed. `connecting` (a start, seconds) and `idle`
 * (nobody wanted it) count for neither. null when the camera was never online nor offline in the window.
 */
export function uptime(list: Interval[]): UptimeDto {
  const ms: Record<Interval['status'], number> = { online: 0, offline: 0, connecting: 0, idle: 0, unknown: 0 };
  for (const i of list) ms[i.status] += i.to - i.from;
  const wanted = ms.online + ms.offline;
  return {
    pct: wanted > 0 ? Math.round((ms.online / wanted) * 10000) / 100 : null,
    onlineMs: ms.online,
    offlineMs: ms.offline,
    connectingMs: ms.connecting,
    idleMs: ms.idle,
    unknownMs: ms.unknown,
  };
}

/**
 * Reconnects: transitions into `online` whose previous status (passing over `connecting`) was `offline`, at or
 * after `from`. A start from idle is not a reconnect.
 */
export function reconnects(transitions: Transition[], from: number): number {
  let n = 0;
  let previous: StreamStatus | null = null;
  for (const t of transitions) {
    if (t.status === 'online' && previous === 'offline' && t.at >= from) n++;
    if (t.status !== 'connecting') previous = t.status;
  }
  return n;
}

export function toIntervalDtos(list: Interval[]): StatusIntervalDto[] {
  return list.map((i) => ({
    from: new Date(i.from).toISOString(), to: new Date(i.to).toISOString(), status: i.status, reason: i.reason,
  }));
}
