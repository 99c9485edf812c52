// Saved wall views against the real hub process: CRUD, stable error codes, who may change and see what,
// slots of cameras one may not watch read back empty, the last view used, and views surviving a restart.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WallViewDto, WallViewListDto } from '../../../server/contracts.ts';
import { residentArea } from '../../helpers/areas.ts';
import { login, startTestHub, type TestHub } from '../../helpers/hub.ts';

let hub: TestHub;
let admin: string;
let officer: string;
let operator: string;
let resident: string;
const cams: string[] = [];

async function api(method: string, p: string, body?: unknown, cookie: string | null = admin) {
  const res = await fetch(`${hub.url}${p}`, {
    method,
    headers: { ...(cookie ? { cookie } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, text, json: text ? JSON.parse(text) : undefined };
}

async function userWithSession(username: string, role: string) {
  const password = `${username}-pass-123`;
  const areaId = role === 'resident' ? await residentArea(hub.url, admin) : undefined; // a resident lives in an area
  const r = await api('POST', '/api/users', { username, displayName: `Đ/c ${username}`, role, password, areaId });
  expect(r.status, r.text).toBe(201);
  return { id: r.json.user.id as number, cookie: await login(hub.url, username, password) };
}

async function addCamera(name: string): Promise<string> {
  // nothing listens on port 9: the camera is registered and simply stays offline, which is all a view needs
  const r = await api('POST', '/api/cameras', { name, source: { kind: 'rtsp', url: 'rtsp://127.0.0.1:9/none' } });
  expect(r.status, r.text).toBe(201);
  return (r.json.camera ?? r.json.cameras[0]).id as string;
}

async function create(body: unknown, cookie = officer) {
  return api('POST', '/api/wall-views', body, cookie);
}

const list = async (cookie: string) => (await api('GET', '/api/wall-views', undefined, cookie)).json as WallViewListDto;
const slotsOf = (n: number, ...ids: (string | null | undefined)[]) => Array.from({ length: n }, (_, i) => ids[i] ?? null);

let operatorId = 0;
beforeAll(async () => {
  hub = await startTestHub();
  admin = await login(hub.url, 'admin', hub.adminPassword);
  officer = (await userWithSession('officer1', 'police')).cookie;
  ({ cookie: operator, id: operatorId } = await userWithSession('operator1', 'operator'));
  resident = (await userWithSession('resident1', 'resident')).cookie;
  for (const name of ['Cổng trường', 'Chợ xã', 'Ngã tư', 'Bến xe', 'Trạm y tế']) cams.push(await addCamera(name));
}, 90_000);
afterAll(async () => {
  await hub?.close();
});

describe('saving and changing views', () => {
  let view: WallViewDto;

  it('needs a session', async () => {
    expect((await api('GET', '/api/wall-views', undefined, null)).status).toBe(401);
    expect((await api('POST', '/api/wall-views', { name: 'x', layout: 1, slots: [null] }, null)).status).toBe(401);
  });

  it('creates a view, private by default, and lists it with its owner', async () => {
    const r = await create({ name: '  Cổng   trường ', layout: 4, slots: slotsOf(4, cams[0], null, cams[1]) });
    expect(r.status, r.text).toBe(201);
    view = r.json.view;
    expect(view).toMatchObject({
      name: 'Cổng trường', layout: 4, slots: [cams[0], null, cams[1], null], shared: false, mine: true, ownerName: 'Đ/c officer1',
    });
    expect((await list(officer)).views.map((v) => v.id)).toEqual([view.id]);
    // not shared: nobody else sees it
    expect((await list(operator)).views).toEqual([]);
    expect((await api('GET', `/api/wall-views/${view.id}`, undefined, operator)).json.error.code).toBe('wall-view-not-found');
  });

  it('refuses bad input with stable codes', async () => {
    const cases: [unknown, number, string][] = [
      [{ name: ' ', layout: 1, slots: [null] }, 400, 'wall-view-name-required'],
      [{ name: 'x'.repeat(61), layout: 1, slots: [null] }, 400, 'wall-view-name-too-long'],
      [{ name: 'CỔNG TRƯỜNG', layout: 1, slots: [null] }, 409, 'wall-view-name-taken'],
      [{ name: 'a', layout: 9, slots: slotsOf(4) }, 400, 'wall-view-slots-mismatch'],
      [{ name: 'a', layout: 4, slots: slotsOf(4, cams[0], cams[0]) }, 400, 'wall-view-duplicate-camera'],
      [{ name: 'a', layout: 4, slots: slotsOf(4, 'no-such-camera') }, 400, 'wall-view-camera-unknown'],
      [{ name: 'a', layout: 7, slots: slotsOf(7) }, 400, 'validation-failed'],
      [{ name: 'a', layout: 4, slots: slotsOf(4), owner: 1 }, 400, 'validation-failed'],
      [{ name: 'a', layout: 4 }, 400, 'validation-failed'],
    ];
    for (const [body, status, code] of cases) {
      const r = await create(body);
      expect([r.status, r.json.error.code], JSON.stringify(body)).toEqual([status, code]);
      expect(r.json.error.message).toBeTruthy();
    }
    const badJson = await fetch(`${hub.url}/api/wall-views`, { method: 'POST', headers: { cookie: officer, 'content-type': 'application/json' }, body: '{' });
    expect(badJson.status).toBe(400);
    expect((await api('PATCH', '/api/wall-views/abc', { name: 'x' }, officer)).json.error.code).toBe('wall-view-not-found');
    expect((await api('PATCH', '/api/wall-views/999999', { name: 'x' }, officer)).status).toBe(404);
  });

  it('renames, rearranges and changes layout (cameras fitted into the new size)', async () => {
    let r = await api('PATCH', `/api/wall-views/${view.id}`, { name: 'Cổng trường – đêm', slots: [cams[1], cams[2], null, cams[0]] }, officer);
    expect(r.status, r.text).toBe(200);
    expect(r.json.view).toMatchObject({ name: 'Cổng trường – đêm', slots: [cams[1], cams[2], null, cams[0]] });
    r = await api('PATCH', `/api/wall-views/${view.id}`, { layout: 1 }, officer);
    expect(r.json.view).toMatchObject({ layout: 1, slots: [cams[1]] });
    r = await api('PATCH', `/api/wall-views/${view.id}`, { layout: 36, slots: slotsOf(36, ...cams) }, officer);
    expect(r.json.view.slots).toEqual(slotsOf(36, ...cams));
    r = await api('PATCH', `/api/wall-views/${view.id}`, { layout: 4 }, officer);
    // four slots kept, the fifth camera dropped because there is no empty slot left
    expect(r.json.view.slots).toEqual(cams.slice(0, 4));
    r = await api('PATCH', `/api/wall-views/${view.id}`, { layout: 9, slots: slotsOf(4) }, officer);
    expect(r.json.error.code).toBe('wall-view-slots-mismatch');
    view = (await api('PATCH', `/api/wall-views/${view.id}`, { slots: [cams[0], null, cams[1], null] }, officer)).json.view;
  });

  it('lets only the owner (or an admin) change a shared view; other staff get 403', async () => {
    const shared = await api('PATCH', `/api/wall-views/${view.id}`, { shared: true }, officer);
    expect(shared.json.view.shared).toBe(true);
    const other = await list(operator);
    expect(other.views).toMatchObject([{ id: view.id, mine: false, shared: true, ownerName: 'Đ/c officer1', slots: [cams[0], null, cams[1], null] }]);
    for (const [method, body] of [['PATCH', { name: 'mine now' }], ['PATCH', { slots: slotsOf(4) }], ['DELETE', undefined]] as const) {
      const r = await api(method, `/api/wall-views/${view.id}`, body, operator);
      expect([r.status, r.json.error.code]).toEqual([403, 'wall-view-forbidden']);
    }
    // an admin may tidy it up
    const byAdmin = await api('PATCH', `/api/wall-views/${view.id}`, { name: 'Cổng trường' }, admin);
    expect(byAdmin.json.view).toMatchObject({ name: 'Cổng trường', mine: false });
    // the same name is free for someone else
    expect((await create({ name: 'Cổng trường', layout: 1, slots: [cams[2]] }, operator)).status).toBe(201);
  });

  it('does not show shared views to residents, and does not let residents share', async () => {
    expect((await list(resident)).views).toEqual([]);
    const own = await create({ name: 'Nhà tôi', layout: 4, slots: slotsOf(4) }, resident);
    expect(own.status, own.text).toBe(201);
    expect((await create({ name: 'Chia sẻ', layout: 1, slots: [null], shared: true }, resident)).json.error.code).toBe('wall-view-share-forbidden');
    const share = await api('PATCH', `/api/wall-views/${own.json.view.id}`, { shared: true }, resident);
    expect([share.status, share.json.error.code]).toEqual([403, 'wall-view-share-forbidden']);
    // residents cannot watch cameras yet, so they cannot put one in a slot
    expect((await create({ name: 'x', layout: 1, slots: [cams[0]] }, resident)).json.error.code).toBe('wall-view-camera-unknown');
    expect((await list(resident)).views.map((v) => v.name)).toEqual(['Nhà tôi']);
  });

  it('reads slots of deleted cameras and cameras one may not watch as empty', async () => {
    const r = await create({ name: 'Tạm', layout: 4, slots: [cams[3], cams[4], null, cams[2]] }, operator);
    const id = r.json.view.id as number;
    expect((await api('DELETE', `/api/cameras/${cams[4]}`)).status).toBe(204);
    expect((await api('GET', `/api/wall-views/${id}`, undefined, operator)).json.view.slots).toEqual([cams[3], null, null, cams[2]]);
    // the operator becomes a resident, who may not watch cameras: their view keeps its shape, slots empty
    expect((await api('PATCH', `/api/users/${operatorId}`, { role: 'resident', areaId: await residentArea(hub.url, admin) })).status).toBe(200);
    const demoted = await login(hub.url, 'operator1', 'operator1-pass-123');
    const seen = (await list(demoted)).views.find((v) => v.id === id)!;
    expect(seen).toMatchObject({ layout: 4, slots: [null, null, null, null] });
    expect((await list(demoted)).views.some((v) => !v.mine)).toBe(false);
    // back to operator: the cameras that still exist come back
    await api('PATCH', `/api/users/${operatorId}`, { role: 'operator' });
    operator = await login(hub.url, 'operator1', 'operator1-pass-123');
    expect((await api('GET', `/api/wall-views/${id}`, undefined, operator)).json.view.slots).toEqual([cams[3], null, null, cams[2]]);
  });

  it('deletes a view; the owner only', async () => {
    const r = await create({ name: 'Xoá tôi', layout: 1, slots: [null] });
    const id = r.json.view.id as number;
    expect((await api('DELETE', `/api/wall-views/${id}`, undefined, operator)).status).toBe(404); // not shared: not even seen
    expect((await api('DELETE', `/api/wall-views/${id}`, undefined, officer)).status).toBe(204);
    expect((await api('DELETE', `/api/wall-views/${id}`, undefined, officer)).json.error.code).toBe('wall-view-not-found');
  });
});

describe('the last view used', () => {
  it('is remembered per user, must be a view the user can see, and falls back when the view goes', async () => {
    expect((await list(officer)).lastViewId).toBeNull();
    const mine = (await list(officer)).views.find((v) => v.mine)!;
    expect((await api('PUT', '/api/wall-views/last', { viewId: mine.id }, officer)).json).toEqual({ lastViewId: mine.id });
    expect((await list(officer)).lastViewId).toBe(mine.id);
    // another staff member may open a shared view, but not a private one
    expect((await api('PUT', '/api/wall-views/last', { viewId: mine.id }, operator)).status).toBe(200);
    const priv = (await create({ name: 'Riêng', layout: 1, slots: [null] })).json.view as WallViewDto;
    expect((await api('PUT', '/api/wall-views/last', { viewId: priv.id }, operator)).json.error.code).toBe('wall-view-not-found');
    expect((await api('PUT', '/api/wall-views/last', { viewId: 'x' }, operator)).json.error.code).toBe('validation-failed');
    // unsharing hides it from the operator's last view; deleting clears it
    await api('PATCH', `/api/wall-views/${mine.id}`, { shared: false }, officer);
    expect((await list(operator)).lastViewId).toBeNull();
    await api('PUT', '/api/wall-views/last', { viewId: priv.id }, officer);
    await api('DELETE', `/api/wall-views/${priv.id}`, undefined, officer);
    expect((await list(officer)).lastViewId).toBeNull();
    await api('PUT', '/api/wall-views/last', { viewId: mine.id }, officer);
    expect((await api('PUT', '/api/wall-views/last', { viewId: null }, resident)).json).toEqual({ lastViewId: null });
  });
});

describe('after a restart', () => {
  it('saved views, their sharing and the last view survive', async () => {
    const before = await list(officer);
    const viewedByOperator = await list(operator);
    expect(before.views.length).toBeGreaterThan(0);
    expect(before.lastViewId).not.toBeNull();
    const dataDir = hub.dataDir;
    await hub.close();
    expect(fs.existsSync(`${dataDir}/hub.sqlite`)).toBe(true);
    hub = await startTestHub({ dataDir });
    // sessions survive too, but log in again as a returning officer would
    officer = await login(hub.url, 'officer1', 'officer1-pass-123');
    operator = await login(hub.url, 'operator1', 'operator1-pass-123');
    expect(await list(officer)).toEqual(before);
    expect(await list(operator)).toEqual(viewedByOperator);
  }, 90_000);
});
