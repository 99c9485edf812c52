// The operator's job seen from chromium: flag an incident from a wall tile (popover, keyboard F), find it on the
// incidents page, watch its clip once it is cut, export the evidence zip (the manifest's hash shown on the page
// is the hash of the manifest in the zip), move it along the workflow and add a note.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestHub } from '../helpers/hub.ts';
import { unzip } from '../helpers/zip.ts';
import { startBrowserHub, waitForAdvancingVideo } from './browser.ts';
import { logIn, waitForRecorded } from './hub-pages.ts';

const RESULTS = path.resolve('test-results');
const LIMIT_MS = 60_000;
const POLL = { timeout: 15_000, interval: 100 };

describe('incidents in chromium', () => {
  let hub: TestHub;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    ({ hub, browser, page } = await startBrowserHub({
      demo: true,
      config: { recording: { defaultMode: 'continuous', segmentSec: 6, minFreeGB: 0 }, incidents: { defaultPostRollSec: 5 } },
    }, { viewport: { width: 1440, height: 900 }, acceptDownloads: true }));
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await hub?.close();
  });

  it('flags from a tile, lists, plays the clip, exports, changes status and adds a note', async () => {
    fs.mkdirSync(RESULTS, { recursive: true });
    await logIn(page, hub.url, hub.adminPassword);
    const cameraId = await waitForAdvancingVideo(page, '.wall-grid', LIMIT_MS);
    await waitForRecorded(page, cameraId, 12, LIMIT_MS); // the 10 s pre-roll is on disk
    const tile = page.locator(`.wall-grid .tile[data-camera-id="${cameraId}"]`);

    // the flag button opens the popover; Esc closes it and gives focus back
    await tile.locator('[data-testid="tile-flag"]').click();
    const popover = page.locator('[data-testid="flag-popover"]');
    await popover.locator('button[data-category]').first().waitFor();
    await page.keyboard.press('Escape');
    expect(await popover.count()).toBe(0);

    // keyboard: F on the focused tile; the moment is the key press, not the submit
    await tile.locator('[data-testid="tile-open"]').focus();
    await page.keyboard.press('f');
    await popover.locator('button[data-category="theft"]').waitFor();
    const pressedAt = Date.parse((await popover.locator('[data-testid="flag-time"]').getAttribute('datetime'))!);
    expect(await popover.locator('[data-pre-roll="10"]').getAttribute('aria-pressed')).toBe('true');
    await popover.locator('[data-testid="flag-note"]').fill('Hai thanh niên lấy trộm xe đạp trước cổng');
    await page.screenshot({ path: path.join(RESULTS, 'flag-popover.png') });
    await page.waitForTimeout(2000); // filling in the form takes a while: the incident's time must not move
    await popover.locator('button[data-category="theft"]').click();

    const toast = page.locator('[data-testid="toast"]');
    await toast.waitFor();
    const incidentHref = (await toast.locator('a').getAttribute('href'))!;
    expect(incidentHref).toMatch(/^\/incidents\/\d+$/);
    const incidentId = Number(incidentHref.split('/').pop());
    const created = await page.evaluate(async (id) => (await (await fetch(`/api/incidents/${id}`)).json()).incident, incidentId);
    expect(Date.parse(created.occurredAt)).toBe(Math.floor(pressedAt / 1000) * 1000);
    expect(created.preRollSec).toBe(10);
    expect(created.clips.map((c: { cameraId: string }) => c.cameraId)).toEqual([cameraId]);

    // the incidents page lists it; a new incident appears there by itself (socket push)
    await page.click('.nav-link[data-nav="incidents"]');
    const row = page.locator(`[data-testid="incident-table"] tr[data-incident-id="${incidentId}"]`);
    await row.waitFor();
    expect(await row.textContent()).toContain('Trộm cắp');
    await page.evaluate(async (cam) => {
      await fetch('/api/incidents', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ cameraIds: [cam], category: 'traffic-accident', title: 'Va chạm xe máy ở ngã tư' }),
      });
    }, cameraId);
    await page.locator('[data-testid="incident-table"] tbody tr', { hasText: 'Va chạm xe máy' }).waitFor();
    // text search runs on the hub, without diacritics
    await page.fill('[data-testid="filter-q"]', 'xe dap');
    await expect.poll(() => page.locator('[data-testid="incident-table"] tbody tr').count(), POLL).toBe(1);
    expect(await page.locator('[data-testid="incident-table"] tbody tr').getAttribute('data-incident-id')).toBe(String(incidentId));
    await page.fill('[data-testid="filter-q"]', '');
    await expect.poll(() => page.locator('[data-testid="incident-table"] tbody tr').count(), POLL).toBe(2);
    await page.screenshot({ path: path.join(RESULTS, 'incidents.png') });

    // detail: the clip becomes ready (clip:ready push), plays, and shows its full SHA-256
    await row.locator('[data-testid="incident-link"]').click();
    await page.waitForURL((u) => u.pathname === incidentHref);
    const clip = page.locator(`[data-testid="incident-clips"] [data-camera-id="${cameraId}"][data-clip-status="ready"]`);
    await clip.waitFor({ timeout: LIMIT_MS });
    expect(await clip.locator('[data-testid="clip-sha256"]').textContent()).toMatch(/^[0-9a-f]{64}$/);
    const video = clip.locator('[data-testid="clip-video"]');
    await video.evaluate((v: HTMLVideoElement) => {
      v.muted = true;
      return v.play();
    });
    await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.currentTime), { timeout: LIMIT_MS, interval: 200 }).toBeGreaterThan(0.5);
    await clip.screenshot({ path: path.join(RESULTS, 'incident-clip.png') });

    // export: bytes arrive, the file is saved, the manifest hash on the page is that of manifest.json in the zip
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="export-button"]')]);
    const zipFile = path.join(RESULTS, 'evidence.zip');
    await download.saveAs(zipFile);
    expect(fs.statSync(zipFile).size).toBeGreaterThan(0);
    await page.locator('[data-testid="incident-export"][data-state="done"]').waitFor();
    expect(Number(await page.locator('[data-testid="export-status"]').getAttribute('data-bytes'))).toBe(fs.statSync(zipFile).size);
    const shownHash = await page.locator('[data-testid="export-manifest-sha256"]').textContent();
    const files = await unzip(fs.readFileSync(zipFile));
    const manifest = files.get('manifest.json');
    expect(manifest).toBeDefined();
    expect(shownHash).toBe(crypto.createHash('sha256').update(manifest!).digest('hex'));

    // workflow: new → in progress, recorded in the history
    await page.click('[data-testid="status-actions"] [data-to-status="in_progress"]');
    await expect.poll(() => page.locator('[data-testid="incident-status"]').textContent(), POLL).toBe('Đang xử lý');
    expect(await page.locator('[data-testid="status-actions"] [data-to-status]').evaluateAll((b) => b.map((x) => (x as HTMLElement).dataset.toStatus))).toEqual(['resolved', 'closed']);
    await expect.poll(() => page.locator('[data-testid="incident-history"]').textContent(), POLL).toContain('Mới → Đang xử lý');

    // a note joins the timeline
    await page.fill('[data-testid="note-input"]', 'Đã trích xuất hình ảnh, chuyển đội điều tra');
    await page.click('[data-testid="note-submit"]');
    await expect.poll(() => page.locator('[data-testid="incident-notes"] li').count(), POLL).toBe(2);
    expect(await page.locator('[data-testid="incident-notes"]').textContent()).toContain('chuyển đội điều tra');
    await page.evaluate(() => document.querySelector('.incident-page')?.scrollTo(0, 0));
    await page.screenshot({ path: path.join(RESULTS, 'incident-detail.png') });
  }, 120_000);
});
