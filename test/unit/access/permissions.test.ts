import { describe, expect, it } from 'vitest';
import { cameraRights, can, mayRecord, type CameraFacts, type Consent, type Subject } from '../../../server/access/permissions.ts';

// areas: 1 = the commune, 10 and 11 = two tổ dân phố under it
const admin: Subject = { id: 1, role: 'admin', areaId: null, areaScope: null };
const police: Subject = { id: 2, role: 'police', areaId: null, areaScope: null };
const operatorTo10: Subject = { id: 3, role: 'operator', areaId: null, areaScope: [10] };
const policeTo11: Subject = { id: 4, role: 'police', areaId: null, areaScope: [11] };
const owner: Subject = { id: 20, role: 'resident', areaId: 10, areaScope: null };
const neighbour: Subject = { id: 21, role: 'resident', areaId: 10, areaScope: null };
const otherGroup: Subject = { id: 22, role: 'resident', areaId: 11, areaScope: null };

const post = (areaId: number | null = 10): CameraFacts => ({ ownerId: null, areaId, shares: [], approval: 'approved' });
const home = (shares: Consent[], approval: CameraFacts['approval'] = 'approved'): CameraFacts => ({ ownerId: 20, areaId: 10, shares, approval });
const rights = (s: Subject, c: CameraFacts) => [...cameraRights(s, c)].sort();

describe('the post’s own cameras', () => {
  it('staff see and flag them within their areas; only admins manage them; residents never see them', () => {
    expect(rights(police, post())).toEqual(['flag', 'live', 'ptz', 'recordings', 'snapshot', 'view']);
    expect(can(admin, post(), 'manage')).toBe(true);
    expect(can(police, post(), 'manage')).toBe(false);
    expect(can(operatorTo10, post(10), 'live')).toBe(true);
    expect(can(policeTo11, post(10), 'view')).toBe(false);
    // a camera not placed in any area: only staff without limits
    expect(can(police, post(null), 'view')).toBe(true);
    expect(can(operatorTo10, post(null), 'view')).toBe(false);
    for (const r of [owner, neighbour, otherGroup]) expect(rights(r, post())).toEqual([]);
  });
});

describe('a resident’s camera', () => {
  it('its owner may do everything with it, shared or not, approved or not', () => {
    for (const approval of ['pending', 'approved', 'declined'] as const) {
      expect(rights(owner, home([], approval))).toEqual(['consent', 'live', 'manage', 'ptz', 'recordings', 'snapshot', 'view']);
    }
  });

  it('shared with nobody: nobody else sees it', () => {
    for (const s of [admin, police, operatorTo10, neighbour, otherGroup]) expect(rights(s, home([]))).toEqual([]);
  });

  it('police-live: staff in the area watch, replay and flag it; never manage it or change its consent', () => {
    expect(rights(police, home(['police-live']))).toEqual(['approve', 'flag', 'live', 'recordings', 'snapshot', 'view']);
    expect(rights(operatorTo10, home(['police-live']))).toEqual(['flag', 'live', 'recordings', 'snapshot', 'view']);
    expect(rights(policeTo11, home(['police-live']))).toEqual([]);
    expect(rights(neighbour, home(['police-live']))).toEqual([]);
  });

  it('police-on-request only: officers may ask for footage, nobody watches or replays it', () => {
    expect(rights(police, home(['police-on-request']))).toEqual(['approve', 'request', 'view']);
    expect(rights(operatorTo10, home(['police-on-request']))).toEqual([]);
  });

  it('group: the residents of the same tổ watch it live, the others nothing', () => {
    expect(rights(neighbour, home(['group']))).toEqual(['live', 'view']);
    expect(rights(otherGroup, home(['group']))).toEqual([]);
    expect(rights(police, home(['group']))).toEqual([]);
  });

  it('waiting for approval: only the owner uses it; officers in the area see what to approve and one picture', () => {
    const all: Consent[] = ['police-live', 'police-on-request', 'group'];
    expect(rights(police, home(all, 'pending'))).toEqual(['approve', 'snapshot', 'view']);
    expect(rights(operatorTo10, home(all, 'pending'))).toEqual([]);
    expect(rights(neighbour, home(all, 'pending'))).toEqual([]);
    for (const s of [admin, police, neighbour]) expect(rights(s, home(all, 'declined'))).toEqual([]);
  });

  it('is recorded by the hub only once approved and shared with the police', () => {
    expect(mayRecord(post())).toBe(true);
    expect(mayRecord(home(['police-live']))).toBe(true);
    expect(mayRecord(home(['police-on-request']))).toBe(true);
    expect(mayRecord(home(['group']))).toBe(false);
    expect(mayRecord(home(['police-live'], 'pending'))).toBe(false);
  });
});
