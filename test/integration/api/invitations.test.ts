// Resident invitations against the real hub process: staff create one (link token + short code, stored hashed),
// a person without a session looks it up and accepts it, becoming a signed-in resident of the area; used,
// withdrawn, expired and wrong invitations are refused with stable codes; guessing is limited per address.
// The hub trusts X-Forwarded-For from 127.0.0.1 here so that each test speaks from its own address. Expiry is
// made by writing a past expires_at into the hub's database (7 days is too long to wait).
import crypto from 'node:crypto';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InvitationDto, NewInvitationDto, SessionUserDto } from '../../../server/contracts.ts';
import { addArea } from '../../helpers/areas.ts';
import { login, startTestHub, type TestHub } from '../../helpers/hub.ts';

let hub: TestHub;
let admin: string;
let ward = 0;
let to3 = 0;
let to4 = 0;

async function api(method: string, p: string, body?: unknown, opts: { cookie?: string | null; ip?: string; headers?: Record<string, string> } = {}) {
  const cookie = opts.cookie === undefined ? admin : opts.cookie;
  const res = await fetch(`${hub.url}${p}`, {
    method,
    headers: {
      ...(cookie ? { cookie } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(opts.ip ? { 'x-forwarded-for': opts.ip } : {}), ...opts.headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, text, json: text ? JSON.parse(text) : undefined, setCookie: res.headers.get('set-cookie') };
}

async function invite(displayName: string, areaId = to3, cookie = admin): Promise<NewInvitationDto> {
  const r = await api('POST', '/api/invitations', { displayName, areaId }, { cookie });
  expect(r.status, r.text).toBe(201);
  return r.json.invitation;
}

const tokenOf = (inv: NewInvitationDto) => inv.path.replace('/invite/', '');
const sha256 = (s: string) => crypto.createHash('sha256').update(s).digest('hex');

function db() {
  return new Database(path.join(hub.dataDir, 'hub.sqlite'));
}

beforeAll(async () => {
  hub = await startTestHub({ config: { server: { trustProxy: ['127.0.0.1'] } } });
  admin = await login(hub.url, 'admin', hub.adminPassword);
  ward = await addArea(hub.url, admin, 'Phường Hòa Minh');
  to3 = await addArea(hub.url, admin, 'Tổ 3', ward);
  to4 = await addArea(hub.url, admin, 'Tổ 4', ward);
}, 60_000);
afterAll(async () => {
  await hub?.close();
});

describe('creating invitations', () => {
  it('gives a 192-bit link token and an 8-character code once, and stores only their SHA-256', async () => {
    const inv = await invite('Nguyễn Thị Hoa');
    expect(inv).toMatchObject({ displayName: 'Nguyễn Thị Hoa', areaId: to3, status: 'open', createdBy: 'Quản trị viên', usedAt: null });
    expect(tokenOf(inv)).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(inv.code).toMatch(/^[2-9A-HJKMNP-TW-Z]{4}-[2-9A-HJKMNP-TW-Z]{4}$/);
    const days = (Date.parse(inv.expiresAt) - Date.parse(inv.createdAt)) / 86_400_000;
    expect(days).toBeCloseTo(7, 3);
    const d = db();
    const row = d.prepare('SELECT * FROM invitations WHERE id = ?').get(inv.id) as Record<string, unknown>;
    d.close();
    expect(row.token_hash).toBe(sha256(tokenOf(inv)));
    expect(row.code_hash).toBe(sha256(inv.code.replace('-', '')));
    expect(JSON.stringify(row)).not.toContain(tokenOf(inv));
    expect(JSON.stringify(row)).not.toContain(inv.code.replace('-', ''));
    // the list never shows them again
    const list = await api('GET', '/api/invitations');
    expect(list.text).not.toContain(tokenOf(inv));
    expect(list.text).not.toContain(inv.code);
    expect(Object.keys(list.json.invitations[0]).sort()).toEqual(['areaId', 'createdAt', 'createdBy', 'displayName', 'expiresAt', 'id', 'status', 'usedAt']);
  });

  it('is for staff in their own areas: a limited operator only inside, residents and strangers never', async () => {
    const op = await api('POST', '/api/users', { username: 'op.to4', displayName: 'Op', role: 'operator', password: 'operator-pass-1', areaLimits: [to4] });
    expect(op.status, op.text).toBe(201);
    const opCookie = await login(hub.url, 'op.to4', 'operator-pass-1');
    expect((await invite('Trần Văn Bốn', to4, opCookie)).areaId).toBe(to4);
    const outside = await api('POST', '/api/invitations', { displayName: 'X', areaId: to3 }, { cookie: opCookie });
    expect(outside.status).toBe(403);
    const seen = (await api('GET', '/api/invitations', undefined, { cookie: opCookie })).json.invitations as InvitationDto[];
    expect(seen.map((i) => i.areaId)).toEqual([to4]);
    expect((await api('POST', '/api/invitations', { displayName: 'X', areaId: 99999 })).json.error.code).toBe('area-not-found');
    expect((await api('POST', '/api/invitations', { displayName: '', areaId: to3 })).json.error.code).toBe('validation-failed');
    expect((await api('GET', '/api/invitations', undefined, { cookie: null })).status).toBe(401);
    expect((await api('POST', '/api/invitations', { displayName: 'X', areaId: to3 }, { cookie: null })).status).toBe(401);
  });
});

describe('accepting', () => {
  it('lookup shows the name and area only; accept makes a signed-in resident of that area, once', async () => {
    const inv = await invite('Lê Văn Tư');
    const ip = '10.20.0.1';
    const byToken = await api('POST', '/api/invitations/lookup', { token: tokenOf(inv) }, { cookie: null, ip });
    expect(byToken.status, byToken.text).toBe(200);
    expect(byToken.json).toEqual({ displayName: 'Lê Văn Tư', areaName: 'Tổ 3, Phường Hòa Minh' });
    const typed = inv.code.toLowerCase().replace('-', ' ');
    expect((await api('POST', '/api/invitations/lookup', { code: typed }, { cookie: null, ip })).json.displayName).toBe('Lê Văn Tư');

    const weak = await api('POST', '/api/invitations/accept', { code: inv.code, username: 'tu.le', password: 'short1' }, { cookie: null, ip });
    expect(weak.json.error.code).toBe('password-too-short');
    expect((await api('POST', '/api/invitations/accept', { code: inv.code, username: 'admin', password: 'long-enough-1' }, { cookie: null, ip }))
      .json.error.code).toBe('username-taken');
    const ok = await api('POST', '/api/invitations/accept', { code: inv.code, username: 'Tu.Le', password: 'nha-so-12-ngo-3' }, { cookie: null, ip });
    expect(ok.status, ok.text).toBe(201);
    expect(ok.json.user).toMatchObject({ username: 'tu.le', displayName: 'Lê Văn Tư', role: 'resident', areaId: to3, areaScope: null });
    expect(ok.setCookie).toMatch(/^mt_session=[^;]+;.*HttpOnly/i);
    const cookie = ok.setCookie!.split(';')[0]!;
    const me = (await api('GET', '/api/auth/me', undefined, { cookie })).json.user as SessionUserDto;
    expect(me).toMatchObject({ username: 'tu.le', role: 'resident', areaId: to3 });
    expect((await login(hub.url, 'tu.le', 'nha-so-12-ngo-3')).startsWith('mt_session=')).toBe(true);

    const again = await api('POST', '/api/invitations/accept', { token: tokenOf(inv), username: 'tu.le2', password: 'nha-so-12-ngo-3' }, { cookie: null, ip });
    expect(again.status).toBe(409);
    expect(again.json.error.code).toBe('invitation-used');
    const listed = ((await api('GET', '/api/invitations')).json.invitations as InvitationDto[]).find((i) => i.id === inv.id)!;
    expect(listed.status).toBe('used');
    expect(listed.usedAt).not.toBeNull();
    const d = db();
    const row = d.prepare('SELECT u.invited_by AS invitedBy, i.used_by AS usedBy FROM users u JOIN invitations i ON i.used_by = u.id WHERE u.username = ?').get('tu.le');
    d.close();
    expect(row).toEqual({ invitedBy: 1, usedBy: me.id });
  });

  it('refuses withdrawn, expired and wrong invitations with stable codes', async () => {
    const ip = '10.20.0.2';
    const revoked = await invite('Người bị thu hồi');
    const r = await api('DELETE', `/api/invitations/${revoked.id}`);
    expect(r.json.invitation.status).toBe('revoked');
    const expired = await invite('Người quá hạn');
    const d = db();
    d.prepare('UPDATE invitations SET expires_at = ? WHERE id = ?').run(new Date(Date.now() - 1000).toISOString(), expired.id);
    d.close();
    const cases: [unknown, number, string][] = [
      [{ token: tokenOf(revoked) }, 410, 'invitation-revoked'],
      [{ code: expired.code }, 410, 'invitation-expired'],
      [{ code: 'ZZZZ-ZZZZ' }, 404, 'invitation-not-found'],
      [{ token: 'not-a-token' }, 404, 'invitation-not-found'],
    ];
    for (const [secret, status, code] of cases) {
      for (const route of ['lookup', 'accept']) {
        const body = route === 'accept' ? { ...(secret as object), username: 'someone', password: 'long-enough-1' } : secret;
        const res = await api('POST', `/api/invitations/${route}`, body, { cookie: null, ip: `${ip}${route === 'accept' ? '1' : ''}` });
        expect(res.status, `${route} ${JSON.stringify(secret)}`).toBe(status);
        expect(res.json.error.code).toBe(code);
        expect(res.json.error.message.length).toBeGreaterThan(10);
      }
    }
    expect((await api('POST', '/api/invitations/lookup', { token: 'a', code: 'b' }, { cookie: null })).json.error.code).toBe('validation-failed');
    const statuses = ((await api('GET', '/api/invitations')).json.invitations as InvitationDto[]);
    expect(statuses.find((i) => i.id === expired.id)?.status).toBe('expired');
    expect(statuses.find((i) => i.id === revoked.id)?.status).toBe('revoked');
  });

  it('limits guesses per address like logins: once over, even a right code waits', async () => {
    const inv = await invite('Người đợi');
    const ip = '10.20.0.3';
    const answers: number[] = [];
    for (let i = 0; i < 12; i++) {
      const res = await api('POST', '/api/invitations/accept', { code: `WRNG-${String(i).padStart(4, '2')}`, username: 'x.guess', password: 'long-enough-1' },
        { cookie: null, ip });
      answers.push(res.status);
    }
    expect(answers.slice(0, 5)).toEqual([404, 404, 404, 404, 404]);
    expect(answers.at(-1)).toBe(429);
    const blocked = await api('POST', '/api/invitations/accept', { code: inv.code, username: 'doi.nguoi', password: 'long-enough-1' }, { cookie: null, ip });
    expect(blocked.status).toBe(429);
    expect(blocked.json.error.code).toBe('too-many-attempts');
    // another address is not held up
    const other = await api('POST', '/api/invitations/accept', { code: inv.code, username: 'doi.nguoi', password: 'long-enough-1' }, { cookie: null, ip: '10.20.0.4' });
    expect(other.status, other.text).toBe(201);
  });

  it('another site cannot make a browser accept an invitation', async () => {
    const inv = await invite('Người bị lừa');
    const res = await api('POST', '/api/invitations/accept', { code: inv.code, username: 'bi.lua', password: 'long-enough-1' },
      { cookie: null, headers: { origin: 'http://evil.example', 'sec-fetch-site': 'cross-site' } });
    expect(res.status).toBe(403);
    expect(res.json.error.code).toBe('cross-site-request');
  });

  it('writes who invited whom, and who revoked it, into the access log; a refused attempt writes nothing', async () => {
    const inv = await invite('Trần Thị Ghi Sổ');
    expect((await api('DELETE', `/api/invitations/${inv.id}`)).status).toBe(200);
    expect((await api('POST', '/api/invitations', { displayName: '', areaId: to3 })).status).toBe(400);
    const entries = (await api('GET', '/api/audit?limit=50')).json.entries as { action: string; detail: string | null; username: string }[];
    const mine = entries.filter((e) => e.action === 'invitation-created' || e.action === 'invitation-revoked');
    expect(mine.filter((e) => e.detail?.startsWith('Trần Thị Ghi Sổ') || e.detail === `#${inv.id}`).map((e) => [e.action, e.username]))
      .toEqual([['invitation-revoked', 'admin'], ['invitation-created', 'admin']]);
    expect(mine.some((e) => e.detail?.startsWith(' →') || e.detail === '→')).toBe(false);
    expect((await api('GET', '/api/audit/verify')).json.ok).toBe(true);
  });
});
