// The authorization matrix (issue #9): every camera route, media path, push subscription and socket event ×
// anonymous, the post's staff (admin, police of the whole commune, operators limited to one area), the camera's
// owner, a neighbour in the same tổ and a resident of another × each consent and approval state. The expectations
// are written out by hand below — not computed from server/access/permissions.ts — so a rule that drifts fails here.
// Real hub process, a real GStreamer camera, real SQLite; the areas, limits, owners and consents are set in the
// hub's database file (the API that sets them has its own tests), everything checked goes through HTTP and sockets.
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RtspCamera } from '../../fixtures/rtsp-camera.ts';
import { login, startTestHub, type TestHub } from '../../helpers/hub.ts';
import { apiClient, connectSocket, userCookie } from '../sources/source-helpers.ts';
import { openLive, type LiveClient } from '../live-push/live-client.ts';

type Who = 'anonymous' | 'admin' | 'police' | 'opT1' | 'opT2' | 'owner' | 'neighbour' | 'other';
type Cam = 'post-t1' | 'post-unplaced' | 'home-private' | 'home-live' | 'home-request' | 'home-group' | 'home-pending' | 'home-declined';
/** V view (listed, details) · L live (LL-HLS, push) · S snapshot · R recordings · F flag an incident */
type Right = 'V' | 'L' | 'S' | 'R' | 'F';

const OWNER_ALL = 'VLSR';
const EXPECTED: Record<Cam, Partial<Record<Who, string>>> = {
  'post-t1': { admin: 'VLSRF', police: 'VLSRF', opT1: 'VLSRF' },
  'post-unplaced': { admin: 'VLSRF', police: 'VLSRF' },
  'home-private': { owner: OWNER_ALL },
  'home-live': { admin: 'VLSRF', police: 'VLSRF', opT1: 'VLSRF', owner: OWNER_ALL },
  'home-request': { admin: 'V', police: 'V', owner: OWNER_ALL },
  'home-group': { owner: OWNER_ALL, neighbour: 'VL' },
  'home-pending': { admin: 'VS', police: 'VS', owner: OWNER_ALL },
  'home-declined': { owner: OWNER_ALL },
};
/** M manage (rename) · C the owner's consent and access log · Q ask for footage · A approve (listed to approve) */
const CHANGES: Record<Cam, Partial<Record<Who, string>>> = {
  'post-t1': { admin: 'M' },
  'post-unplaced': { admin: 'M' },
  'home-private': { owner: 'MC' },
  'home-live': { owner: 'MC' },
  'home-request': { admin: 'Q', police: 'Q', owner: 'MC' },
  'home-group': { owner: 'MC' },
  'home-pending': { admin: 'A', police: 'A', owner: 'MC' },
  'home-declined': { owner: 'MC' },
};
const CAMS = Object.keys(EXPECTED) as Cam[];
const WHO: Who[] = ['anonymous', 'admin', 'police', 'opT1', 'opT2', 'owner', 'neighbour', 'other'];
const expects = (who: Who, cam: Cam, right: Right) => (EXPECTED[cam][who] ?? '').includes(right);

let hub: TestHub;
let camera: RtspCamera;
const cookie: Partial<Record<Who, string>> = {};
const ids = {} as Record<Cam, string>;
const sockets: Partial<Record<Who, Socket>> = {};
const seen: Partial<Record<Who, Set<string>>> = {};
/** the cameras of the incidents each socket heard of */
const incidentCameras: Partial<Record<Who, Set<string>>> = {};
const lives: LiveClient[] = [];
let category = '';

const call = (who: Who, method: string, p: string, body?: unknown) =>
  apiClient(hub, cookie[who] ?? '')(method, p, body, cookie[who] ?? null);

beforeAll(async () => {
  camera = await RtspCamera.start({ mounts: ['/cam:320x180@10:10'] });
  hub = await startTestHub({ config: { media: { idleTimeoutSec: 30 }, recording: { defaultMode: 'off' } } });
  cookie.admin = await login(hub.url, 'admin', hub.adminPassword);
  for (const cam of CAMS) {
    const r = await call('admin', 'POST', '/api/cameras', { name: cam, source: { kind: 'rtsp', url: camera.url('/cam') } });
    expect(r.status, r.text).toBe(201);
    ids[cam] = r.json.camera.id;
  }
  for (const who of ['police', 'opT1', 'opT2', 'owner', 'neighbour', 'other'] as const) {
    cookie[who] = await userCookie(hub, who.toLowerCase(), who === 'police' ? 'police' : who.startsWith('op') ? 'operator' : 'resident');
  }
  const db = new Database(path.join(hub.dataDir, 'hub.sqlite'));
  const now = new Date().toISOString();
  const area = (name: string, parent: number | null) =>
    Number(db.prepare('INSERT INTO areas (parent_id, name, created_at, updated_at) VALUES (?, ?, ?, ?)').run(parent, name, now, now).lastInsertRowid);
  const commune = area('Xã Tân Lập', null);
  const t1 = area('Tổ 1', commune);
  const t2 = area('Tổ 2', commune);
  const userId = (u: string) => db.prepare('SELECT id FROM users WHERE username = ?').pluck().get(u) as number;
  db.prepare('UPDATE users SET area_id = ? WHERE username IN (?, ?)').run(t1, 'owner', 'neighbour');
  db.prepare('UPDATE users SET area_id = ? WHERE username = ?').run(t2, 'other');
  db.prepare('INSERT INTO user_area_limits (user_id, area_id) VALUES (?, ?), (?, ?)').run(userId('opt1'), t1, userId('opt2'), t2);
  const set = (cam: Cam, cols: string) => db.prepare(`UPDATE cameras SET ${cols} WHERE id = ?`).run(ids[cam]);
  set('post-t1', `area_id = ${t1}`);
  const home = `area_id = ${t1}, owner_id = ${userId('owner')}`;
  set('home-private', home);
  set('home-live', `${home}, share_police_live = 1`);
  set('home-request', `${home}, share_police_on_request = 1`);
  set('home-group', `${home}, share_group = 1`);
  set('home-pending', `${home}, share_police_live = 1, share_police_on_request = 1, share_group = 1, approval = 'pending'`);
  set('home-declined', `${home}, share_police_live = 1, share_group = 1, approval = 'declined', approval_reason = 'nhìn vào nhà hàng xóm'`);
  db.close();
  // log in again: a session carries the areas its user may act in
  for (const who of ['opT1', 'opT2', 'owner', 'neighbour', 'other'] as const) {
    cookie[who] = await login(hub.url, who.toLowerCase(), `${who.toLowerCase()}-pw-123`);
  }
  for (const who of WHO.filter((w) => w !== 'anonymous')) {
    const s = await connectSocket(hub, cookie[who]!);
    const got = (seen[who] = new Set());
    const incidents = (incidentCameras[who] = new Set());
    s.onAny((event: string, e: { cameraId?: string; id?: string; clips?: { cameraId: string }[] }) => {
      if (event.startsWith('incident:')) for (const c of e.clips ?? []) incidents.add(c.cameraId);
      const id = e?.cameraId ?? e?.id;
      if (typeof id === 'string') got.add(id);
    });
    sockets[who] = s;
  }
  category = (await call('admin', 'GET', '/api/incidents/categories')).json.categories[0].id;
}, 90_000);

afterAll(async () => {
  for (const s of Object.values(sockets)) s?.disconnect();
  for (const l of lives) await l.close();
  await hub?.close();
  await camera?.stop();
});

const refused = (status: number) => status === 401 || status === 403 || status === 404;

describe.each(CAMS)('camera %s', (cam) => {
  it.each(WHO)('%s: list, details, recordings, snapshot, LL-HLS and flag as the rules say', async (who) => {
    const id = ids[cam];
    const list = await call(who, 'GET', '/api/cameras');
    if (who === 'anonymous') expect(list.status).toBe(401);
    else expect(list.json.cameras.some((c: { id: string }) => c.id === id), `${who} lists ${cam}`).toBe(expects(who, cam, 'V'));

    const one = await call(who, 'GET', `/api/cameras/${id}`);
    expect(one.status, `${who} GET ${cam}`).toBe(expects(who, cam, 'V') ? 200 : who === 'anonymous' ? 401 : 404);
    if (one.status === 200 && who !== 'owner' && who !== 'admin' && who !== 'police' && who !== 'opT1') {
      expect(one.json.camera.owner.displayName, 'a neighbour is not told whose camera it is').toBe('');
    }

    const span = `from=${encodeURIComponent(new Date(Date.now() - 3600_000).toISOString())}&to=${encodeURIComponent(new Date().toISOString())}`;
    const rec = await call(who, 'GET', `/api/cameras/${id}/recordings?${span}`);
    if (expects(who, cam, 'R')) expect(rec.status, `${who} recordings of ${cam}`).toBe(200);
    else expect(refused(rec.status), `${who} recordings of ${cam}: ${rec.status}`).toBe(true);
    const vod = await call(who, 'GET', `/vod/${id}/index.m3u8?${span}`);
    if (!expects(who, cam, 'R')) expect(refused(vod.status), `${who} VOD of ${cam}: ${vod.status}`).toBe(true);
    else expect(refused(vod.status), `${who} VOD of ${cam}: ${vod.status}`).toBe(false);

    const snap = await call(who, 'GET', `/api/cameras/${id}/snapshot.jpg`);
    if (expects(who, cam, 'S')) expect(snap.status, `${who} snapshot of ${cam}: ${snap.text.slice(0, 200)}`).toBe(200);
    else expect(refused(snap.status), `${who} snapshot of ${cam}: ${snap.status}`).toBe(true);

    const hls = await call(who, 'GET', `/live/${id}/main/index.m3u8`);
    if (expects(who, cam, 'L')) expect(hls.status, `${who} LL-HLS of ${cam}: ${hls.text.slice(0, 200)}`).toBe(200);
    else expect(refused(hls.status), `${who} LL-HLS of ${cam}: ${hls.status}`).toBe(true);

    const flag = await call(who, 'POST', '/api/incidents', { category, cameraIds: [id] });
    if (expects(who, cam, 'F')) expect(flag.status, `${who} flags ${cam}: ${flag.text}`).toBe(201);
    else expect(refused(flag.status), `${who} flags ${cam}: ${flag.status}`).toBe(true);
  }, 60_000);
});

const mayChange = (who: Who, cam: Cam, right: 'M' | 'C' | 'Q' | 'A') => (CHANGES[cam][who] ?? '').includes(right);

describe.each(CAMS)('changes to camera %s', (cam) => {
  it.each(WHO)('%s: rename, consent, access log, footage request and approval list as the rules say', async (who) => {
    const id = ids[cam];
    const patch = await call(who, 'PATCH', `/api/cameras/${id}`, { name: cam });
    if (mayChange(who, cam, 'M')) expect(patch.status, `${who} renames ${cam}: ${patch.text}`).toBe(200);
    else expect(refused(patch.status), `${who} renames ${cam}: ${patch.status}`).toBe(true);

    const log = await call(who, 'GET', `/api/cameras/${id}/access-log`);
    if (mayChange(who, cam, 'C')) expect(log.status, `${who} reads the access log of ${cam}: ${log.text}`).toBe(200);
    else expect(refused(log.status), `${who} reads the access log of ${cam}: ${log.status}`).toBe(true);
    const current = (await call('admin', 'GET', `/api/cameras/${id}`)).json?.camera?.shares
      ?? (await call('owner', 'GET', `/api/cameras/${id}`)).json.camera.shares;
    const consent = await call(who, 'PUT', `/api/cameras/${id}/consent`, { shares: current });
    if (mayChange(who, cam, 'C')) expect(consent.status, `${who} sets the consent of ${cam}: ${consent.text}`).toBe(200);
    else expect(refused(consent.status), `${who} sets the consent of ${cam}: ${consent.status}`).toBe(true);

    const ask = await call(who, 'POST', '/api/footage-requests', {
      cameraId: id, reason: 'Xác minh vụ trộm xe', from: new Date(Date.now() - 20 * 60_000).toISOString(), to: new Date(Date.now() - 10 * 60_000).toISOString(),
    });
    if (mayChange(who, cam, 'Q')) expect(ask.status, `${who} asks for footage of ${cam}: ${ask.text}`).toBe(201);
    else if ((who === 'admin' || who === 'police') && expects(who, cam, 'R')) {
      // an officer who can replay the camera is told to flag an incident instead
      expect([ask.status, ask.json?.error?.code], `${who} asks for footage of ${cam}`).toEqual([409, 'footage-request-not-needed']);
    } else expect(refused(ask.status), `${who} asks for footage of ${cam}: ${ask.status} ${ask.text}`).toBe(true);

    const approvals = await call(who, 'GET', '/api/approvals');
    const listed = approvals.status === 200 && approvals.json.cameras.some((c: { id: string }) => c.id === id);
    expect(listed, `${who} is asked to approve ${cam}`).toBe(mayChange(who, cam, 'A'));
  }, 60_000);
});

describe('the live push', () => {
  it.each(WHO.filter((w) => w !== 'anonymous'))('%s: a subscription starts exactly on the cameras it may watch live', async (who) => {
    const c = await openLive(hub.url, cookie[who]!);
    lives.push(c);
    CAMS.forEach((cam, ch) => c.send({ op: 'sub', ch: ch + 1, cameraId: ids[cam], stream: 'main' }));
    await c.until(() => CAMS.every((_cam, ch) => c.json(ch + 1).some((m) => m.op === 'init' || m.op === 'error')), 'an answer on every channel', 30_000);
    for (const [ch, cam] of CAMS.entries()) {
      const answer = c.json(ch + 1).find((m) => m.op === 'init' || m.op === 'error')!;
      expect(answer.op, `${who} push ${cam}`).toBe(expects(who, cam, 'L') ? 'init' : 'error');
      if (!expects(who, cam, 'L')) expect(c.binary(ch + 1)).toEqual([]);
    }
    await c.close();
  }, 60_000);

  it('anonymous cannot open the socket at all', async () => {
    await expect(openLive(hub.url, null)).rejects.toThrow(/401/);
  });
});

describe('socket events', () => {
  it('no event about a camera reaches a socket whose user may not see it; every watcher hears of its cameras', async () => {
    // the tests above started every camera's session: each camera's status changed while all sockets listened
    for (const who of WHO.filter((w) => w !== 'anonymous')) {
      for (const cam of CAMS) {
        expect(seen[who]!.has(ids[cam]), `${who} heard of ${cam}`).toBe(expects(who, cam, 'V'));
      }
    }
  });

  it('an incident reaches the staff of its camera and the staff of the whole commune, nobody else', () => {
    // the flags above made one incident on each camera someone may flag
    const flagged = CAMS.filter((cam) => WHO.some((w) => expects(w, cam, 'F')));
    for (const who of ['admin', 'police'] as const) {
      expect([...incidentCameras[who]!].sort(), `${who} (whole commune)`).toEqual(flagged.map((c) => ids[c]).sort());
    }
    expect([...incidentCameras.opT1!].sort(), 'opT1').toEqual(flagged.filter((c) => expects('opT1', c, 'V')).map((c) => ids[c]).sort());
    for (const who of ['opT2', 'owner', 'neighbour', 'other'] as const) expect([...incidentCameras[who]!], who).toEqual([]);
  });
});
