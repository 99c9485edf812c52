// A viewer that stops reading is cut back to keyframes; the hub's queue stays bounded and other viewers are
// untouched. And a hub with the push transport turned off answers the upgrade with 503 (the web app then falls
// back to LL-HLS). Real hub processes, a real GStreamer camera, the `ws` client.
import type { Socket } from 'node:net';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RtspCamera } from '../../fixtures/rtsp-camera.ts';
import { login, startTestHub, type TestHub } from '../../helpers/hub.ts';
import { FLAG_AFTER_SKIP, FLAG_KEYFRAME, FRAME_FRAGMENT } from '../../../server/live-push/wire.ts';
import type { LivePushDiagnostics } from '../../../server/live-push/push-server.ts';
import { openLive, refusedStatus, type LiveClient } from './live-client.ts';

const QUEUE = 256 * 1024;
const RESUME = 64 * 1024;
/** one stream subscribed on this many channels: ~100 KB/s each fills the loopback's buffers in seconds */
const CHANNELS = 24;

let camera: RtspCamera;
const hubs: TestHub[] = [];
const clients: LiveClient[] = [];

beforeAll(async () => {
  camera = await RtspCamera.start({ mounts: ['/main:640x360@15:15'] });
}, 30_000);

afterAll(async () => {
  for (const c of clients) c.ws.terminate();
  for (const h of hubs) await h.close();
  await camera?.stop();
});

async function hubWithCamera(config: Record<string, unknown>) {
  const hub = await startTestHub({ config });
  hubs.push(hub);
  const admin = await login(hub.url, 'admin', hub.adminPassword);
  const r = await fetch(`${hub.url}/api/cameras`, {
    method: 'POST',
    headers: { cookie: admin, 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'Chợ xã', source: { kind: 'rtsp', url: camera.url('/main') } }),
  });
  const body = (await r.json()) as { camera: { id: string } };
  return { hub, admin, cameraId: body.camera.id };
}

const rssOf = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) * 1024;
const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;

describe('backpressure', () => {
  it('a viewer that stops reading skips to keyframes; the queue stays bounded; another viewer is untouched', async () => {
    const { hub, admin, cameraId } = await hubWithCamera({ livePush: { viewerQueueBytes: QUEUE, resumeBelowBytes: RESUME } });
    const diag = async () => {
      const r = await fetch(`${hub.url}/api/diagnostics/live`, { headers: { cookie: admin } });
      return (await r.json()) as LivePushDiagnostics;
    };
    const slow = await openLive(hub.url, admin);
    const healthy = await openLive(hub.url, admin);
    clients.push(slow, healthy);
    for (let ch = 1; ch <= CHANNELS; ch++) slow.send({ op: 'sub', ch, cameraId, stream: 'main' });
    healthy.send({ op: 'sub', ch: 1, cameraId, stream: 'main' });
    await slow.until(() => slow.binary(CHANNELS).length > 5, 'media on every channel');
    await healthy.until(() => healthy.binary(1).length > 5, 'media for the healthy viewer');
    const rssBefore = rssOf(hub.process.pid!);
    const heapBefore = (await diag()).memory.heapUsedBytes;

    (slow.ws as unknown as { _socket: Socket })._socket.pause(); // stop reading: the hub's writes back up
    const healthyBefore = healthy.binary(1).length;
    let d = await diag();
    const end = Date.now() + 60_000;
    while (d.fragmentsDropped < 100 && Date.now() < end) {
      await new Promise((r) => setTimeout(r, 250));
      d = await diag();
    }
    expect(d.fragmentsDropped).toBeGreaterThanOrEqual(100);
    // keep it stalled a while longer, sampling what the hub holds for it
    let maxQueued = 0;
    for (let i = 0; i < 12; i++) {
      await new Promise((r) => setTimeout(r, 250));
      d = await diag();
      maxQueued = Math.max(maxQueued, d.maxViewerQueuedBytes);
    }
    const slowRow = d.viewers.find((v) => v.subscriptions === CHANNELS)!;
    const healthyRow = d.viewers.find((v) => v.subscriptions === 1)!;
    const rssAfter = rssOf(hub.process.pid!);
    console.log(`stalled viewer: dropped ${slowRow.fragmentsDropped} fragments in ${slowRow.skipEpisodes} episodes, `
      + `queued now ${slowRow.queuedBytes} B (max seen ${maxQueued} B, limit ${QUEUE} B); `
      + `hub RSS ${mb(rssBefore)} → ${mb(rssAfter)}, heap ${mb(heapBefore)} → ${mb(d.memory.heapUsedBytes)}`);
    // bounded: past the limit by at most one fragment per channel (each checks before it sends)
    expect(maxQueued).toBeLessThan(QUEUE + CHANNELS * 64 * 1024);
    expect(slowRow.skipEpisodes).toBeGreaterThanOrEqual(1);
    // logged once for the viewer, not per fragment nor per channel
    const logged = hub.output().split('\n').filter((l) => l.includes('live viewer falls behind'));
    expect(logged.length).toBeGreaterThanOrEqual(1);
    expect(logged.length).toBeLessThan(slowRow.skipEpisodes);
    // the other viewer of the same camera was never held back
    expect(healthyRow.fragmentsDropped).toBe(0);
    expect(healthy.binary(1).length).toBeGreaterThan(healthyBefore + 15);
    expect(healthy.json(1).some((m) => m.op === 'skip')).toBe(false);

    // reading again: each channel says how much it skipped and goes on from a keyframe flagged "after skip"
    (slow.ws as unknown as { _socket: Socket })._socket.resume();
    await slow.until(() => slow.json(1).some((m) => m.op === 'skip'), 'a skip message', 30_000);
    const after = slow.received.filter((r) => (r.kind === 'json' ? r.msg.ch : r.header.channel) === 1);
    const skipAt = after.findIndex((r) => r.kind === 'json' && r.msg.op === 'skip');
    await slow.until(() => slow.binary(1).some((b) => b.header.flags & FLAG_AFTER_SKIP), 'the keyframe after the skip');
    const next = slow.received.filter((r) => r.kind === 'binary' && r.header.channel === 1 && r.header.kind === FRAME_FRAGMENT)
      .find((r) => r.kind === 'binary' && r.header.flags & FLAG_AFTER_SKIP);
    expect(skipAt).toBeGreaterThanOrEqual(0);
    expect(next && next.kind === 'binary' && next.header.flags & FLAG_KEYFRAME).toBeTruthy();
    const skip = after[skipAt]!;
    expect(skip.kind === 'json' && skip.msg.op === 'skip' && skip.msg.dropped).toBeGreaterThan(0);
  });
});

describe('keepalive', () => {
  it('drops a socket that stops answering pings, and keeps one that answers', async () => {
    const { hub, admin } = await hubWithCamera({ livePush: { pingIntervalSec: 1 } });
    const dead = await openLive(hub.url, admin);
    const alive = await openLive(hub.url, admin);
    clients.push(dead, alive);
    const connections = async () => {
      const r = await fetch(`${hub.url}/api/diagnostics/live`, { headers: { cookie: admin } });
      return ((await r.json()) as LivePushDiagnostics).connections;
    };
    expect(await connections()).toBe(2);
    (dead.ws as unknown as { _socket: Socket })._socket.pause(); // it never sees the pings
    const end = Date.now() + 20_000;
    while ((await connections()) > 1 && Date.now() < end) await new Promise((r) => setTimeout(r, 200));
    expect(await connections()).toBe(1);
    expect(alive.ws.readyState).toBe(alive.ws.OPEN);
  });
});

describe('push turned off', () => {
  it('answers the upgrade with 503 live-push-disabled, and LL-HLS still plays', async () => {
    const { hub, admin, cameraId } = await hubWithCamera({ livePush: { enabled: false } });
    const r = await refusedStatus(hub.url, admin);
    expect(r.status).toBe(503);
    expect(JSON.parse(r.body).error.code).toBe('live-push-disabled');
    const pl = await fetch(`${hub.url}/live/${cameraId}/main/index.m3u8`, { headers: { cookie: admin } });
    expect(pl.status).toBe(200);
    expect(await pl.text()).toContain('#EXT-X-PART:');
  });
});
