// The real hub process on a throwaway data directory: auth, cameras API, hostile input, secrets at rest.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { io as ioClient } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../../server/auth/password-hash.ts';
import type { CameraDto } from '../../../server/contracts.ts';
import { login, startTestHub, type TestHub } from '../../helpers/hub.ts';

const SECRET = 'Sup3r-s3cret-pw';
let hub: TestHub;
let cookie: string;

async function api(method: string, p: string, body?: unknown, c: string | null = cookie) {
  const res = await fetch(`${hub.url}${p}`, {
    method,
    headers: { ...(c ? { cookie: c } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, json: text ? JSON.parse(text) : undefined };
}

beforeAll(async () => {
  hub = await startTestHub({ config: { auth: { loginRateLimit: { maxAttempts: 4, windowSec: 60 } } } });
  cookie = await login(hub.url, 'admin', hub.adminPassword);
});
afterAll(async () => {
  await hub?.close();
});

describe('without a session', () => {
  it('answers 401 on the API, on /live and on the socket; health and the login route stay open', async () => {
    for (const p of ['/api/cameras', '/api/auth/me', '/api/cameras/x', '/live/demo-1/main/index.m3u8', '/live/x/sub/init.mp4']) {
      const r = await api('GET', p, undefined, null);
      expect(r.status, p).toBe(401);
      expect(r.json.error.code).toBe('unauthenticated');
    }
    expect((await api('POST', '/api/cameras', { name: 'x' }, null)).status).toBe(401);
    expect((await api('GET', '/api/cameras', undefined, 'mt_session=forged-token')).status).toBe(401);
    expect((await api('GET', '/api/health', undefined, null)).json.status).toBe('ok');

    const socket = ioClient(hub.url, { transports: ['websocket'], reconnection: false });
    const err = await new Promise<Error>((resolve) => socket.on('connect_error', resolve));
    socket.close();
    expect(err.message).toBe('unauthenticated');
  });
});

describe('login', () => {
  it('sets an HttpOnly SameSite cookie and refuses a wrong password with a stable code', async () => {
    const res = await fetch(`${hub.url}/api/auth/login`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: hub.adminPassword }),
    });
    expect(res.status).toBe(200);
    const setCookie = res.headers.get('set-cookie')!;
    expect(setCookie).toMatch(/^mt_session=[\w-]{40,};/);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    expect((await res.json()).user).toMatchObject({ username: 'admin', role: 'admin' });

    const bad = await api('POST', '/api/auth/login', { username: 'admin', password: 'wrong' }, null);
    expect(bad.status).toBe(401);
    expect(bad.json.error.code).toBe('invalid-credentials');
    const me = await api('GET', '/api/auth/me');
    expect(me.json.user.username).toBe('admin');
  });

  it('answers 400 to a malformed body', async () => {
    const r = await api('POST', '/api/auth/login', '{"username": ', null);
    expect(r.status).toBe(400);
    expect(r.json.error.code).toBe('invalid-json');
    const r2 = await api('POST', '/api/auth/login', { user: 'admin' }, null);
    expect(r2.json.error.code).toBe('validation-failed');
  });
});

describe('cameras API', () => {
  let created: CameraDto;

  it('creates a camera, keeps the password encrypted at rest and never sends it back', async () => {
    const socket = ioClient(hub.url, { transports: ['websocket'], reconnection: false, extraHeaders: { cookie } });
    const pushed = new Promise<CameraDto>((resolve) => socket.on('camera:created', resolve));
    await new Promise<void>((resolve, reject) => { socket.on('connect', resolve); socket.on('connect_error', reject); });

    const r = await api('POST', '/api/cameras', {
      name: 'Cổng nhà văn hóa thôn 2',
      source: { kind: 'rtsp', url: `rtsp://admin:${SECRET}@127.0.0.1:8554/main`, subUrl: `rtsp://admin:${SECRET}@127.0.0.1:8554/sub` },
    });
    expect(r.status).toBe(201);
    created = r.json.camera;
    expect(created).toMatchObject({
      name: 'Cổng nhà văn hóa thôn 2', demo: false, hasSub: true, status: 'idle',
      source: { kind: 'rtsp', url: 'rtsp://admin@127.0.0.1:8554/main', subUrl: 'rtsp://admin@127.0.0.1:8554/sub', hasPassword: true },
    });
    expect((await pushed).id).toBe(created.id);
    socket.close();

    const list = await api('GET', '/api/cameras');
    expect(list.json.cameras.map((c: CameraDto) => c.id)).toContain(created.id);
    for (const text of [r.text, list.text, (await api('GET', `/api/cameras/${created.id}`)).text]) {
      expect(text).not.toContain(SECRET);
    }
    const db = new Database(path.join(hub.dataDir, 'hub.sqlite'), { readonly: true });
    const row = db.prepare('SELECT * FROM cameras WHERE id = ?').get(created.id) as Record<string, string>;
    db.close();
    expect(JSON.stringify(row)).not.toContain(SECRET);
    expect(row.main_password_enc).toMatch(/^v1\./);
    for (const f of fs.readdirSync(hub.dataDir)) {
      if (fs.statSync(path.join(hub.dataDir, f)).isFile()) {
        expect(fs.readFileSync(path.join(hub.dataDir, f)).includes(SECRET), f).toBe(false);
      }
    }
  });

  it('refuses hostile or wrong URLs with 400 and a stable code', async () => {
    const cases: [string, string][] = [
      ['file:///etc/passwd', 'url-scheme-not-allowed'],
      ['concat:rtsp://a/b|file:///etc/passwd', 'url-scheme-not-allowed'],
      ['subfile:,,start,0,end,0,,:/etc/passwd', 'url-scheme-not-allowed'],
      ['pipe:0', 'url-scheme-not-allowed'],
      ['http://127.0.0.1/x.m3u8', 'url-scheme-not-allowed'],
      ['rtsp://127.0.0.1/a\nb', 'url-invalid'],
      ['-i /etc/passwd', 'url-invalid'],
    ];
    for (const [url, code] of cases) {
      const r = await api('POST', '/api/cameras', { name: 'x', source: { kind: 'rtsp', url } });
      expect(r.status, url).toBe(400);
      expect(r.json.error.code, url).toBe(code);
      expect(r.json.error.message.length).toBeGreaterThan(10);
    }
    const sub = await api('POST', '/api/cameras', { name: 'x', source: { kind: 'rtsp', url: 'rtsp://h/a', subUrl: 'file:/x' } });
    expect(sub.json.error.code).toBe('url-scheme-not-allowed');
    const extra = await api('POST', '/api/cameras', { name: 'x', source: { kind: 'rtsp', url: 'rtsp://h/a' }, admin: true });
    expect(extra.json.error.code).toBe('validation-failed');
    const kind = await api('POST', '/api/cameras', { name: 'x', source: { kind: 'demo' } });
    expect(kind.json.error.code).toBe('validation-failed');
  });

  it('edits while keeping the stored password when the URL comes back without it, and deletes', async () => {
    const db = () => new Database(path.join(hub.dataDir, 'hub.sqlite'), { readonly: true });
    const sealed = () => {
      const d = db();
      const v = d.prepare('SELECT main_password_enc FROM cameras WHERE id = ?').pluck().get(created.id);
      d.close();
      return v;
    };
    const before = sealed();
    const r = await api('PATCH', `/api/cameras/${created.id}`, {
      name: 'Cổng NVH thôn 2', source: { kind: 'rtsp', url: created.source.kind === 'rtsp' ? created.source.url : '' },
    });
    expect(r.status).toBe(200);
    expect(r.json.camera).toMatchObject({ name: 'Cổng NVH thôn 2', hasSub: false, source: { hasPassword: true } });
    expect(sealed()).toBe(before);
    const r2 = await api('PATCH', `/api/cameras/${created.id}`, { source: { kind: 'rtsp', url: 'rtsp://127.0.0.1:8554/main' } });
    expect(r2.json.camera.source.hasPassword).toBe(false);
    expect(sealed()).toBeNull();

    expect((await api('DELETE', `/api/cameras/${created.id}`)).status).toBe(204);
    const gone = await api('GET', `/api/cameras/${created.id}`);
    expect(gone.status).toBe(404);
    expect(gone.json.error.code).toBe('camera-not-found');
    expect((await api('DELETE', `/api/cameras/${created.id}`)).status).toBe(404);
    expect((await api('GET', '/api/nothing-here')).json.error.code).toBe('not-found');
  });

  it('lets a resident log in; one not placed in an area sees no camera and cannot add one', async () => {
    const d = new Database(path.join(hub.dataDir, 'hub.sqlite'));
    const now = new Date().toISOString();
    d.prepare(`INSERT INTO users (username, display_name, role, password_hash, created_at, updated_at)
               VALUES ('dan', 'Nguyễn Văn Dân', 'resident', ?, ?, ?)`).run(await hashPassword('resident-pw'), now, now);
    d.close();
    const c = await login(hub.url, 'dan', 'resident-pw');
    expect((await api('GET', '/api/cameras', undefined, c)).json.cameras).toEqual([]);
    const r = await api('POST', '/api/cameras', { name: 'x', source: { kind: 'rtsp', url: 'rtsp://h/a' } }, c);
    expect(r.status).toBe(409);
    expect(r.json.error.code).toBe('resident-without-area');
  });

  it('never writes the camera password to its output', () => {
    expect(hub.output()).not.toContain(SECRET);
  });
});

describe('logout and rate limiting', () => {
  it('logout ends the session', async () => {
    const c = await login(hub.url, 'admin', hub.adminPassword);
    expect((await api('POST', '/api/auth/logout', undefined, c)).status).toBe(204);
    expect((await api('GET', '/api/cameras', undefined, c)).status).toBe(401);
  });

  it('answers 429 with Retry-After once an address failed too often, even with the right password', async () => {
    let last;
    for (let i = 0; i < 5; i++) last = await api('POST', '/api/auth/login', { username: 'admin', password: `nope${i}` }, null);
    expect(last!.status).toBe(429);
    expect(last!.json.error.code).toBe('too-many-attempts');
    expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0);
    const right = await api('POST', '/api/auth/login', { username: 'admin', password: hub.adminPassword }, null);
    expect(right.status).toBe(429);
  });
});
