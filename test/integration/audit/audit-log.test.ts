// The access log on the real hub process, a real GStreamer camera and the hub's own SQLite file: what people do
// through the API and the media paths becomes entries with the client address the hub saw; the chain verifies;
// a row changed behind the hub's back is named; non-admins are refused; the chain continues after a restart.
// The hub trusts one proxy hop here (server.trustProxy: 1) and the test plays that proxy by sending
// X-Forwarded-For itself: no real reverse proxy runs in the test.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntryDto, AuditPageDto, AuditVerifyDto } from '../../../server/contracts.ts';
import { RtspCamera } from '../../fixtures/rtsp-camera.ts';
import { startTestHub, type TestHub } from '../../helpers/hub.ts';
import { eventually, playlistWithParts } from '../sources/source-helpers.ts';
import { openLive } from '../live-push/live-client.ts';
import { LIVE_WS_PATH } from '../../../server/live-push/wire.ts';

const OFFICER_IP = '203.0.113.7';
const ADMIN_IP = '198.51.100.20';
const CONFIG = { server: { trustProxy: 1 }, recording: { defaultMode: 'continuous', segmentSec: 5 }, media: { idleTimeoutSec: 3 } };

let hub: TestHub;
let camera: RtspCamera;
let adminPassword: string;
let admin: string;
let officer: string;
let officerId: number;
let cameraId: string;

async function call(method: string, p: string, opts: { cookie?: string | null; ip?: string; body?: unknown; headers?: Record<string, string> } = {}) {
  const res = await fetch(`${hub.url}${p}`, {
    method,
    headers: {
      ...(opts.cookie ? { cookie: opts.cookie } : {}),
      ...(opts.ip ? { 'x-forwarded-for': opts.ip } : {}),
      ...(opts.body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...opts.headers,
    },
    body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
  });
  const bytes = Buffer.from(await res.arrayBuffer());
  const text = bytes.toString('utf8');
  let json: any;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, json, bytes };
}

async function loginAs(username: string, password: string, ip: string): Promise<string> {
  const r = await fetch(`${hub.url}/api/auth/login`, {
    method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': ip }, body: JSON.stringify({ username, password }),
  });
  expect(r.status, await r.clone().text()).toBe(200);
  return r.headers.get('set-cookie')!.split(';')[0]!;
}

async function entries(query = ''): Promise<AuditEntryDto[]> {
  const r = await call('GET', `/api/audit?limit=500${query}`, { cookie: admin });
  expect(r.status, r.text).toBe(200);
  return (r.json as AuditPageDto).entries;
}

const verify = async () => (await call('GET', '/api/audit/verify', { cookie: admin })).json as AuditVerifyDto;

beforeAll(async () => {
  camera = await RtspCamera.start({ mounts: ['/main:320x180@15:15'] });
  hub = await startTestHub({ config: CONFIG });
  adminPassword = hub.adminPassword;
  admin = await loginAs('admin', adminPassword, ADMIN_IP);
  const u = await call('POST', '/api/users', {
    cookie: admin, body: { username: 'nam.ca', displayName: 'Trần Văn Nam', role: 'police', password: 'officer-pass-1' },
  });
  expect(u.status, u.text).toBe(201);
  officerId = u.json.user.id;
  officer = await loginAs('nam.ca', 'officer-pass-1', OFFICER_IP);
  const c = await call('POST', '/api/cameras', { cookie: admin, body: { name: 'Cổng UBND xã', source: { kind: 'rtsp', url: camera.url() } } });
  expect(c.status, c.text).toBe(201);
  cameraId = c.json.camera.id;
}, 60_000);
afterAll(async () => {
  await hub?.close();
  await camera?.kill();
});

describe('what people do becomes entries', () => {
  it('logs logins with the client address the hub saw', async () => {
    const mine = await entries(`&userId=${officerId}&action=login`);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ username: 'nam.ca', displayName: 'Trần Văn Nam', role: 'police', ip: OFFICER_IP });
    expect((await entries('&action=login')).find((e) => e.username === 'admin')).toMatchObject({ role: 'admin', ip: ADMIN_IP });
  });

  it('logs a snapshot once per user and camera in ten minutes, and not a refused one', async () => {
    for (let i = 0; i < 3; i++) {
      const r = await call('GET', `/api/cameras/${cameraId}/snapshot.jpg`, { cookie: officer, ip: OFFICER_IP });
      expect(r.status, r.text).toBe(200);
    }
    expect((await call('GET', '/api/cameras/nope/snapshot.jpg', { cookie: officer, ip: OFFICER_IP })).status).toBe(404);
    const snaps = await entries('&action=snapshot');
    expect(snaps).toHaveLength(1);
    expect(snaps[0]).toMatchObject({ userId: officerId, cameraId, cameraName: 'Cổng UBND xã', ip: OFFICER_IP });
  }, 30_000);

  it('logs an LL-HLS live view once for a player reloading its playlist', async () => {
    await playlistWithParts(hub, officer, cameraId, 'main'); // many playlist requests, from 127.0.0.1 itself
    for (let i = 0; i < 3; i++) {
      expect((await call('GET', `/live/${cameraId}/main/index.m3u8`, { cookie: officer })).status).toBe(200);
    }
    const views = await entries('&action=live-view-start');
    expect(views).toHaveLength(1);
    expect(views[0]).toMatchObject({ userId: officerId, cameraId, detail: 'hls main' });
    expect(views[0]!.ip).toMatch(/^(::ffff:)?127\.0\.0\.1$/);
  }, 40_000);

  it('logs a live view over the push socket with its exact start and end, and the address of the socket', async () => {
    const client = await openLive(hub.url, officer, hub.url, LIVE_WS_PATH, { 'x-forwarded-for': OFFICER_IP });
    client.send({ op: 'sub', ch: 7, cameraId, stream: 'sub' });
    await client.until(() => client.binary(7).length > 3, 'push media');
    client.send({ op: 'unsub', ch: 7 });
    const ended = await eventually(async () => {
      const e = await entries('&action=live-view-end');
      return e.length ? e : undefined;
    }, 10_000, 'the end of the push view');
    await client.close();
    const started = (await entries('&action=live-view-start')).filter((e) => e.detail?.startsWith('push'));
    expect(started).toHaveLength(1);
    expect(started[0]).toMatchObject({ userId: officerId, cameraId, ip: OFFICER_IP });
    expect(ended).toHaveLength(1);
    expect(ended[0]).toMatchObject({ userId: officerId, cameraId, ip: OFFICER_IP });
    expect(ended[0]!.detail).toMatch(/^push (main|sub) \d+s$/);
  }, 30_000);

  it('logs a VOD playback once, with the span asked for', async () => {
    const from = new Date(Date.now() - 600_000).toISOString();
    const to = new Date(Date.now() + 60_000).toISOString();
    const url = `/vod/${cameraId}/index.m3u8?from=${from}&to=${to}`;
    await eventually(async () => ((await call('GET', url, { cookie: officer, ip: OFFICER_IP })).status === 200 ? true : undefined), 30_000, 'a VOD playlist');
    expect((await call('GET', url, { cookie: officer, ip: OFFICER_IP })).status).toBe(200);
    const plays = await entries('&action=playback');
    expect(plays).toHaveLength(1);
    expect(plays[0]).toMatchObject({ userId: officerId, cameraId, ip: OFFICER_IP, detail: `${from} → ${to}` });
  }, 40_000);

  it('logs an evidence export and a clip download with the incident', async () => {
    // an incident inside footage already recorded, so its clip can be cut at once
    const from = new Date(Date.now() - 600_000).toISOString();
    const recordedFrom = await eventually(async () => {
      const r = await call('GET', `/api/cameras/${cameraId}/recordings?from=${from}&to=${new Date(Date.now() + 60_000).toISOString()}`, { cookie: officer });
      const start = r.json?.ranges?.[0] ? Date.parse(r.json.ranges[0].start) : NaN;
      return start < Date.now() - 1000 ? start : undefined;
    }, 30_000, 'footage');
    const made = await call('POST', '/api/incidents', {
      cookie: officer, ip: OFFICER_IP,
      body: { cameraIds: [cameraId], category: 'other', occurredAt: new Date(Math.max(recordedFrom + 5000, Date.now() - 1000)).toISOString(), preRollSec: 5, postRollSec: 5 },
    });
    expect(made.status, made.text).toBe(201);
    const incidentId = made.json.incident.id as number;
    const zip = await call('POST', `/api/incidents/${incidentId}/export`, { cookie: officer, ip: OFFICER_IP, headers: { origin: hub.url } });
    expect(zip.status, zip.text).toBe(200);
    expect((await entries('&action=export'))[0]).toMatchObject({ userId: officerId, incidentId, ip: OFFICER_IP });

    const cut = await eventually(async () => {
      const d = await call('GET', `/api/incidents/${incidentId}`, { cookie: officer });
      return d.json.incident.clips[0].status !== 'pending' ? d.json.incident.clips[0] : undefined;
    }, 30_000, 'the clip');
    expect(cut.status, JSON.stringify(cut)).toBe('ready');
    const clip = await call('GET', `/api/incidents/${incidentId}/clips/${cameraId}.mp4`, { cookie: officer, ip: OFFICER_IP });
    expect(clip.status).toBe(200);
    expect((await entries('&action=clip-download'))[0]).toMatchObject({ userId: officerId, incidentId, cameraId, ip: OFFICER_IP });
  }, 45_000);

  it('logs a logout', async () => {
    const c = await loginAs('nam.ca', 'officer-pass-1', '192.0.2.9');
    expect((await call('POST', '/api/auth/logout', { cookie: c, ip: '192.0.2.9' })).status).toBe(204);
    expect((await entries(`&action=logout&userId=${officerId}`))[0]).toMatchObject({ ip: '192.0.2.9' });
  });
});

describe('who may read the log', () => {
  it('refuses other roles (403) and people without a session (401)', async () => {
    for (const p of ['/api/audit', '/api/audit/verify', '/api/audit/export.csv']) {
      const r = await call('GET', p, { cookie: officer });
      expect(r.status, p).toBe(403);
      expect(r.json.error.code).toBe('forbidden');
      expect((await call('GET', p)).status, p).toBe(401);
    }
  });

  it('answers bad filters with 400 and a stable code', async () => {
    for (const q of ['action=watching', 'cursor=abc', 'from=yesterday', 'userId=-1', 'colour=red']) {
      const r = await call('GET', `/api/audit?${q}`, { cookie: admin });
      expect(r.status, q).toBe(400);
      expect(r.json.error.code, q).toBeTypeOf('string');
    }
  });

  it('filters by camera and pages newest first', async () => {
    const all = await entries();
    const cam = await entries(`&cameraId=${cameraId}`);
    expect(cam.map((e) => e.id)).toEqual(all.filter((e) => e.cameraId === cameraId).map((e) => e.id));
    const first = await call('GET', '/api/audit?limit=2', { cookie: admin });
    const second = await call('GET', `/api/audit?limit=2&cursor=${first.json.nextCursor}`, { cookie: admin });
    expect([...first.json.entries, ...second.json.entries].map((e: AuditEntryDto) => e.id)).toEqual(all.slice(0, 4).map((e) => e.id));
  });

  it('exports CSV in UTF-8 with a BOM, Vietnamese intact', async () => {
    const r = await call('GET', '/api/audit/export.csv', { cookie: admin });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect([...r.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = r.text.slice(1).trimEnd().split('\r\n');
    expect(lines[0]!.startsWith('id,at,userId,username,displayName,role,action,')).toBe(true);
    expect(lines).toHaveLength((await entries()).length + 1);
    expect(r.text).toContain('Trần Văn Nam');
  });
});

describe('the chain', () => {
  it('verifies, and continues across a restart', async () => {
    const before = await verify();
    expect(before).toMatchObject({ ok: true });
    const n = before.entries;
    expect(n).toBeGreaterThanOrEqual(8);

    await hub.close();
    hub = await startTestHub({ dataDir: hub.dataDir, config: CONFIG, env: { HUB_ADMIN_PASSWORD: adminPassword } });
    admin = await loginAs('admin', adminPassword, ADMIN_IP);
    const after = await verify();
    expect(after).toMatchObject({ ok: true, entries: n + 1 });
    const newest = (await entries())[0]!;
    expect(newest).toMatchObject({ action: 'login', username: 'admin', id: n + 1 });
    if (before.ok) expect(newest.prevHash).toBe(before.head!.hash);
  }, 60_000);

  it('names the entry changed behind the hub\'s back, in the hub\'s own database file', async () => {
    const target = (await entries(`&userId=${officerId}&action=snapshot`))[0]!;
    const db = new Database(path.join(hub.dataDir, 'hub.sqlite'));
    try {
      expect(() => db.prepare("UPDATE audit_log SET ip = '10.9.9.9' WHERE id = ?").run(target.id)).toThrow(/append-only/);
      db.exec('DROP TRIGGER audit_log_no_update');
      db.prepare("UPDATE audit_log SET ip = '10.9.9.9' WHERE id = ?").run(target.id);
    } finally {
      db.close();
    }
    expect(await verify()).toMatchObject({ ok: false, firstBrokenId: target.id, reason: 'hash-mismatch' });
    expect(fs.existsSync(path.join(hub.dataDir, 'hub.sqlite'))).toBe(true);
  });
});
