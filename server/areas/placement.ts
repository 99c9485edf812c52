// Where a person belongs: a resident lives in one area (their tổ/thôn, required); a staff member may be limited to
// some areas (with everything under them; none = the whole commune). Checked when an admin creates or edits a user
// and when an invitation is accepted.
import type { Role } from '../contracts.ts';
import { AppError } from '../errors.ts';

export interface Placement {
  areaId: number | null;
  /** staff only; empty = the whole commune */
  areaLimits: number[];
}

/** The placement, checked and tidied (limits unique and sorted); `existing` names which area ids exist. */
export function checkPlacement(role: Role, p: Placement, existing: (ids: number[]) => number[]): Placement {
  const areaLimits = [...new Set(p.areaLimits)].sort((a, b) => a - b);
  if (role === 'resident') {
    if (areaLimits.length > 0) throw new AppError('area-limits-staff-only', 'Area limits are for staff; a resident has one area.');
    if (p.areaId === null) throw new AppError('area-required', 'A resident needs an area (their tổ dân phố or thôn).');
  }
  const wanted = [...(p.areaId === null ? [] : [p.areaId]), ...areaLimits];
  const found = new Set(existing(wanted));
  const missing = wanted.find((id) => !found.has(id));
  if (missing !== undefined) throw new AppError('area-not-found', `Area ${missing} does not exist.`);
  return { areaId: p.areaId, areaLimits };
}

export const sameLimits = (a: number[], b: number[]): boolean =>
  a.length === b.length && [...a].sort((x, y) => x - y).every((v, i) => v === [...b].sort((x, y) => x - y)[i]);
