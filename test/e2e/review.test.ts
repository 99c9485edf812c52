// Reviewing footage in chromium: the recorded ranges of a camera appear on the day's timeline, clicking one
// plays the VOD playlist from that instant with the frame's wall-clock time shown, and an incident flagged from
// the review player takes the playing frame's time, not the present.
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestHub } from '../helpers/hub.ts';
import { startBrowserHub, waitForAdvancingVideo } from './browser.ts';
import { logIn, waitForRecorded } from './hub-pages.ts';

const RESULTS = path.resolve('test-results');
const LIMIT_MS = 60_000;

describe('review in chromium', () => {
  let hub: TestHub;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    ({ hub, browser, page } = await startBrowserHub({ demo: true, config: { recording: { defaultMode: 'continuous', segmentSec: 6, minFreeGB: 0 } } }, { viewport: { width: 1440, height: 900 } }));
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await hub?.close();
  });

  it('shows recorded ranges on the timeline and plays from the instant clicked', async () => {
    fs.mkdirSync(RESULTS, { recursive: true });
    await logIn(page, hub.url, hub.adminPassword);
    const cameraId = await waitForAdvancingVideo(page, '.wall-grid', LIMIT_MS);
    await waitForRecorded(page, cameraId, 15, LIMIT_MS);

    // from the tile's "Xem lại" action
    await page.locator(`.wall-grid .tile[data-camera-id="${cameraId}"] [data-testid="tile-review"]`).click();
    await page.waitForURL((u) => u.pathname === `/review/${cameraId}`);
    const range = page.locator('[data-testid="timeline-range"]').first();
    await range.waitFor();
    expect(await page.locator('[data-testid="review-camera"]').inputValue()).toBe(cameraId);

    // click a third of the way into the recorded range: the player starts there
    const box = (await range.boundingBox())!;
    expect(box.width).toBeGreaterThan(10); // the day's few seconds of footage get a zoom that shows them
    await page.mouse.click(box.x + box.width / 3, box.y + box.height / 2);
    const clickedAt = await page.evaluate(() => {
      const q = new URLSearchParams(location.search).get('t');
      return q ? Date.parse(q) : NaN;
    });
    expect(Number.isFinite(clickedAt)).toBe(true);

    const video = page.locator('[data-testid="review-video"]');
    await page.locator('[data-testid="review-video"][data-vod-state="playing"]').waitFor({ timeout: LIMIT_MS });
    const t0 = await video.evaluate((v: HTMLVideoElement) => v.currentTime);
    await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.currentTime), { timeout: LIMIT_MS, interval: 200 }).toBeGreaterThan(t0 + 1);

    // the frame's wall-clock time: from where we clicked on (one GOP of slack), in the past
    const frameIso = await page.locator('[data-testid="review-time"]').getAttribute('data-iso');
    const frameAt = Date.parse(frameIso!);
    expect(frameAt).toBeGreaterThanOrEqual(clickedAt - 1500);
    expect(frameAt).toBeLessThan(Date.now() - 1000);
    await page.screenshot({ path: path.join(RESULTS, 'review.png') });

    // flag from the review player: the incident's time is the frame's, not now
    await page.click('[data-testid="review-flag"]');
    const popover = page.locator('[data-testid="flag-popover"]');
    await popover.locator('button[data-category="public-disorder"]').waitFor();
    const flaggedAt = Date.parse((await popover.locator('[data-testid="flag-time"]').getAttribute('datetime'))!);
    const shownAt = Date.parse((await page.locator('[data-testid="review-time"]').getAttribute('data-iso'))!);
    expect(Math.abs(flaggedAt - shownAt)).toBeLessThan(1000); // the player was paused on that frame
    await page.screenshot({ path: path.join(RESULTS, 'review-flag.png') });
    await popover.locator('button[data-category="public-disorder"]').click();
    const href = (await page.locator('[data-testid="toast"] a').getAttribute('href'))!;
    const incident = await page.evaluate(async (h) => (await (await fetch(`/api${h}`)).json()).incident, href);
    expect(Date.parse(incident.occurredAt)).toBe(Math.floor(flaggedAt / 1000) * 1000);
    expect(Date.parse(incident.occurredAt)).toBeLessThan(Date.now() - 1000);
    // and it is marked on the timeline
    await page.locator('[data-testid="timeline-mark"]').first().waitFor();
  }, 120_000);
});
