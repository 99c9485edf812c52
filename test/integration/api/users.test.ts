// User management against the real hub process: accounts, role rules, sessions ending at once, last admin.
import { io as ioClient, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AdminUserDto, UserDto } from '../../../server/contracts.ts';
import { residentArea } from '../../helpers/areas.ts';
import { login, startTestHub, type TestHub } from '../../helpers/hub.ts';

let hub: TestHub;
let admin: string;
/** every response body, checked at the end for anything password-like */
const bodies: string[] = [];
const PASSWORDS = ['officer-pass-1', 'operator-pass-1', 'resident-pass-1', 'reset-by-admin-1', 'my-new-secret-1'];

async function api(method: string, p: string, body?: unknown, cookie: string | null = admin) {
  const res = await fetch(`${hub.url}${p}`, {
    method,
    headers: { ...(cookie ? { cookie } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  bodies.push(text);
  return { status: res.status, text, json: text ? JSON.parse(text) : undefined };
}

async function createUser(username: string, role: string, password: string, displayName = username) {
  // a resident always lives in an area
  const areaId = role === 'resident' ? await residentArea(hub.url, admin) : undefined;
  const r = await api('POST', '/api/users', { username, displayName, role, password, areaId });
  expect(r.status, r.text).toBe(201);
  return r.json.user as AdminUserDto;
}

function connectSocket(cookie: string): Promise<Socket> {
  const socket = ioClient(hub.url, { transports: ['websocket'], reconnection: false, extraHeaders: { cookie } });
  return new Promise((resolve, reject) => {
    socket.on('connect', () => resolve(socket));
    socket.on('connect_error', reject);
  });
}

beforeAll(async () => {
  hub = await startTestHub();
  admin = await login(hub.url, 'admin', hub.adminPassword);
});
afterAll(async () => {
  await hub?.close();
});

describe('creating users', () => {
  it('creates an officer who can log in, with the user name stored lower-case', async () => {
    const u = await createUser('Nam.CA', 'police', PASSWORDS[0]!, 'Trần Văn Nam');
    expect(u).toMatchObject({ username: 'nam.ca', displayName: 'Trần Văn Nam', role: 'police', disabled: false });
    expect(Object.keys(u).sort()).toEqual(['areaId', 'areaLimits', 'createdAt', 'disabled', 'displayName', 'id', 'role', 'updatedAt', 'username']);
    const c = await login(hub.url, 'nam.ca', PASSWORDS[0]!);
    expect((await api('GET', '/api/auth/me', undefined, c)).json.user).toMatchObject({ id: u.id, role: 'police' });
  });

  it('refuses a taken user name whatever its case, a bad user name and a short password with stable codes', async () => {
    const dup = await api('POST', '/api/users', { username: 'NAM.ca', displayName: 'x', role: 'operator', password: 'long-enough-1' });
    expect(dup.status).toBe(409);
    expect(dup.json.error.code).toBe('username-taken');
    expect((await api('POST', '/api/users', { username: 'ADMIN', displayName: 'x', role: 'admin', password: 'long-enough-1' })).status).toBe(409);

    for (const username of ['ab', 'a'.repeat(33), 'có dấu', 'a/b', 'x y']) {
      const r = await api('POST', '/api/users', { username, displayName: 'x', role: 'operator', password: 'long-enough-1' });
      expect(r.status, username).toBe(400);
      expect(r.json.error.code, username).toBe('username-invalid');
    }
    const weak = await api('POST', '/api/users', { username: 'weak', displayName: 'x', role: 'operator', password: '123456789' });
    expect(weak.status).toBe(400);
    expect(weak.json.error.code).toBe('password-too-short');
    const role = await api('POST', '/api/users', { username: 'boss', displayName: 'x', role: 'root', password: 'long-enough-1' });
    expect(role.json.error.code).toBe('validation-failed');
    const extra = await api('POST', '/api/users', { username: 'boss', displayName: 'x', role: 'admin', password: 'long-enough-1', disabled: true });
    expect(extra.json.error.code).toBe('validation-failed');
    expect((await api('POST', '/api/users', { username: 'boss', displayName: ' ', role: 'admin', password: 'long-enough-1' })).status).toBe(400);
  });
});

describe('who may see and change users', () => {
  let officer: string;
  let resident: string;
  let residentUser: AdminUserDto;

  beforeAll(async () => {
    await createUser('dieuhanh', 'operator', PASSWORDS[1]!, 'Lê Thị Hà');
    residentUser = await createUser('dan.thon2', 'resident', PASSWORDS[2]!, 'Nguyễn Văn Dân');
    officer = await login(hub.url, 'nam.ca', PASSWORDS[0]!);
    resident = await login(hub.url, 'dan.thon2', PASSWORDS[2]!);
  });

  it('shows admins every account with its state', async () => {
    const r = await api('GET', '/api/users');
    const names = (r.json.users as AdminUserDto[]).map((u) => u.username);
    expect(names).toEqual(expect.arrayContaining(['admin', 'nam.ca', 'dieuhanh', 'dan.thon2']));
    expect(r.json.users.every((u: AdminUserDto) => typeof u.disabled === 'boolean')).toBe(true);
  });

  it('shows police and operators the active staff only, without account details', async () => {
    const r = await api('GET', '/api/users', undefined, officer);
    expect(r.status).toBe(200);
    const users = r.json.users as UserDto[];
    expect(users.map((u) => u.username).sort()).toEqual(['admin', 'dieuhanh', 'nam.ca']);
    for (const u of users) expect(Object.keys(u).sort()).toEqual(['areaId', 'displayName', 'id', 'role', 'username']);
  });

  it('refuses residents the list, and everyone but admins the changes', async () => {
    const r = await api('GET', '/api/users', undefined, resident);
    expect(r.status).toBe(403);
    expect(r.json.error.code).toBe('forbidden');
    const create = await api('POST', '/api/users', { username: 'sneaky', displayName: 'x', role: 'admin', password: 'long-enough-1' }, officer);
    expect(create.status).toBe(403);
    const patch = await api('PATCH', `/api/users/${residentUser.id}`, { role: 'admin' }, officer);
    expect(patch.status).toBe(403);
    expect((await api('GET', '/api/users', undefined, null)).status).toBe(401);
    expect((await api('PATCH', '/api/users/99999', { displayName: 'x' })).json.error.code).toBe('user-not-found');
  });

  it('renames without ending sessions; a new role ends them', async () => {
    const renamed = await api('PATCH', `/api/users/${residentUser.id}`, { displayName: 'Nguyễn Văn Dân (tổ 2)' });
    expect(renamed.json.user.displayName).toBe('Nguyễn Văn Dân (tổ 2)');
    expect((await api('GET', '/api/auth/me', undefined, resident)).status).toBe(200);
    const promoted = await api('PATCH', `/api/users/${residentUser.id}`, { role: 'operator' });
    expect(promoted.json.user.role).toBe('operator');
    expect((await api('GET', '/api/auth/me', undefined, resident)).status).toBe(401);
    const again = await login(hub.url, 'dan.thon2', PASSWORDS[2]!);
    expect((await api('GET', '/api/users', undefined, again)).status).toBe(200);
  });
});

describe('disabling and passwords', () => {
  it("ends a disabled user's session at once (HTTP and socket) and refuses their login; enabling lets them back", async () => {
    const u = await createUser('tam.ca', 'police', PASSWORDS[0]!);
    const c = await login(hub.url, 'tam.ca', PASSWORDS[0]!);
    const socket = await connectSocket(c);
    const dropped = new Promise<string>((resolve) => socket.on('disconnect', resolve));

    const r = await api('PATCH', `/api/users/${u.id}`, { disabled: true });
    expect(r.json.user.disabled).toBe(true);
    expect(await dropped).toBe('io server disconnect');
    const me = await api('GET', '/api/auth/me', undefined, c);
    expect(me.status).toBe(401);
    expect((await api('GET', '/api/cameras', undefined, c)).status).toBe(401);
    const refused = await api('POST', '/api/auth/login', { username: 'tam.ca', password: PASSWORDS[0] }, null);
    expect(refused.json.error.code).toBe('invalid-credentials');

    await api('PATCH', `/api/users/${u.id}`, { disabled: false });
    expect((await api('GET', '/api/auth/me', undefined, await login(hub.url, 'tam.ca', PASSWORDS[0]!))).status).toBe(200);
  });

  it('a password reset by an admin ends the user\u2019s sessions and takes effect', async () => {
    const u = await createUser('reset.me', 'operator', PASSWORDS[1]!);
    const c = await login(hub.url, 'reset.me', PASSWORDS[1]!);
    expect((await api('PATCH', `/api/users/${u.id}`, { password: 'short' })).json.error.code).toBe('password-too-short');
    expect((await api('PATCH', `/api/users/${u.id}`, { password: PASSWORDS[3] })).status).toBe(200);
    expect((await api('GET', '/api/auth/me', undefined, c)).status).toBe(401);
    await expect(login(hub.url, 'reset.me', PASSWORDS[1]!)).rejects.toThrow(/401/);
    await login(hub.url, 'reset.me', PASSWORDS[3]!);
  });

  it('changes one\u2019s own password: this session stays, the others end', async () => {
    await createUser('tu.ca', 'police', PASSWORDS[0]!);
    const here = await login(hub.url, 'tu.ca', PASSWORDS[0]!);
    const elsewhere = await login(hub.url, 'tu.ca', PASSWORDS[0]!);
    const otherSocket = await connectSocket(elsewhere);
    const hereSocket = await connectSocket(here);
    const dropped = new Promise<string>((resolve) => otherSocket.on('disconnect', resolve));

    const wrong = await api('POST', '/api/auth/password', { currentPassword: 'not-it-at-all', newPassword: PASSWORDS[4] }, here);
    expect(wrong.status).toBe(400);
    expect(wrong.json.error.code).toBe('current-password-wrong');
    const weak = await api('POST', '/api/auth/password', { currentPassword: PASSWORDS[0], newPassword: 'short' }, here);
    expect(weak.json.error.code).toBe('password-too-short');
    expect((await api('GET', '/api/auth/me', undefined, elsewhere)).status).toBe(200);

    const ok = await api('POST', '/api/auth/password', { currentPassword: PASSWORDS[0], newPassword: PASSWORDS[4] }, here);
    expect(ok.status).toBe(204);
    expect(await dropped).toBe('io server disconnect');
    expect(hereSocket.connected).toBe(true);
    hereSocket.close();
    expect((await api('GET', '/api/auth/me', undefined, here)).status).toBe(200);
    expect((await api('GET', '/api/auth/me', undefined, elsewhere)).status).toBe(401);
    await expect(login(hub.url, 'tu.ca', PASSWORDS[0]!)).rejects.toThrow(/401/);
    await login(hub.url, 'tu.ca', PASSWORDS[4]!);
    expect((await api('POST', '/api/auth/password', { currentPassword: 'x', newPassword: 'y' }, null)).status).toBe(401);
  });
});

describe('admins', () => {
  it('keeps the last active admin, and no admin can disable or demote themselves', async () => {
    const me = (await api('GET', '/api/auth/me')).json.user as UserDto;
    for (const change of [{ disabled: true }, { role: 'police' }]) {
      const r = await api('PATCH', `/api/users/${me.id}`, change);
      expect(r.status).toBe(409);
      expect(r.json.error.code).toBe('last-admin');
    }
    const second = await createUser('admin2', 'admin', 'second-admin-pw2');
    const self = await api('PATCH', `/api/users/${me.id}`, { disabled: true });
    expect(self.status).toBe(409);
    expect(self.json.error.code).toBe('cannot-demote-self');

    // with two admins, one may demote the other; then that one is the last again
    const other = await login(hub.url, 'admin2', 'second-admin-pw2');
    expect((await api('PATCH', `/api/users/${second.id}`, { role: 'police' })).json.user.role).toBe('police');
    expect((await api('GET', '/api/auth/me', undefined, other)).status).toBe(401);
    expect((await api('PATCH', `/api/users/${me.id}`, { role: 'operator' })).json.error.code).toBe('last-admin');
    // an admin resetting their own password keeps their session
    const renamed = await api('PATCH', `/api/users/${me.id}`, { displayName: 'Quản trị xã', password: 'admin-new-password-3' });
    expect(renamed.status).toBe(200);
    expect((await api('GET', '/api/auth/me')).json.user.displayName).toBe('Quản trị xã');
  });
});

describe('secrets', () => {
  it('never sends a password or a hash, and never prints one', () => {
    expect(bodies.length).toBeGreaterThan(40);
    for (const text of bodies) {
      expect(text).not.toMatch(/scrypt\$|passwordHash|password_hash/);
      for (const p of [...PASSWORDS, 'second-admin-pw2', 'admin-new-password-3']) expect(text).not.toContain(p);
    }
    for (const p of [...PASSWORDS, 'second-admin-pw2', 'admin-new-password-3']) expect(hub.output()).not.toContain(p);
  });
});
