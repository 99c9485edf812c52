// An admin sets a camera's recording in the cameras page dialog: a bad retention is refused in place, a good one
// is saved.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestHub } from '../helpers/hub.ts';
import { startBrowserHub } from './browser.ts';
import { logIn } from './hub-pages.ts';

describe('recording settings dialog', () => {
  let hub: TestHub;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    ({ hub, browser, page } = await startBrowserHub({ demo: true }, { viewport: { width: 1440, height: 900 } }));
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await hub?.close();
  });

  it('refuses a bad retention, then saves mode and days', async () => {
    await logIn(page, hub.url, hub.adminPassword);
    await page.goto(`${hub.url}/cameras`);
    await page.locator('tr[data-camera-id="demo-1"] [data-testid="camera-recording"]').click();
    const dialog = page.locator('[data-testid="recording-dialog"]');
    await dialog.waitFor({ state: 'visible' });
    await page.selectOption('[data-testid="rec-mode"]', 'continuous');
    await page.fill('[data-testid="rec-days"]', '0');
    await page.click('[data-testid="rec-save"]');
    // the browser refuses it first (min 1); the dialog stays open and nothing is saved
    expect(await page.locator('[data-testid="rec-days"]').evaluate((el) => (el as HTMLInputElement).validity.valid)).toBe(false);
    expect(await dialog.isVisible()).toBe(true);
    expect(await page.evaluate(async () => (await (await fetch('/api/cameras/demo-1')).json()).camera.recording.own.mode)).toBeNull();

    await page.fill('[data-testid="rec-days"]', '7');
    await page.click('[data-testid="rec-save"]');
    await dialog.waitFor({ state: 'detached' });
    const own = await page.evaluate(async () => (await (await fetch('/api/cameras/demo-1')).json()).camera.recording.own);
    expect(own).toEqual({ mode: 'continuous', stream: null, retentionDays: 7 });
  }, 90_000);
});
