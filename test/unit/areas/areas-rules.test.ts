// The pure parts of areas and invitations: tree order, placement rules, the short code, an invitation's status,
// and the web app's reading of the tree (depth, what lies under an area, an area's full name).
import { describe, expect, it } from 'vitest';
import { treeOrder } from '../../../server/areas/area-service.ts';
import { CODE_ALPHABET, newCode, normalizeCode, statusOf } from '../../../server/areas/invitation-service.ts';
import { checkPlacement, sameLimits } from '../../../server/areas/placement.ts';
import { AppError } from '../../../server/errors.ts';
import { areaPath, subtree, withDepth } from '../../../web/src/views/areas/area-tree.ts';

const area = (id: number, parentId: number | null, name: string) => ({ id, parentId, name, cameraCount: 0, residentCount: 0 });
const AREAS = [area(5, 1, 'Tổ 10'), area(1, null, 'Phường Hòa Minh'), area(3, 1, 'Tổ 2'), area(7, 3, 'Khu A'), area(2, null, 'Xã An'), area(4, 2, 'Thôn 1')];

const codeOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return (e as AppError).code;
  }
  return null;
};

describe('the tree', () => {
  it('lists parents before children, siblings in Vietnamese number order', () => {
    expect(treeOrder(AREAS).map((a) => a.name)).toEqual(['Phường Hòa Minh', 'Tổ 2', 'Khu A', 'Tổ 10', 'Xã An', 'Thôn 1']);
  });

  it('reads depth, descendants and the full name as the web app shows them', () => {
    const ordered = treeOrder(AREAS);
    expect(withDepth(ordered).map((a) => a.depth)).toEqual([0, 1, 2, 1, 0, 1]);
    expect([...subtree(ordered, 1)].sort()).toEqual([1, 3, 5, 7]);
    expect([...subtree(ordered, 7)]).toEqual([7]);
    expect(areaPath(ordered, 7)).toBe('Khu A, Tổ 2, Phường Hòa Minh');
    expect(areaPath(ordered, null)).toBe('');
  });
});

describe('placement', () => {
  const existing = (ids: number[]) => ids.filter((id) => id < 100);
  it('a resident needs exactly one area and no limits', () => {
    expect(codeOf(() => checkPlacement('resident', { areaId: null, areaLimits: [] }, existing))).toBe('area-required');
    expect(codeOf(() => checkPlacement('resident', { areaId: 3, areaLimits: [1] }, existing))).toBe('area-limits-staff-only');
    expect(codeOf(() => checkPlacement('resident', { areaId: 300, areaLimits: [] }, existing))).toBe('area-not-found');
    expect(checkPlacement('resident', { areaId: 3, areaLimits: [] }, existing)).toEqual({ areaId: 3, areaLimits: [] });
  });

  it('staff limits are areas, unique and sorted; none is the whole commune', () => {
    expect(checkPlacement('operator', { areaId: null, areaLimits: [7, 3, 7] }, existing)).toEqual({ areaId: null, areaLimits: [3, 7] });
    expect(checkPlacement('police', { areaId: null, areaLimits: [] }, existing).areaLimits).toEqual([]);
    expect(codeOf(() => checkPlacement('admin', { areaId: null, areaLimits: [3, 101] }, existing))).toBe('area-not-found');
    expect(sameLimits([3, 7], [7, 3])).toBe(true);
    expect(sameLimits([3], [3, 7])).toBe(false);
  });
});

describe('invitation codes', () => {
  it('are 8 characters of an alphabet without look-alikes, shown as XXXX-XXXX', () => {
    for (const ch of '01ILOUV') expect(CODE_ALPHABET).not.toContain(ch);
    const seen = new Set<string>();
    for (let i = 0; i < 500; i++) {
      const code = newCode();
      expect(code).toMatch(new RegExp(`^[${CODE_ALPHABET}]{4}-[${CODE_ALPHABET}]{4}$`));
      seen.add(code);
    }
    expect(seen.size).toBe(500);
  });

  it('are read whatever the case, spaces and dashes', () => {
    expect(normalizeCode(' 7k3m-9qfa ')).toBe('7K3M9QFA');
    expect(normalizeCode('7K3M 9QFA')).toBe('7K3M9QFA');
  });

  it('an invitation is used, then revoked, then expired, then open', () => {
    const now = Date.parse('2026-01-10T00:00:00Z');
    const later = '2026-01-11T00:00:00Z';
    const past = '2026-01-09T00:00:00Z';
    expect(statusOf({ usedAt: past, revokedAt: null, expiresAt: past }, now)).toBe('used');
    expect(statusOf({ usedAt: null, revokedAt: past, expiresAt: later }, now)).toBe('revoked');
    expect(statusOf({ usedAt: null, revokedAt: null, expiresAt: past }, now)).toBe('expired');
    expect(statusOf({ usedAt: null, revokedAt: null, expiresAt: later }, now)).toBe('open');
  });
});
