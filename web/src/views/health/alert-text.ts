// How an alert reads, for the toast and the alert list (Vietnamese first; times in Asia/Ho_Chi_Minh).
import type { AlertDto } from '../../../../server/contracts.ts';
import type { I18n, MessageKey, Params } from '../../i18n/i18n.ts';
import { formatDateTime } from '../../time-format.ts';

/** 3 giờ 5 phút, 4 phút 10 giây, 12 giây (vi); 3 h 5 min, 4 min 10 s, 12 s (en) */
export function formatDuration(ms: number, lang: 'vi' | 'en'): string {
  const s = Math.max(0, Math.round(ms / 1000));
  const d = Math.floor(s / 86400);
  const h = Math.floor((s % 86400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  const u = lang === 'vi' ? { d: 'ngày', h: 'giờ', m: 'phút', s: 'giây' } : { d: 'd', h: 'h', m: 'min', s: 's' };
  const parts: string[] = [];
  if (d) parts.push(`${d} ${u.d}`);
  if (h) parts.push(`${h} ${u.h}`);
  if (m && !d) parts.push(`${m} ${u.m}`);
  if (!d && !h && (sec || !m)) parts.push(`${sec} ${u.s}`);
  return parts.join(' ');
}

/** The message key and its parameters for an alert's sentence. */
export function alertSentence(i18n: I18n, a: AlertDto): { key: MessageKey; params: Params } {
  const camera = a.cameraName ?? a.cameraId ?? '';
  const key = `alert.text.${a.kind}` as MessageKey;
  const since = typeof a.detail?.since === 'string' ? a.detail.since : a.createdAt;
  if (a.kind === 'camera-offline') return { key, params: { camera, since: formatDateTime(since, i18n.locale()) } };
  if (a.kind === 'camera-online') {
    return { key, params: { camera, duration: formatDuration(Number(a.detail?.outageMs ?? 0), i18n.lang()) } };
  }
  if (a.kind === 'incident') {
    return { key, params: { title: String(a.detail?.title ?? a.message), camera: a.cameraName ? ` (${a.cameraName})` : '' } };
  }
  return { key, params: { camera } };
}
