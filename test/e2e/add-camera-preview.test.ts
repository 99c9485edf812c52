// "Kiểm tra kết nối" before saving, in chromium against a real hub: the RTSP tab shows a picture from the
// GStreamer camera while the hub still has no camera; a URL to a closed port says no picture could be read and
// replaces that picture; the camera is then saved. The ONVIF tab shows what a simulated camera says it is and
// its snapshot, and a wrong password is said as such.
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOnvifSimulator, type OnvifSimulator } from '../../server/onvif/simulator/onvif-simulator.ts';
import { RtspCamera } from '../fixtures/rtsp-camera.ts';
import type { TestHub } from '../helpers/hub.ts';
import { freePort } from '../integration/sources/source-helpers.ts';
import { startBrowserHub } from './browser.ts';
import { logIn } from './hub-pages.ts';

const RESULTS = path.resolve('test-results');
const LIMIT_MS = 30_000;
const CAMERA_PASSWORD = 'Th1-Ket-Noi';

describe('test connection before saving a camera', () => {
  let camera: RtspCamera;
  let sim: OnvifSimulator;
  let hub: TestHub;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    camera = await RtspCamera.start({ user: 'viewer', password: CAMERA_PASSWORD });
    sim = await startOnvifSimulator({
      address: '127.0.9.12', discovery: false, credentials: { username: 'admin', password: CAMERA_PASSWORD },
      device: { manufacturer: 'Dahua', model: 'IPC-HFW1230S' },
      rtspForward: { host: '127.0.0.1', port: camera.port },
    });
    ({ hub, browser, page } = await startBrowserHub({ demo: false, config: { onvif: { timeoutMs: 5000 } } }, { viewport: { width: 1280, height: 900 } }));
    await logIn(page, hub.url, hub.adminPassword);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await hub?.close();
    await Promise.all([sim?.close(), camera?.stop()]);
  });

  const savedCount = () => page.evaluate(async () => ((await (await fetch('/api/cameras')).json()) as { cameras: unknown[] }).cameras.length);

  /** Clicks the tab's test button; answers what the button said and whether it was disabled right after the click. */
  const startTest = (form: string) =>
    page.evaluate((sel) => {
      const b = document.querySelector<HTMLButtonElement>(`${sel} [data-testid="test-connection"]`)!;
      b.click(); // the handler marks the button busy before its first await
      return { disabled: b.disabled, label: b.textContent };
    }, form);
  const testIdle = (form: string) =>
    page.waitForFunction((sel) => {
      const b = document.querySelector<HTMLButtonElement>(`${sel} [data-testid="test-connection"]`);
      return b !== null && !b.disabled;
    }, form, { timeout: LIMIT_MS });

  it('RTSP: shows a picture before anything is saved, then a closed port, then saves', async () => {
    const form = '[data-testid="camera-form"]';
    await page.goto(`${hub.url}/cameras?add=1&tab=rtsp`);
    await page.waitForSelector(form);
    await page.fill('#cam-name', 'Ngã ba chợ');
    await page.fill('#cam-url', camera.url('/main'));

    expect(await startTest(form)).toEqual({ disabled: true, label: 'Đang kiểm tra…' });
    await testIdle(form);
    const img = page.locator(`${form} [data-testid="conn-snapshot"]`);
    await img.waitFor({ timeout: LIMIT_MS });
    await page.waitForFunction(
      (el) => el instanceof HTMLImageElement && el.complete && el.naturalWidth > 0,
      await img.elementHandle(),
      { timeout: LIMIT_MS },
    );
    expect(await img.evaluate((el: HTMLImageElement) => [el.naturalWidth, el.naturalHeight, el.src.slice(0, 23)])).toEqual([640, 360, 'data:image/jpeg;base64,']);
    expect(await page.locator(`${form} .conn-state.ok`).textContent()).toBe('Kết nối được');
    expect(await page.locator(`${form} button[data-testid="test-connection"]`).textContent()).toBe('Kiểm tra kết nối');
    expect(await savedCount()).toBe(0);
    fs.mkdirSync(RESULTS, { recursive: true });
    await page.locator(`${form} .form-actions`).scrollIntoViewIfNeeded(); // the page scrolls inside the app shell
    await page.screenshot({ path: path.join(RESULTS, 'add-preview.png') });

    // nothing listens on a port just freed: no picture, said as a warning, and the old picture is gone
    const closed = await freePort();
    await page.fill('#cam-url', `rtsp://viewer:${CAMERA_PASSWORD}@127.0.0.1:${closed}/main`);
    expect((await startTest(form)).disabled).toBe(true);
    await testIdle(form);
    const warning = page.locator(`${form} [data-testid="conn-warning"]`);
    await warning.waitFor({ timeout: LIMIT_MS });
    expect(await warning.locator('.conn-state').textContent()).toBe('Không lấy được ảnh');
    expect(await page.locator(`${form} [data-testid="conn-snapshot"]`).count()).toBe(0);
    expect(await page.locator(`${form} .conn-state.ok`).count()).toBe(0);
    expect(await page.content()).not.toContain(CAMERA_PASSWORD);
    expect(await savedCount()).toBe(0);
    await page.locator(`${form} .form-actions`).scrollIntoViewIfNeeded(); // the page scrolls inside the app shell
    await page.screenshot({ path: path.join(RESULTS, 'add-preview-failed.png') });

    // a URL that is not RTSP is refused before asking the hub
    await page.fill('#cam-url', 'http://127.0.0.1/main');
    await page.click(`${form} [data-testid="test-connection"]`);
    expect(await page.locator(`${form} [data-testid="conn-url-error"]`).textContent()).toBe('Địa chỉ phải bắt đầu bằng rtsp:// hoặc rtsps://.');

    // saving never needed the test
    await page.fill('#cam-url', camera.url('/main'));
    await page.click(`${form} button[type="submit"]`);
    await page.waitForSelector('[data-testid="added-result"]');
    expect(await savedCount()).toBe(1);
  }, 120_000);

  it('ONVIF: a wrong password is said as such; the right one shows maker, model, resolutions and a picture', async () => {
    const form = '[data-testid="onvif-form"]';
    await page.goto(`${hub.url}/cameras?add=1&tab=onvif`);
    await page.waitForSelector(form);
    await page.fill('#onvif-host', sim.address);
    await page.fill('#onvif-port', String(sim.port));
    await page.fill('#onvif-user', 'admin');
    await page.fill('#onvif-pass', 'sai-mat-khau');
    await startTest(form);
    await testIdle(form);
    expect(await page.locator(`${form} [data-testid="conn-error"]`).textContent()).toBe('Sai tên đăng nhập hoặc mật khẩu của camera.');

    await page.fill('#onvif-pass', CAMERA_PASSWORD);
    await startTest(form);
    await testIdle(form);
    expect(await page.locator(`${form} [data-testid="conn-error"]`).count()).toBe(0);
    const facts = (await page.locator(`${form} [data-testid="conn-facts"]`).textContent()) ?? '';
    expect(facts).toContain('Dahua IPC-HFW1230S');
    expect(facts).toMatch(/Luồng chính \d+×\d+/);
    expect(await page.locator(`${form} .conn-state.ok`).textContent()).toBe('Kết nối được');
    // the picture from the camera's ONVIF snapshot URI (the simulator's 64×36 JPEG)
    const img = page.locator(`${form} [data-testid="conn-snapshot"]`);
    await page.waitForFunction((el) => el instanceof HTMLImageElement && el.complete && el.naturalWidth > 0, await img.elementHandle(), { timeout: LIMIT_MS });
    expect(await savedCount()).toBe(1); // only the RTSP camera saved above
    await page.locator(`${form} .form-actions`).scrollIntoViewIfNeeded(); // the page scrolls inside the app shell
    await page.screenshot({ path: path.join(RESULTS, 'add-preview-onvif.png') });
  }, 120_000);
});
