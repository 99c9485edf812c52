// The resident app's pure rules (no DOM): which cameras are mine and which my neighbours', the RTMP publish URL
// split the way cameras ask for it, the steps each brand's settings need, channel lists typed on a phone, and
// which sharing choices a change withdraws. Unit-tested in test/unit/web/resident-logic.test.ts.
import type { CameraAccessEntryDto, CameraDto, Consent } from '../../../../server/contracts.ts';
import { CONSENTS } from '../../../../server/access/permissions.ts';
import type { MessageKey } from '../../i18n/i18n.ts';

/** The cameras I registered (owner = me), newest first. */
export function ownCameras(all: readonly CameraDto[], meId: number): CameraDto[] {
  return all.filter((c) => c.owner?.id === meId).sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

/** My tổ/thôn's shared cameras: others' cameras I can see (the hub lists only those the rules give me), by name. */
export function neighbourCameras(all: readonly CameraDto[], meId: number): CameraDto[] {
  return all
    .filter((c) => c.owner !== null && c.owner.id !== meId && c.shares.includes('group'))
    .sort((a, b) => a.name.localeCompare(b.name, 'vi'));
}

/**
 * rtmp://host:port/live/<key> → the server address and the stream key, as most cameras and recorders ask for them
 * in two boxes; null when the URL has no key after the last "/".
 */
export function splitPublishUrl(url: string): { server: string; key: string } | null {
  const m = /^(rtmps?:\/\/[^/\s]+\/.+)\/([^/\s]+)$/.exec(url.trim());
  if (!m?.[1] || !m[2]) return null;
  return { server: m[1], key: m[2] };
}

/** The brands whose settings the wizard explains, as households in Vietnam have them. */
export const RTMP_BRANDS = ['hikvision', 'dahua', 'imou-ezviz', 'other'] as const;
export type RtmpBrand = (typeof RTMP_BRANDS)[number];

export interface BrandHelp {
  /** numbered steps, in order */
  steps: MessageKey[];
  /** a warning said before the steps (e.g. many models of this brand cannot push RTMP) */
  warning: MessageKey | null;
  /** the brand is better added by its RTSP address */
  suggestRtsp: boolean;
}

/** What to tell the owner of a camera of this brand about pushing RTMP. */
export function rtmpHelp(brand: RtmpBrand): BrandHelp {
  switch (brand) {
    case 'hikvision':
      return { steps: ['my.steps.hik.1', 'my.steps.hik.2', 'my.steps.hik.3', 'my.steps.save'], warning: null, suggestRtsp: false };
    case 'dahua':
      return { steps: ['my.steps.dahua.1', 'my.steps.dahua.2', 'my.steps.dahua.3', 'my.steps.save'], warning: null, suggestRtsp: false };
    case 'imou-ezviz':
      return { steps: ['my.steps.imou.1', 'my.steps.imou.2'], warning: 'my.steps.imou.warning', suggestRtsp: true };
    case 'other':
      return { steps: ['my.steps.other.1', 'my.steps.other.2', 'my.steps.save'], warning: null, suggestRtsp: false };
  }
}

/** "1-4, 6" → [1, 2, 3, 4, 6]; null when it is not a list of channels 1..max (at most 64 of them). */
export function parseChannels(text: string, max = 64): number[] | null {
  const out = new Set<number>();
  const parts = text.split(/[,;\s]+/).filter(Boolean);
  if (parts.length === 0) return null;
  for (const part of parts) {
    const m = /^(\d{1,3})(?:-(\d{1,3}))?$/.exec(part);
    if (!m?.[1]) return null;
    const from = Number(m[1]);
    const to = m[2] ? Number(m[2]) : from;
    if (from < 1 || to < from || to > max) return null;
    for (let c = from; c <= to; c++) out.add(c);
  }
  return [...out].sort((a, b) => a - b);
}

/** The choices shared before and not after: their withdrawal ends views and recordings, said before it is saved. */
export function withdrawn(before: readonly Consent[], after: readonly Consent[]): Consent[] {
  return CONSENTS.filter((c) => before.includes(c) && !after.includes(c));
}

/** A camera's shares in the fixed order of the choices (what the API is sent, what the page lists). */
export function orderedShares(shares: Iterable<Consent>): Consent[] {
  const set = new Set(shares);
  return CONSENTS.filter((c) => set.has(c));
}

/** An access log entry, with the camera's name when several cameras' logs are shown together. */
export interface AccessRow extends CameraAccessEntryDto {
  cameraName?: string;
}

/** The access logs of several cameras as one list, newest first, each entry named by its camera. */
export function mergeAccessLogs(logs: readonly { cameraName: string; entries: readonly CameraAccessEntryDto[] }[]): AccessRow[] {
  return logs
    .flatMap((l) => l.entries.map((e) => ({ ...e, cameraName: l.cameraName })))
    .sort((a, b) => Date.parse(b.at) - Date.parse(a.at));
}

/** Where a signed-in user starts: residents on their own cameras, staff on the wall. */
export function homePath(role: string): string {
  return role === 'resident' ? '/my' : '/';
}
