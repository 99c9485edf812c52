// The commune's areas against the real hub process (SQLite file, sockets): the tree and its errors, who reads
// what, people placed in areas, staff limited to areas seeing only the cameras there, and sessions ending when a
// person's limits, area or the tree above them change. Post cameras are placed by the admin (POST /api/cameras areaId).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AreaDto, CameraDto, SessionUserDto } from '../../../server/contracts.ts';
import { login, startTestHub, type TestHub } from '../../helpers/hub.ts';
import { apiClient, connectSocket } from '../sources/source-helpers.ts';

let hub: TestHub;
let admin: string;
let api: ReturnType<typeof apiClient>;
const ids: Record<string, number> = {};

const names = async (cookie = admin) => ((await api('GET', '/api/areas', undefined, cookie)).json.areas as AreaDto[]).map((a) => a.name);

async function add(name: string, parent: string | null) {
  const r = await api('POST', '/api/areas', { name, parentId: parent === null ? null : ids[parent] });
  expect(r.status, r.text).toBe(201);
  ids[name] = r.json.area.id;
  return r.json.area as AreaDto;
}

async function person(username: string, role: string, extra: Record<string, unknown>) {
  const password = `${username}-pass-1`;
  const r = await api('POST', '/api/users', { username, displayName: username, role, password, ...extra });
  expect(r.status, r.text).toBe(201);
  return { id: r.json.user.id as number, password, cookie: await login(hub.url, username, password) };
}

async function camera(name: string, area: string | null): Promise<string> {
  const r = await api('POST', '/api/cameras', {
    name, source: { kind: 'rtsp', url: 'rtsp://127.0.0.1:9/none' }, ...(area === null ? {} : { areaId: ids[area] }),
  });
  expect(r.status, r.text).toBe(201);
  expect(r.json.camera.areaId).toBe(area === null ? null : ids[area]);
  return r.json.camera.id as string;
}

beforeAll(async () => {
  hub = await startTestHub();
  admin = await login(hub.url, 'admin', hub.adminPassword);
  api = apiClient(hub, admin);
}, 60_000);
afterAll(async () => {
  await hub?.close();
});

describe('the tree', () => {
  it('keeps a tree of two levels and more, parents first, siblings in Vietnamese number order', async () => {
    await add('Phường Hòa Minh', null);
    for (const t of ['Tổ 10', 'Tổ 2', 'Tổ 1']) await add(t, 'Phường Hòa Minh');
    await add('Khu A', 'Tổ 1');
    await add('Xã Bên Cạnh', null);
    await add('Tổ 1 ', 'Xã Bên Cạnh'); // the same name under another parent is fine (trimmed)
    expect(await names()).toEqual(['Phường Hòa Minh', 'Tổ 1', 'Khu A', 'Tổ 2', 'Tổ 10', 'Xã Bên Cạnh', 'Tổ 1']);
    const renamed = await api('PATCH', `/api/areas/${ids['Tổ 2']}`, { name: 'Tổ 2B' });
    ids['Tổ 2B'] = ids['Tổ 2']!;
    expect(renamed.json.area).toMatchObject({ id: ids['Tổ 2'], name: 'Tổ 2B', parentId: ids['Phường Hòa Minh'], cameraCount: 0, residentCount: 0 });
  });

  it('refuses bad names, duplicate siblings, unknown parents and cycles with stable codes', async () => {
    const cases: [string, string, unknown, number, string][] = [
      ['POST', '/api/areas', { name: '  ', parentId: null }, 400, 'area-name-required'],
      ['POST', '/api/areas', { name: 'x'.repeat(101), parentId: null }, 400, 'area-name-too-long'],
      ['POST', '/api/areas', { name: 'tổ 10', parentId: ids['Phường Hòa Minh'] }, 409, 'area-name-taken'],
      ['POST', '/api/areas', { name: 'Tổ 5', parentId: 99999 }, 404, 'area-not-found'],
      ['PATCH', `/api/areas/${ids['Tổ 10']}`, { name: 'TỔ 1' }, 409, 'area-name-taken'],
      ['PATCH', `/api/areas/${ids['Phường Hòa Minh']}`, { parentId: ids['Khu A'] }, 400, 'area-cycle'],
      ['PATCH', `/api/areas/${ids['Tổ 1']}`, { parentId: ids['Tổ 1'] }, 400, 'area-cycle'],
      ['PATCH', '/api/areas/99999', { name: 'x' }, 404, 'area-not-found'],
      ['POST', '/api/areas', { name: 'Tổ 5' }, 400, 'validation-failed'],
    ];
    for (const [method, p, body, status, code] of cases) {
      const r = await api(method, p, body);
      expect(r.status, `${method} ${p} ${JSON.stringify(body)}`).toBe(status);
      expect(r.json.error.code).toBe(code);
      expect(r.json.error.message.length).toBeGreaterThan(10);
    }
  });

  it('moves an area with what is under it, and deletes only an empty one', async () => {
    const moved = await api('PATCH', `/api/areas/${ids['Tổ 1 ']!}`, { parentId: ids['Tổ 10'] });
    expect(moved.json.area.parentId).toBe(ids['Tổ 10']);
    const inUse = await api('DELETE', `/api/areas/${ids['Phường Hòa Minh']}`);
    expect(inUse.status).toBe(409);
    expect(inUse.json.error).toMatchObject({ code: 'area-in-use', details: { children: 3 } });
    expect((await api('DELETE', `/api/areas/${ids['Tổ 1 ']!}`)).status).toBe(204);
    expect((await api('DELETE', `/api/areas/${ids['Xã Bên Cạnh']}`)).status).toBe(204);
    expect(await names()).toEqual(['Phường Hòa Minh', 'Tổ 1', 'Khu A', 'Tổ 2B', 'Tổ 10']);
    expect((await api('DELETE', `/api/areas/${ids['Xã Bên Cạnh']}`)).json.error.code).toBe('area-not-found');
  });
});

describe('people in areas', () => {
  it('a resident needs one area and no limits; staff limits must be areas', async () => {
    const base = { displayName: 'Dân', password: 'resident-pass-1' };
    const cases: [Record<string, unknown>, string][] = [
      [{ username: 'dan.a', role: 'resident' }, 'area-required'],
      [{ username: 'dan.a', role: 'resident', areaId: null }, 'area-required'],
      [{ username: 'dan.a', role: 'resident', areaId: ids['Khu A'], areaLimits: [ids['Tổ 1']] }, 'area-limits-staff-only'],
      [{ username: 'dan.a', role: 'resident', areaId: 99999 }, 'area-not-found'],
      [{ username: 'op.a', role: 'operator', areaLimits: [ids['Tổ 1'], 99998] }, 'area-not-found'],
    ];
    for (const [body, code] of cases) {
      const r = await api('POST', '/api/users', { ...base, ...body });
      expect(r.status, JSON.stringify(body)).toBe(code === 'area-not-found' ? 404 : 400);
      expect(r.json.error.code).toBe(code);
    }
  });

  it('staff read the whole tree with counts; a resident reads their own area and those above it; only admins change it', async () => {
    const op = await person('op.whole', 'operator', {});
    const dan = await person('dan.khua', 'resident', { areaId: ids['Khu A'] });
    expect(await names(op.cookie)).toEqual(['Phường Hòa Minh', 'Tổ 1', 'Khu A', 'Tổ 2B', 'Tổ 10']);
    const own = (await api('GET', '/api/areas', undefined, dan.cookie)).json.areas as AreaDto[];
    expect(own.map((a) => a.name)).toEqual(['Phường Hòa Minh', 'Tổ 1', 'Khu A']);
    expect(own.every((a) => a.cameraCount === 0 && a.residentCount === 0)).toBe(true);
    const counted = ((await api('GET', '/api/areas')).json.areas as AreaDto[]).find((a) => a.id === ids['Khu A']);
    expect(counted?.residentCount).toBe(1);
    for (const [method, p, body] of [['POST', '/api/areas', { name: 'Tổ 9', parentId: null }], ['PATCH', `/api/areas/${ids['Tổ 10']}`, { name: 'y' }],
      ['DELETE', `/api/areas/${ids['Tổ 10']}`, undefined]] as const) {
      expect((await api(method, p, body, op.cookie)).status).toBe(403);
      expect((await api(method, p, body, dan.cookie)).status).toBe(403);
      expect((await api(method, p, body, null)).status).toBe(401);
    }
    expect((await api('GET', '/api/areas', undefined, null)).status).toBe(401);
    const inUse = await api('DELETE', `/api/areas/${ids['Khu A']}`);
    expect(inUse.json.error).toMatchObject({ code: 'area-in-use', details: { people: 1 } });
  });

  it('a limited operator sees only the cameras of their areas (and those under them); /live elsewhere is 404', async () => {
    const inKhuA = await camera('Cổng Khu A', 'Khu A');
    const inTo2 = await camera('Chợ Tổ 2', 'Tổ 2B');
    const nowhere = await camera('Chưa xếp khu vực', null);
    const op = await person('op.to1', 'operator', { areaLimits: [ids['Tổ 1']] });
    const me = (await api('GET', '/api/auth/me', undefined, op.cookie)).json.user as SessionUserDto;
    expect(me.areaScope).toEqual([ids['Tổ 1'], ids['Khu A']].sort((a, b) => a! - b!));
    const seen = ((await api('GET', '/api/cameras', undefined, op.cookie)).json.cameras as CameraDto[]).map((c) => c.id);
    expect(seen).toEqual([inKhuA]);
    expect((await api('GET', `/api/cameras/${inKhuA}`, undefined, op.cookie)).status).toBe(200);
    for (const id of [inTo2, nowhere]) {
      expect((await api('GET', `/api/cameras/${id}`, undefined, op.cookie)).status).toBe(404);
      const live = await api('GET', `/live/${id}/main/index.m3u8`, undefined, op.cookie);
      expect(live.status).toBe(404);
      expect(live.json.error.code).toBe('camera-not-found');
    }
    const all = ((await api('GET', '/api/cameras')).json.cameras as CameraDto[]).map((c) => c.id);
    expect(all).toEqual(expect.arrayContaining([inKhuA, inTo2, nowhere]));
    expect((await api('DELETE', `/api/areas/${ids['Tổ 2B']}`)).json.error).toMatchObject({ code: 'area-in-use', details: { cameras: 1 } });
  });

  it('new limits end the person\u2019s sessions and sockets; the next login sees the new cameras', async () => {
    const op = await person('op.moving', 'operator', { areaLimits: [ids['Tổ 1']] });
    const socket = await connectSocket(hub, op.cookie);
    const dropped = new Promise<string>((resolve) => socket.on('disconnect', resolve));
    const r = await api('PATCH', `/api/users/${op.id}`, { areaLimits: [ids['Tổ 2B']] });
    expect(r.status, r.text).toBe(200);
    expect(r.json.user.areaLimits).toEqual([ids['Tổ 2B']]);
    expect(await dropped).toBe('io server disconnect');
    expect((await api('GET', '/api/cameras', undefined, op.cookie)).status).toBe(401);
    const again = await login(hub.url, 'op.moving', op.password);
    const seen = ((await api('GET', '/api/cameras', undefined, again)).json.cameras as CameraDto[]).map((c) => c.name);
    expect(seen).toEqual(['Chợ Tổ 2']);
    // the same limits again change nothing: the session stays
    expect((await api('PATCH', `/api/users/${op.id}`, { areaLimits: [ids['Tổ 2B']], displayName: 'Op' })).status).toBe(200);
    expect((await api('GET', '/api/auth/me', undefined, again)).status).toBe(200);
    // limits cannot go to a resident; becoming a resident needs an area and drops the limits
    expect((await api('PATCH', `/api/users/${op.id}`, { role: 'resident' })).json.error.code).toBe('area-required');
    const res = await api('PATCH', `/api/users/${op.id}`, { role: 'resident', areaId: ids['Tổ 10'] });
    expect(res.json.user).toMatchObject({ role: 'resident', areaId: ids['Tổ 10'], areaLimits: [] });
  });

  it('a resident moved to another area is signed out', async () => {
    const dan = await person('dan.moving', 'resident', { areaId: ids['Tổ 10'] });
    const r = await api('PATCH', `/api/users/${dan.id}`, { areaId: ids['Khu A'] });
    expect(r.json.user.areaId).toBe(ids['Khu A']);
    expect((await api('GET', '/api/auth/me', undefined, dan.cookie)).status).toBe(401);
    expect((await api('PATCH', `/api/users/${dan.id}`, { areaId: null })).json.error.code).toBe('area-required');
  });

  it('moving an area ends the sessions of staff whose scope it changes, and theirs only', async () => {
    const to2 = await person('op.to2', 'operator', { areaLimits: [ids['Tổ 2B']] });
    const to10 = await person('op.to10', 'operator', { areaLimits: [ids['Tổ 10']] });
    const r = await api('PATCH', `/api/areas/${ids['Khu A']}`, { parentId: ids['Tổ 2B'] });
    expect(r.status, r.text).toBe(200);
    expect((await api('GET', '/api/auth/me', undefined, to2.cookie)).status).toBe(401);
    expect((await api('GET', '/api/auth/me', undefined, to10.cookie)).status).toBe(200);
    const again = await login(hub.url, 'op.to2', to2.password);
    const seen = ((await api('GET', '/api/cameras', undefined, again)).json.cameras as CameraDto[]).map((c) => c.name).sort();
    expect(seen).toEqual(['Chợ Tổ 2', 'Cổng Khu A']);
  });
});
