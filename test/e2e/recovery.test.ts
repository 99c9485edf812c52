// A real RTSP camera added through the UI plays on the wall; when the camera dies the tile says so,
// and when it comes back the tile plays again by itself, without reloading the page.
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RtspCamera } from '../fixtures/rtsp-camera.ts';
import type { TestHub } from '../helpers/hub.ts';
import { startBrowserHub, waitForAdvancingVideo } from './browser.ts';

const RESULTS = path.resolve('test-results');
const LIMIT_MS = 60_000;
const CAMERA_PASSWORD = 'Kh0ng-L0-Ra';

describe('wall self-recovery in chromium', () => {
  let camera: RtspCamera;
  let hub: TestHub;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    camera = await RtspCamera.start({ user: 'viewer', password: CAMERA_PASSWORD });
    ({ hub, browser, page } = await startBrowserHub({ demo: false }, { viewport: { width: 1280, height: 720 } }));
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await hub?.close();
    await camera?.stop();
  });

  it('adds a camera from the empty wall, shows it offline when it dies and plays again when it returns', async () => {
    await page.goto(`${hub.url}/login`);
    await page.fill('#login-username', 'admin');
    await page.fill('#login-password', hub.adminPassword);
    await page.click('form.login-form button[type="submit"]');

    // no camera yet: the wall says so and links to the add form
    await page.click('[data-testid="wall-empty"] a');
    await page.click('[data-testid="add-camera"] [data-tab="rtsp"]');
    await page.waitForSelector('[data-testid="camera-form"]');
    await page.fill('#cam-name', 'Cổng UBND xã');
    await page.fill('#cam-url', camera.url('/main'));
    await page.click('[data-testid="camera-form"] button[type="submit"]');
    await page.waitForSelector('[data-testid="flash"].flash-ok');
    const row = page.locator('[data-testid="camera-table"] tbody tr');
    expect(await row.count()).toBe(1);
    expect(await row.textContent()).toContain(camera.url('/main', false).replace('rtsp://', 'rtsp://viewer@'));
    // the camera's password never reaches the browser
    expect(await page.content()).not.toContain(CAMERA_PASSWORD);

    await page.click('.nav-link[data-nav="wall"]');
    await page.click('[data-grid-size="1"]');
    const cameraId = await waitForAdvancingVideo(page, '.wall-grid', LIMIT_MS);
    const tile = (status: string) => page.locator(`.wall-grid .tile[data-camera-id="${cameraId}"][data-status="${status}"]`);
    await tile('online').waitFor({ timeout: LIMIT_MS });

    await page.evaluate(() => {
      document.body.dataset.e2eMark = 'same-document'; // gone if anything reloads the page
    });
    await camera.kill();
    await tile('offline').waitFor({ timeout: LIMIT_MS });
    expect(await tile('offline').locator('.badge').textContent()).toBe('Mất tín hiệu');
    expect(await tile('offline').locator('.tile-overlay').isVisible()).toBe(true);
    fs.mkdirSync(RESULTS, { recursive: true });
    await page.screenshot({ path: path.join(RESULTS, 'wall-offline.png') });

    await camera.restart();
    await tile('online').waitFor({ timeout: LIMIT_MS });
    expect(await waitForAdvancingVideo(page, '.wall-grid', LIMIT_MS)).toBe(cameraId);
    expect(await tile('online').locator('.tile-overlay').isVisible()).toBe(false);
    expect(await page.evaluate(() => document.body.dataset.e2eMark)).toBe('same-document');
    await page.screenshot({ path: path.join(RESULTS, 'wall-recovered.png') });
  }, 300_000);
});
