// The wall's live transport in Chromium on a real hub with a real GStreamer camera (registered 9 times):
// every tile over ONE WebSocket and no LL-HLS request; `?transport=hls` forces LL-HLS, and so does the user menu;
// a tile scrolled out of view unsubscribes (its camera session goes idle) and plays again when seen; with the push
// transport off on the hub, tiles fall back to LL-HLS by themselves.
// Headless Chromium never hides a tab (document.visibilityState stays "visible", whatever tab is in front or
// whether the window is minimised), so the hidden-tab case tells the page it is hidden (visibilityState and the
// visibilitychange event); the off-screen case is real: scrolling, on a phone-sized viewport where the wall is
// one scrolling column.
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page, WebSocket as PwWebSocket } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RtspCamera } from '../fixtures/rtsp-camera.ts';
import type { TestHub } from '../helpers/hub.ts';
import { startBrowserHub, videoTimes } from './browser.ts';
import { logIn } from './hub-pages.ts';

const RESULTS = path.resolve('test-results');
const LIMIT_MS = 60_000;
const POLL = { timeout: LIMIT_MS, interval: 250 };

interface TileInfo {
  id: string;
  player: string | undefined;
  transport: string | undefined;
  fallback: string | undefined;
  suspended: boolean;
  delay: string | undefined;
}

function tiles(page: Page): Promise<TileInfo[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('.wall-grid .tile[data-camera-id]')].map((t) => {
      const v = t.querySelector<HTMLVideoElement>('video[data-testid="live-video"]');
      return {
        id: t.dataset.cameraId ?? '',
        player: t.dataset.player,
        transport: v?.dataset.transport,
        fallback: v?.dataset.fallback,
        suspended: t.dataset.suspended === 'yes',
        delay: v?.dataset.delay,
      };
    }),
  );
}

/** Polls until the video of every given tile has moved forward at least once. `limitMs` only bounds a failure. */
async function waitAllAdvancing(page: Page, ids: string[], limitMs: number): Promise<void> {
  const deadline = Date.now() + limitMs;
  const moved = new Set<string>();
  let previous = await videoTimes(page, '.wall-grid');
  while (moved.size < ids.length) {
    if (Date.now() > deadline) throw new Error(`tiles not advancing: ${ids.filter((id) => !moved.has(id)).join(', ')}`);
    await page.waitForTimeout(500);
    const now = await videoTimes(page, '.wall-grid');
    for (const id of ids) if ((now[id] ?? 0) > (previous[id] ?? Infinity)) moved.add(id);
    previous = now;
  }
}

async function addCameras(page: Page, url: string, n: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 1; i <= n; i++) {
    const added = await page.evaluate(async (body) => {
      const res = await fetch('/api/cameras', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      return { status: res.status, json: (await res.json()) as { camera: { id: string } } };
    }, { name: `Camera ${i}`, source: { kind: 'rtsp', url } });
    expect(added.status).toBe(201);
    ids.push(added.json.camera.id);
  }
  return ids;
}

interface LiveDiagnostics {
  connections: number;
  subscriptions: number;
  streams: { cameraId: string; subscribers: number }[];
}

const diagnostics = (page: Page): Promise<LiveDiagnostics> =>
  page.evaluate(async () => (await (await fetch('/api/diagnostics/live')).json()) as LiveDiagnostics);

const cameraStatus = (page: Page, id: string): Promise<string> =>
  page.evaluate(async (cid) => ((await (await fetch(`/api/cameras/${cid}`)).json()) as { camera: { status: string } }).camera.status, id);

describe('wall transport in chromium', () => {
  let camera: RtspCamera;
  let hub: TestHub;
  let browser: Browser;
  let page: Page;
  let ids: string[] = [];
  const liveSockets: PwWebSocket[] = [];
  const playlists: string[] = [];

  beforeAll(async () => {
    camera = await RtspCamera.start({ mounts: ['/main:640x360@15:15'] });
    // a short idle timeout, so that a session nobody watches stops within the test
    ({ hub, browser, page } = await startBrowserHub({ config: { media: { idleTimeoutSec: 3 } } }, { viewport: { width: 1600, height: 900 } }));
    page.on('websocket', (ws) => {
      if (new URL(ws.url()).pathname === '/ws/live') liveSockets.push(ws);
    });
    page.on('request', (req) => {
      if (new URL(req.url()).pathname.endsWith('.m3u8')) playlists.push(req.url());
    });
    await logIn(page, hub.url, hub.adminPassword);
    ids = await addCameras(page, camera.url('/main'), 9);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await hub?.close();
    await camera?.stop();
  });

  it('plays a 3×3 wall of 9 cameras over exactly one WebSocket, with no LL-HLS request', async () => {
    liveSockets.length = 0;
    playlists.length = 0;
    await page.goto(hub.url);
    await page.click('[data-grid-size="9"]');
    await expect.poll(async () => (await tiles(page)).length, POLL).toBe(9);
    await waitAllAdvancing(page, ids, LIMIT_MS);
    await expect.poll(async () => (await tiles(page)).filter((t) => t.player === 'playing').length, POLL).toBe(9);

    // every tile reports how far behind the hub's arrival time its picture is (read by the benchmarks)
    await expect.poll(async () => (await tiles(page)).every((t) => t.delay !== undefined && Number.isFinite(Number(t.delay))), POLL).toBe(true);
    const shown = await tiles(page);
    expect(shown.map((t) => t.transport)).toEqual(Array(9).fill('ws'));
    expect(liveSockets.length).toBe(1);
    expect(liveSockets[0]!.isClosed()).toBe(false);
    expect(playlists).toEqual([]);
    const diag = await diagnostics(page);
    expect(diag.connections).toBe(1);
    expect(diag.subscriptions).toBe(9);
    expect(new Set(diag.streams.map((s) => s.cameraId))).toEqual(new Set(ids));
    console.log(`ws, 9 tiles: data-delay (s) ${shown.map((t) => t.delay).join(' ')}`);
    fs.mkdirSync(RESULTS, { recursive: true });
    await page.screenshot({ path: path.join(RESULTS, 'wall-transport-ws.png') });
  }, 180_000);

  it('?transport=hls plays the wall over LL-HLS and opens no push socket', async () => {
    liveSockets.length = 0;
    playlists.length = 0;
    await page.goto(`${hub.url}/?transport=hls`);
    await expect.poll(async () => (await tiles(page)).length, POLL).toBe(9);
    await waitAllAdvancing(page, ids, LIMIT_MS);
    const shown = await tiles(page);
    expect(shown.map((t) => t.transport)).toEqual(Array(9).fill('hls'));
    expect(playlists.length).toBeGreaterThan(0);
    expect(liveSockets).toEqual([]);
    console.log(`hls, 9 tiles: data-delay (s) ${shown.map((t) => t.delay).join(' ')}`);
  }, 180_000);

  it('the user menu switches every tile to another transport at once, and the choice is remembered', async () => {
    await page.goto(`${hub.url}/?transport=auto`); // clears the address bar's forced choice
    const transports = async () => (await tiles(page)).map((t) => t.transport);
    await expect.poll(transports, POLL).toEqual(Array(9).fill('ws'));
    await page.click('[data-testid="user-box"]');
    expect(await page.locator('[data-testid="transport-auto"]').getAttribute('aria-checked')).toBe('true');
    await page.click('[data-testid="transport-hls"]');
    await expect.poll(transports, POLL).toEqual(Array(9).fill('hls'));
    await waitAllAdvancing(page, ids, LIMIT_MS);
    await page.reload();
    await expect.poll(transports, POLL).toEqual(Array(9).fill('hls'));
    await page.click('[data-testid="user-box"]');
    expect(await page.locator('[data-testid="transport-hls"]').getAttribute('aria-checked')).toBe('true');
    await page.click('[data-testid="transport-auto"]');
    await expect.poll(transports, POLL).toEqual(Array(9).fill('ws'));
  }, 180_000);

  it('a hidden tab suspends every tile and plays them again when shown (visibility emulated)', async () => {
    await page.goto(`${hub.url}/?transport=auto`);
    await expect.poll(async () => (await tiles(page)).filter((t) => t.player === 'playing').length, POLL).toBe(9);
    // headless Chromium never hides a tab: the page is told it is hidden the way a browser tells it
    const setHidden = (hidden: boolean) =>
      page.evaluate((h) => {
        Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => (h ? 'hidden' : 'visible') });
        document.dispatchEvent(new Event('visibilitychange'));
      }, hidden);
    await setHidden(true);
    await expect.poll(async () => (await tiles(page)).every((t) => t.suspended), POLL).toBe(true);
    await expect.poll(async () => (await diagnostics(page)).subscriptions, POLL).toBe(0);
    await setHidden(false);
    await expect.poll(async () => (await tiles(page)).some((t) => t.suspended), POLL).toBe(false);
    await waitAllAdvancing(page, ids, LIMIT_MS);
    await expect.poll(async () => (await diagnostics(page)).subscriptions, POLL).toBe(9);
    expect((await diagnostics(page)).connections).toBe(1);
  }, 180_000);

  it('a tile scrolled out of view unsubscribes, its camera session goes idle, and it plays again when seen', async () => {
    await page.goto(`${hub.url}/?transport=auto`);
    await expect.poll(async () => (await tiles(page)).length, POLL).toBe(9);
    // a phone: the wall is one column of tiles that scrolls; the last tiles are below the fold
    await page.setViewportSize({ width: 390, height: 700 });
    const last = ids[8]!;
    const lastTile = page.locator(`.wall-grid .tile[data-camera-id="${last}"]`);
    await lastTile.and(page.locator('[data-suspended="yes"]')).waitFor({ timeout: LIMIT_MS });
    expect(await lastTile.getAttribute('data-player')).toBe('suspended');
    await expect.poll(async () => (await diagnostics(page)).streams.some((s) => s.cameraId === last), POLL).toBe(false);
    await expect.poll(() => cameraStatus(page, last), POLL).toBe('idle');
    // the first tile, on screen, still plays over the socket
    const first = (await tiles(page)).find((t) => t.id === ids[0]);
    expect(first?.suspended).toBe(false);
    expect(first?.transport).toBe('ws');

    await lastTile.scrollIntoViewIfNeeded();
    await expect.poll(async () => (await tiles(page)).find((t) => t.id === last)?.suspended, POLL).toBe(false);
    await waitAllAdvancing(page, [last], LIMIT_MS);
    expect((await tiles(page)).find((t) => t.id === last)?.transport).toBe('ws');
    await expect.poll(() => cameraStatus(page, last), POLL).toBe('online');
    // now the first tile is out of view in its turn
    await expect.poll(async () => (await tiles(page)).find((t) => t.id === ids[0])?.suspended, POLL).toBe(true);
    await page.screenshot({ path: path.join(RESULTS, 'wall-transport-scrolled.png') });
  }, 180_000);
});

describe('wall transport with the push socket off on the hub', () => {
  let camera: RtspCamera;
  let hub: TestHub;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    camera = await RtspCamera.start({ mounts: ['/main:640x360@15:15'] });
    ({ hub, browser, page } = await startBrowserHub({ config: { livePush: { enabled: false } } }, { viewport: { width: 1280, height: 760 } }));
    await logIn(page, hub.url, hub.adminPassword);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await hub?.close();
    await camera?.stop();
  });

  it('tiles find the socket refused and play over LL-HLS by themselves', async () => {
    const ids = await addCameras(page, camera.url('/main'), 4);
    await page.goto(hub.url);
    await page.click('[data-grid-size="4"]');
    await expect.poll(async () => (await tiles(page)).length, POLL).toBe(4);
    await waitAllAdvancing(page, ids, LIMIT_MS);
    const shown = await tiles(page);
    expect(shown.map((t) => t.transport)).toEqual(Array(4).fill('hls'));
    expect(shown.map((t) => t.fallback)).toEqual(Array(4).fill('socket'));
    expect((await diagnostics(page)).connections).toBe(0);
  }, 180_000);
});
