// A recording write that fails for real reaches an admin's screen as a banner that stays until dismissed.
// The failure: today's folder of one demo camera is a link into /proc, where no file can be created.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestHub } from '../helpers/hub.ts';
import { startBrowserHub } from './browser.ts';
import { logIn } from './hub-pages.ts';

const RESULTS = path.resolve('test-results');
const LIMIT_MS = 60_000;

/** Today's date in Vietnam (the recorder's folder name), UTC+7 all year. */
const vnDay = (t: number) => new Date(t + 7 * 3600_000).toISOString().slice(0, 10);

describe('storage alert in chromium', () => {
  let hub: TestHub;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'matthan-hub-'));
    const camDir = path.join(dataDir, 'recordings', 'demo-1');
    fs.mkdirSync(camDir, { recursive: true });
    for (const day of new Set([vnDay(Date.now()), vnDay(Date.now() + 120_000)])) fs.symlinkSync('/proc/self', path.join(camDir, day));
    ({ hub, browser, page } = await startBrowserHub({ demo: true, dataDir, config: { recording: { segmentSec: 6, minFreeGB: 0 } } }, { viewport: { width: 1440, height: 900 } }));
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await hub?.close();
  });

  it('shows the alert to an admin until dismissed, and to an admin who signs in later', async () => {
    await logIn(page, hub.url, hub.adminPassword);
    await page.waitForSelector('.wall-grid .tile[data-camera-id]');
    // turn recording on while the admin is watching: the alert is pushed
    const status = await page.evaluate(async () => {
      const res = await fetch('/api/cameras/demo-1', {
        method: 'PATCH',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ recording: { mode: 'continuous' } }),
      });
      return res.status;
    });
    expect(status).toBe(200);
    const banner = page.locator('[data-testid="storage-banner"]');
    await banner.waitFor({ state: 'visible', timeout: LIMIT_MS });
    const text = await banner.textContent();
    expect(text).toContain('Cảnh báo lưu trữ');
    expect(text).toContain('Cổng trường THCS (demo)');
    fs.mkdirSync(RESULTS, { recursive: true });
    await page.screenshot({ path: path.join(RESULTS, 'storage-alert.png') });
    // it stays while the admin moves between pages
    await page.click('.nav-link[data-nav="incidents"]');
    await page.waitForURL((u) => u.pathname === '/incidents');
    expect(await banner.isVisible()).toBe(true);
    await banner.locator('button').click();
    expect(await banner.isVisible()).toBe(false);

    // open storage alerts are kept in the database: an admin who opens the hub afterwards still sees it
    const later = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await logIn(later, hub.url, hub.adminPassword);
    await later.locator('[data-testid="storage-banner"]').waitFor({ state: 'visible', timeout: LIMIT_MS });
    await later.close();
  }, 120_000);
});
