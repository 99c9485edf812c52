// Who may do what with a camera: the ONE place these rules live. The hub checks them on every route, media path,
// snapshot, push subscription and socket room; the web app imports this same file (as a value, like the live push
// wire format) to show only what a person may do. Pure: no Node, no database — facts in, rights out.
import type { CameraDto, Role } from '../contracts.ts';

/** Each a separate choice of the camera's owner; none is ever pre-selected. */
export type Consent = 'police-live' | 'police-on-request' | 'group';
export const CONSENTS: readonly Consent[] = ['police-live', 'police-on-request', 'group'];

export type Approval = 'pending' | 'approved' | 'declined';

/** The person asking. `areaScope`: the areas a staff member is limited to, with everything under them; null = the whole commune. */
export interface Subject {
  id: number;
  role: Role;
  /** a resident's home area (tổ/thôn) */
  areaId: number | null;
  areaScope: readonly number[] | null;
}

/** What the rules need to know of a camera. */
export interface CameraFacts {
  /** null: the police post's own camera */
  ownerId: number | null;
  areaId: number | null;
  shares: readonly Consent[];
  approval: Approval;
}

/**
 * - `view`: listed, its name, place and status
 * - `live`: live video (push, LL-HLS); `snapshot`: a still of it
 * - `recordings`: the timeline and playback of its recordings
 * - `flag`: tag an incident on it (and cut its clip)
 * - `ptz`: pan/tilt/zoom
 * - `manage`: rename, change the source, recording settings, stream key, delete
 * - `consent`: change what is shared (the owner alone)
 * - `approve`: approve, decline or suspend a resident's camera
 * - `request`: ask the owner for footage of a time range
 */
export type CameraRight = 'view' | 'live' | 'snapshot' | 'recordings' | 'flag' | 'ptz' | 'manage' | 'consent' | 'approve' | 'request';

export const isStaff = (role: Role): boolean => role !== 'resident';
/** Officers who approve residents' cameras and ask them for footage. */
export const isOfficer = (role: Role): boolean => role === 'admin' || role === 'police';

/** Whether an area lies within a staff member's limits (an unlimited one sees the whole commune, areas or not). */
export function inScope(s: Pick<Subject, 'areaScope'>, areaId: number | null): boolean {
  return s.areaScope === null || (areaId !== null && s.areaScope.includes(areaId));
}

export function cameraRights(s: Subject, c: CameraFacts): Set<CameraRight> {
  const rights = new Set<CameraRight>();
  const add = (...r: CameraRight[]) => r.forEach((x) => rights.add(x));
  if (c.ownerId === null) {
    // the post's own cameras: staff within their areas
    if (isStaff(s.role) && inScope(s, c.areaId)) {
      add('view', 'live', 'snapshot', 'recordings', 'flag', 'ptz');
      if (s.role === 'admin') add('manage');
    }
    return rights;
  }
  if (c.ownerId === s.id) {
    add('view', 'live', 'snapshot', 'recordings', 'ptz', 'manage', 'consent');
    return rights;
  }
  const shared = (x: Consent) => c.shares.includes(x);
  if (isStaff(s.role)) {
    if (!inScope(s, c.areaId) || c.approval === 'declined') return rights;
    if (c.approval === 'pending') {
      // the approver sees what is asked of them: the place, the area, the choices and one picture
      if (isOfficer(s.role)) add('view', 'snapshot', 'approve');
      return rights;
    }
    if (shared('police-live')) add('view', 'live', 'snapshot', 'recordings', 'flag');
    if (shared('police-on-request') && isOfficer(s.role)) add('view', 'request');
    if (rights.has('view') && isOfficer(s.role)) add('approve');
    return rights;
  }
  // another resident: the group cameras of their own tổ/thôn, live only
  if (c.approval === 'approved' && shared('group') && s.areaId !== null && s.areaId === c.areaId) add('view', 'live');
  return rights;
}

export function can(s: Subject, c: CameraFacts, right: CameraRight): boolean {
  return cameraRights(s, c).has(right);
}

/**
 * Whether the hub may keep recordings of the camera under its retention: the post's own cameras always (their
 * recording mode decides), a resident's only once approved and while the owner shares it with the police (live, or
 * on request — the footage must exist to be asked for).
 */
export function mayRecord(c: CameraFacts): boolean {
  if (c.ownerId === null) return true;
  return c.approval === 'approved' && (c.shares.includes('police-live') || c.shares.includes('police-on-request'));
}

/** The facts of a camera as the hub sent it (the web app's side of the same rules). */
export function dtoFacts(c: Pick<CameraDto, 'owner' | 'areaId' | 'shares' | 'approval'>): CameraFacts {
  return { ownerId: c.owner?.id ?? null, areaId: c.areaId, shares: c.shares, approval: c.approval.state };
}
