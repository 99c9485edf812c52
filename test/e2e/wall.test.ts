// The whole slice seen from a browser: log in through the form, watch a demo camera play on the wall,
// switch the language, open the focus view on the main stream and come back.
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestHub } from '../helpers/hub.ts';
import { startBrowserHub, waitForAdvancingVideo } from './browser.ts';

const RESULTS = path.resolve('test-results');
const PLAY_LIMIT_MS = 60_000;
const POLL = { timeout: 15_000, interval: 100 };

describe('live wall in chromium', () => {
  let hub: TestHub;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    ({ hub, browser, page } = await startBrowserHub({ demo: true }, { viewport: { width: 1600, height: 900 } }));
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await hub?.close();
  });

  it('logs in, plays a camera, switches language and opens the focus view', async () => {
    await page.goto(hub.url);
    // no session: the app shows the login page in Vietnamese
    await page.waitForURL((u) => u.pathname === '/login');
    expect(await page.locator('html').getAttribute('lang')).toBe('vi');
    await expect.poll(() => page.locator('label[for="login-username"]').textContent(), POLL).toBe('Tên đăng nhập');

    // a wrong password is refused with a message, and no session starts
    await page.fill('#login-username', 'admin');
    await page.fill('#login-password', `${hub.adminPassword}-wrong`);
    await page.click('form.login-form button[type="submit"]');
    await expect.poll(() => page.locator('[data-testid="login-error"]').textContent(), POLL).toBe(
      'Tên đăng nhập hoặc mật khẩu không đúng.',
    );

    await page.fill('#login-password', hub.adminPassword);
    await page.click('form.login-form button[type="submit"]');
    await page.waitForURL((u) => u.pathname === '/');
    await page.waitForSelector('.wall-grid .tile[data-camera-id]');
    expect(await page.locator('[data-testid="user-box"]').textContent()).toContain('Quản trị viên');

    // a demo camera plays: its video's currentTime moves forward, and the socket turns its badge online
    const cameraId = await waitForAdvancingVideo(page, '.wall-grid', PLAY_LIMIT_MS);
    const tile = page.locator(`.wall-grid .tile[data-camera-id="${cameraId}"]`);
    await page.locator(`.wall-grid .tile[data-camera-id="${cameraId}"][data-status="online"]`).waitFor({ timeout: PLAY_LIMIT_MS });
    expect(await tile.locator('.badge').textContent()).toBe('Trực tuyến');
    expect(await tile.locator('.tile-demo').isVisible()).toBe(true);
    // a tile whose picture moves carries no "connecting" overlay, and neither does any tile showing a picture
    expect(await tile.locator('[data-testid="tile-wait"]').isVisible()).toBe(false);
    await page.locator(`.wall-grid .tile[data-camera-id="${cameraId}"][data-player="playing"]`).waitFor({ timeout: PLAY_LIMIT_MS });
    expect(await tile.locator('[data-testid="tile-wait"]').isVisible()).toBe(false);
    const overlaysOnPictures = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('.wall-grid .tile[data-camera-id]')]
        .filter((t) => (t.querySelector('video')?.readyState ?? 0) >= HTMLMediaElement.HAVE_CURRENT_DATA)
        .filter((t) => getComputedStyle(t.querySelector('[data-testid="tile-wait"]')!).display !== 'none')
        .map((t) => t.dataset.cameraId),
    );
    expect(overlaysOnPictures).toEqual([]);
    fs.mkdirSync(RESULTS, { recursive: true });
    await page.screenshot({ path: path.join(RESULTS, 'wall.png') });

    // English is one click away, and labels change in place (the video keeps playing)
    const wallLink = page.locator('.nav-link[data-nav="wall"]');
    expect(await wallLink.textContent()).toBe('Màn hình giám sát');
    await page.click('[data-testid="lang-switch"] [data-lang="en"]');
    await expect.poll(() => wallLink.textContent(), POLL).toBe('Live wall');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await tile.locator('.badge').textContent()).toBe('Online');

    // focus view: the camera alone on its main stream, then Esc back to the wall
    await tile.click();
    await page.waitForURL((u) => u.pathname === `/focus/${encodeURIComponent(cameraId)}`);
    await page.waitForSelector('[data-testid="focus-view"]');
    expect(await page.locator('[data-testid="focus-view"] [data-camera-id]').getAttribute('data-camera-id')).toBe(cameraId);
    await waitForAdvancingVideo(page, '[data-testid="focus-view"]', PLAY_LIMIT_MS);
    await page.screenshot({ path: path.join(RESULTS, 'focus.png') });
    await page.keyboard.press('Escape');
    await page.waitForURL((u) => u.pathname === '/');
    await page.waitForSelector(`.wall-grid .tile[data-camera-id="${cameraId}"]`);
    expect(await page.locator('[data-testid="focus-view"]').count()).toBe(0);
  }, 240_000);
});
