// A camera with only H.265 in a browser that cannot decode it (Debian's chromium: no HEVC), with a real GStreamer
// camera (x265enc) and a real hub allowed ONE transcode at once: its wall tile plays the hub's H.264 transcode (the
// video advances) labelled "Chuyển mã H.264 640×360"; a second H.265-only camera added meanwhile finds the slot taken
// and its tile says so; the same with LL-HLS forced; once the slot is free, the waiting tile plays.
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RtspCamera } from '../fixtures/rtsp-camera.ts';
import { login, type TestHub } from '../helpers/hub.ts';
import { apiClient } from '../integration/sources/source-helpers.ts';
import { startBrowserHub, waitForAdvancingVideo } from './browser.ts';
import { logIn } from './hub-pages.ts';

const RESULTS = path.resolve('test-results');
const LIMIT_MS = 60_000;
const POLL = { timeout: LIMIT_MS, interval: 250 };

describe('the hub transcodes an H.265-only camera for chromium without HEVC', () => {
  let cam: RtspCamera;
  let hub: TestHub;
  let browser: Browser;
  let page: Page;
  let api: ReturnType<typeof apiClient>;
  let first: string;
  let second: string;

  beforeAll(async () => {
    cam = await RtspCamera.start({ mounts: ['/gate:960x540@10:30:h265', '/lane:320x180@10:10:h265'] });
    ({ hub, browser, page } = await startBrowserHub(
      { config: { media: { idleTimeoutSec: 3, transcode: { maxConcurrent: 1 } } } },
      { viewport: { width: 1280, height: 800 } },
    ));
    api = apiClient(hub, await login(hub.url, 'admin', hub.adminPassword));
    const r = await api('POST', '/api/cameras', { name: 'Cổng chợ (chỉ H.265)', source: { kind: 'rtsp', url: cam.url('/gate') } });
    expect(r.status, r.text).toBe(201);
    first = r.json.camera.id;
    await logIn(page, hub.url, hub.adminPassword);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await hub?.close();
    await cam?.stop();
  });

  it('a wall tile plays the H.264 transcode, labelled with its size', async () => {
    await page.goto(hub.url);
    const tile = page.locator(`.wall-grid [data-camera-id="${first}"]`);
    const note = tile.locator('[data-testid="tile-codec-note"]');
    await note.waitFor({ state: 'visible', timeout: LIMIT_MS });
    expect(await waitForAdvancingVideo(page, '.wall-grid', LIMIT_MS)).toBe(first);
    await expect.poll(() => note.textContent(), POLL).toBe('Chuyển mã H.264 640×360: trình duyệt này không giải mã được H.265');
    const video = tile.locator('video[data-testid="live-video"]');
    expect(await video.evaluate((v: HTMLVideoElement) => ({ ...v.dataset, w: v.videoWidth, h: v.videoHeight }))).toMatchObject({
      transport: 'ws', stream: 'transcode', codecFallback: 'transcode', codec: expect.stringMatching(/^avc1\./), w: 640, h: 360,
    });
    expect(await tile.getAttribute('data-codec-problem')).toBe('transcode');
    expect(await tile.locator('[data-testid="tile-unsupported"]').isVisible()).toBe(false);
    fs.mkdirSync(RESULTS, { recursive: true });
    await page.screenshot({ path: path.join(RESULTS, 'h265-transcode-wall.png') });

    await page.click('[data-testid="lang-switch"] [data-lang="en"]');
    await expect.poll(() => note.textContent(), POLL).toBe('Transcoded to H.264 640×360: this browser cannot decode H.265');
    await page.click('[data-testid="lang-switch"] [data-lang="vi"]');

    // while the tile plays it, the camera's diagnostics page shows what the transcode sends beside the camera's stream
    const diagContext = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const diag = await diagContext.newPage();
    await logIn(diag, hub.url, hub.adminPassword);
    await diag.goto(`${hub.url}/cameras/${encodeURIComponent(first)}/health`);
    const lists = diag.locator('[data-testid="health-media"]');
    await expect.poll(() => lists.count(), POLL).toBe(2);
    expect(await diag.locator('h2', { hasText: 'Luồng chuyển mã H.264' }).count()).toBe(1);
    const transcoded = (await lists.nth(1).textContent()) ?? '';
    expect(transcoded).toContain('640×360');
    expect(transcoded).toMatch(/avc1\./);
    expect(await lists.nth(0).textContent()).toMatch(/hvc1|hev1/);
    await diagContext.close();
  }, 120_000);

  it('a second H.265-only camera finds the one transcode slot taken, and its tile says so', async () => {
    const r = await api('POST', '/api/cameras', { name: 'Ngõ 7 (chỉ H.265)', source: { kind: 'rtsp', url: cam.url('/lane') } });
    expect(r.status, r.text).toBe(201);
    second = r.json.camera.id;
    const tile = page.locator(`.wall-grid [data-camera-id="${second}"]`);
    const message = tile.locator('[data-testid="tile-unsupported"]');
    await message.waitFor({ state: 'visible', timeout: LIMIT_MS });
    expect(await message.locator('.tile-overlay-title').textContent()).toBe('Trình duyệt không giải mã được H.265');
    expect(await message.locator('.tile-overlay-sub').textContent()).toMatch(/^Đã đủ số luồng chuyển mã/);
    expect(await tile.getAttribute('data-player')).toBe('unsupported');
    expect(await tile.getAttribute('data-codec-problem')).toBe('transcode-busy');
    expect(await tile.locator('[data-testid="tile-codec-note"]').isVisible()).toBe(false);
    expect(await tile.locator('[data-testid="tile-wait"]').isVisible()).toBe(false); // no spinner that never ends
    await page.screenshot({ path: path.join(RESULTS, 'h265-transcode-busy.png') });
    // the first tile plays on
    expect(await waitForAdvancingVideo(page, '.wall-grid', LIMIT_MS)).toBe(first);
  }, 120_000);

  it('with LL-HLS forced: the transcode plays over LL-HLS, labelled; the busy one says so instead of spinning', async () => {
    await page.goto(`${hub.url}/focus/${encodeURIComponent(first)}?transport=hls`);
    const view = page.locator('[data-testid="focus-view"]');
    const note = view.locator('[data-testid="tile-codec-note"]');
    await note.waitFor({ state: 'visible', timeout: LIMIT_MS });
    expect(await waitForAdvancingVideo(page, '[data-testid="focus-view"]', LIMIT_MS)).toBe(first);
    await expect.poll(() => note.textContent(), POLL).toBe('Chuyển mã H.264 640×360: trình duyệt này không giải mã được H.265');
    expect(await view.locator('[data-testid="focus-stream"]').textContent()).toBe('Chuyển mã H.264');
    expect(await view.locator('video[data-testid="live-video"]').evaluate((v: HTMLVideoElement) => ({ ...v.dataset })))
      .toMatchObject({ transport: 'hls', stream: 'transcode', codecFallback: 'transcode' });

    const busy = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    try {
      await logIn(busy, hub.url, hub.adminPassword);
      await busy.goto(`${hub.url}/focus/${encodeURIComponent(second)}?transport=hls`);
      const tile = busy.locator(`[data-testid="focus-view"] [data-camera-id="${second}"]`);
      await tile.locator('[data-testid="tile-unsupported"]').waitFor({ state: 'visible', timeout: LIMIT_MS });
      expect(await tile.locator('[data-testid="tile-unsupported"] .tile-overlay-sub').textContent()).toMatch(/^Đã đủ số luồng chuyển mã/);
      expect(await tile.getAttribute('data-player')).toBe('unsupported');
    } finally {
      await busy.close();
    }
    await page.goto(`${hub.url}/?transport=auto`);
  }, 150_000);

  it('the busy tile asks again now and then: once the slot is free it plays the transcode, labelled', async () => {
    const tile = page.locator(`.wall-grid [data-camera-id="${second}"]`);
    await tile.locator('[data-testid="tile-unsupported"]').waitFor({ state: 'visible', timeout: LIMIT_MS });
    // the first camera goes away: its transcode stops after the idle timeout, and its slot is free
    expect((await api('DELETE', `/api/cameras/${first}`)).status).toBe(204);
    const note = tile.locator('[data-testid="tile-codec-note"]');
    await note.waitFor({ state: 'visible', timeout: LIMIT_MS });
    expect(await waitForAdvancingVideo(page, '.wall-grid', LIMIT_MS)).toBe(second);
    await expect.poll(() => note.textContent(), POLL).toBe('Chuyển mã H.264 320×180: trình duyệt này không giải mã được H.265');
    expect(await tile.locator('[data-testid="tile-unsupported"]').isVisible()).toBe(false);
    expect(await tile.getAttribute('data-codec-problem')).toBe('transcode');
  }, 120_000);
});
