// A session that expires while its sockets are open: its socket.io connection and its live push socket (with a
// playing subscription) close on their own, within about a second, without any request from the browser. The
// expiry is made by writing the session's end into the hub's own SQLite file, as time passing would.
import path from 'node:path';
import Database from 'better-sqlite3';
import { io as ioClient } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashToken } from '../../../server/auth/auth-service.ts';
import { CLOSE_SESSION_ENDED } from '../../../server/live-push/wire.ts';
import { RtspCamera } from '../../fixtures/rtsp-camera.ts';
import { login, startTestHub, type TestHub } from '../../helpers/hub.ts';
import { openLive } from '../live-push/live-client.ts';
import { apiClient } from '../sources/source-helpers.ts';

let hub: TestHub;
let camera: RtspCamera;

beforeAll(async () => {
  camera = await RtspCamera.start({ mounts: ['/main:320x180@15:15'] });
  hub = await startTestHub();
}, 30_000);
afterAll(async () => {
  await hub?.close();
  await camera?.kill();
});

describe('an expired session', () => {
  it('loses its event socket and its live video by itself', async () => {
    const admin = await login(hub.url, 'admin', hub.adminPassword);
    const r = await apiClient(hub, admin)('POST', '/api/cameras', { name: 'Cổng trạm y tế', source: { kind: 'rtsp', url: camera.url() } });
    expect(r.status, r.text).toBe(201);
    const cookie = await login(hub.url, 'admin', hub.adminPassword); // the session that will expire

    const socket = ioClient(hub.url, { transports: ['websocket'], reconnection: false, extraHeaders: { cookie } });
    await new Promise<void>((resolve, reject) => {
      socket.on('connect', resolve);
      socket.on('connect_error', reject);
    });
    const socketGone = new Promise<number>((resolve) => socket.on('disconnect', () => resolve(Date.now())));
    const live = await openLive(hub.url, cookie);
    live.send({ op: 'sub', ch: 1, cameraId: r.json.camera.id, stream: 'sub' });
    await live.until(() => live.binary(1).length > 5, 'live media');

    const token = cookie.split('=')[1]!;
    const db = new Database(path.join(hub.dataDir, 'hub.sqlite'));
    const expiredAt = Date.now();
    const changed = db.prepare('UPDATE sessions SET expires_at = ? WHERE token_hash = ?')
      .run(new Date(expiredAt).toISOString(), hashToken(token)).changes;
    db.close();
    expect(changed).toBe(1);

    const [socketAt, liveClosed] = await Promise.all([socketGone, live.closed]);
    const liveAt = Date.now();
    const mediaAfter = live.binary(1).filter((b) => b.at > liveAt).length;
    console.log(`expired session: socket.io closed after ${socketAt - expiredAt} ms, live push after ≤ ${liveAt - expiredAt} ms`);
    expect(liveClosed.code).toBe(CLOSE_SESSION_ENDED);
    expect(mediaAfter).toBe(0);
    // the other (admin) session is untouched
    expect((await apiClient(hub, admin)('GET', '/api/cameras')).status).toBe(200);
  }, 45_000);
});
