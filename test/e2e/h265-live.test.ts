// H.265 cameras in a browser that cannot decode H.265 (Debian's chromium: no HEVC), with a real GStreamer camera
// (x265enc) and a real hub: the focus view of an H.265 main with an H.264 sub plays the sub over the push socket and
// says so on the picture; a camera with only an H.265 stream, on a hub whose transcodes are turned off
// (media.transcode.maxConcurrent 0; h265-transcode.test.ts has them on), shows a clear message instead of spinning;
// neither falls back to LL-HLS (it could not play H.265 either). The diagnostics page shows what the main stream is and
// advises on its long GOP (GOP 90 at 15 fps = 6 s, as a smart codec makes).
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RtspCamera } from '../fixtures/rtsp-camera.ts';
import { login, type TestHub } from '../helpers/hub.ts';
import type { CameraHealthDto } from '../../server/contracts.ts';
import { apiClient, eventually } from '../integration/sources/source-helpers.ts';
import { startBrowserHub, waitForAdvancingVideo } from './browser.ts';
import { logIn } from './hub-pages.ts';

const RESULTS = path.resolve('test-results');
const LIMIT_MS = 60_000;
const POLL = { timeout: LIMIT_MS, interval: 250 };

describe('H.265 cameras in chromium without HEVC', () => {
  let cam: RtspCamera;
  let hub: TestHub;
  let browser: Browser;
  let page: Page;
  let withSub: string;
  let only265: string;
  let api: ReturnType<typeof apiClient>;
  const hlsRequests: string[] = [];

  beforeAll(async () => {
    cam = await RtspCamera.start({ mounts: ['/main:640x360@15:90:h265', '/sub:320x180@15:15', '/only:320x180@15:15:h265'] });
    ({ hub, browser, page } = await startBrowserHub({ config: { media: { transcode: { maxConcurrent: 0 } } } }, { viewport: { width: 1280, height: 800 } }));
    api = apiClient(hub, await login(hub.url, 'admin', hub.adminPassword));
    const add = async (name: string, source: Record<string, unknown>) => {
      const r = await api('POST', '/api/cameras', { name, source });
      expect(r.status, r.text).toBe(201);
      return r.json.camera.id as string;
    };
    withSub = await add('Cổng UBND (H.265 + H.264)', { kind: 'rtsp', url: cam.url('/main'), subUrl: cam.url('/sub') });
    // recorded: its main stream runs, so the diagnostics can read it
    expect((await api('PATCH', `/api/cameras/${withSub}`, { recording: { mode: 'continuous' } })).status).toBe(200);
    only265 = await add('Ngõ 12 (chỉ H.265)', { kind: 'rtsp', url: cam.url('/only') });
    page.on('request', (r) => {
      if (/\/live\/[^/]+\/(main|sub)\//.test(new URL(r.url()).pathname)) hlsRequests.push(r.url());
    });
    await logIn(page, hub.url, hub.adminPassword);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await hub?.close();
    await cam?.stop();
  });

  it('this chromium really cannot decode H.265 (and can H.264)', async () => {
    const supported = await page.evaluate(() => ({
      hevc: MediaSource.isTypeSupported('video/mp4; codecs="hev1.1.6.L63.90"') || MediaSource.isTypeSupported('video/mp4; codecs="hvc1.1.6.L63.90"'),
      avc: MediaSource.isTypeSupported('video/mp4; codecs="avc1.42c01e"'),
    }));
    expect(supported).toEqual({ hevc: false, avc: true });
  });

  it('the focus view of an H.265 main plays the H.264 sub-stream, labelled', async () => {
    await page.goto(`${hub.url}/focus/${encodeURIComponent(withSub)}`);
    const view = page.locator('[data-testid="focus-view"]');
    await view.waitFor();
    const note = view.locator('[data-testid="tile-codec-note"]');
    await note.waitFor({ state: 'visible', timeout: LIMIT_MS });
    expect(await note.textContent()).toBe('Đang xem luồng phụ H.264: trình duyệt này không giải mã được H.265');
    expect(await view.locator('[data-testid="focus-stream"]').textContent()).toBe('Luồng phụ');
    expect(await waitForAdvancingVideo(page, '[data-testid="focus-view"]', LIMIT_MS)).toBe(withSub);
    const video = view.locator('video[data-testid="live-video"]');
    expect(await video.evaluate((v: HTMLVideoElement) => ({ ...v.dataset }))).toMatchObject({
      transport: 'ws', stream: 'sub', codecFallback: 'sub', codec: expect.stringMatching(/^avc1\./),
    });
    expect(await video.evaluate((v: HTMLVideoElement) => v.dataset.fallback)).toBeUndefined();
    expect(await view.locator('[data-testid="tile-unsupported"]').isVisible()).toBe(false);
    fs.mkdirSync(RESULTS, { recursive: true });
    await page.screenshot({ path: path.join(RESULTS, 'h265-focus-sub.png') });

    // English too
    await page.click('[data-testid="lang-switch"] [data-lang="en"]');
    await expect.poll(() => note.textContent(), POLL).toBe('Showing the H.264 sub-stream: this browser cannot decode H.265');
    await page.click('[data-testid="lang-switch"] [data-lang="vi"]');
  }, 120_000);

  it('a camera with only H.265 says the browser cannot decode it, instead of spinning', async () => {
    await page.goto(`${hub.url}/focus/${encodeURIComponent(only265)}`);
    const tile = page.locator(`[data-testid="focus-view"] [data-camera-id="${only265}"]`);
    const message = tile.locator('[data-testid="tile-unsupported"]');
    await message.waitFor({ state: 'visible', timeout: LIMIT_MS });
    expect(await message.locator('.tile-overlay-title').textContent()).toBe('Trình duyệt không giải mã được H.265');
    expect(await tile.getAttribute('data-player')).toBe('unsupported');
    expect(await tile.locator('[data-testid="tile-wait"]').isVisible()).toBe(false);
    const video = tile.locator('video[data-testid="live-video"]');
    expect(await video.evaluate((v: HTMLVideoElement) => ({ transport: v.dataset.transport, codec: v.dataset.codec, fallback: v.dataset.fallback })))
      .toEqual({ transport: 'ws', codec: expect.stringMatching(/^(hev1|hvc1)\.1\./), fallback: undefined });
    await page.screenshot({ path: path.join(RESULTS, 'h265-only.png') });
    expect(hlsRequests).toEqual([]); // LL-HLS was never tried for a codec problem
  }, 120_000);

  it('with LL-HLS forced, the same: the sub-stream with the label, or the message, and no endless retry', async () => {
    await page.goto(`${hub.url}/focus/${encodeURIComponent(withSub)}?transport=hls`);
    const view = page.locator('[data-testid="focus-view"]');
    const note = view.locator('[data-testid="tile-codec-note"]');
    await note.waitFor({ state: 'visible', timeout: LIMIT_MS });
    expect(await note.textContent()).toBe('Đang xem luồng phụ H.264: trình duyệt này không giải mã được H.265');
    expect(await waitForAdvancingVideo(page, '[data-testid="focus-view"]', LIMIT_MS)).toBe(withSub);
    expect(await view.locator('video[data-testid="live-video"]').evaluate((v: HTMLVideoElement) => ({ ...v.dataset })))
      .toMatchObject({ transport: 'hls', stream: 'sub', codecFallback: 'sub' });

    await page.goto(`${hub.url}/focus/${encodeURIComponent(only265)}?transport=hls`);
    const tile = page.locator(`[data-testid="focus-view"] [data-camera-id="${only265}"]`);
    await tile.locator('[data-testid="tile-unsupported"]').waitFor({ state: 'visible', timeout: LIMIT_MS });
    expect(await tile.locator('.tile-overlay-title').last().textContent()).toBe('Trình duyệt không giải mã được H.265');
    expect(await tile.getAttribute('data-player')).toBe('unsupported');
    await page.goto(`${hub.url}/?transport=auto`); // back to the default for the next test
  }, 120_000);

  it('the diagnostics page shows the H.265 main stream and advises on its long GOP', async () => {
    // the hub needs two keyframes 6 s apart (or 4 s without one) before it can tell
    await eventually(async () => ((await api('GET', `/api/cameras/${withSub}/health`)).json.health as CameraHealthDto).media.main.longGop || undefined, LIMIT_MS, 'long GOP');
    await page.goto(`${hub.url}/cameras/${encodeURIComponent(withSub)}/health`);
    const advice = page.locator('[data-testid="health-long-gop"]');
    await advice.waitFor({ state: 'visible', timeout: LIMIT_MS });
    const text = (await advice.textContent()) ?? '';
    expect(text).toMatch(/^Khung I cách nhau \d+(\.\d+)? s \(quá 4 s\)/);
    expect(text).toContain('đặt khoảng khung I (I-frame interval) bằng số khung hình/giây và tắt chuẩn nén thông minh (H.265+/H.264+)');
    const facts = (await page.locator('[data-testid="health-media"]').first().textContent()) ?? '';
    expect(facts).toMatch(/H\.265 Main \((hev1|hvc1)\.1\.6\.L\d+/);
    expect(facts).toContain('640×360');
    await page.screenshot({ path: path.join(RESULTS, 'h265-health.png'), fullPage: true });
  }, 120_000);
});
