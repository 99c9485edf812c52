// The review report in chromium: pick last month, read the sentence and the tables, download the CSV (UTF-8 with a
// BOM for Excel), and see the printed form (print media: the Vietnamese administrative header, no app chrome).
// Screenshots of both go to /tmp for a person to look at.
import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CameraDto } from '../../server/contracts.ts';
import { presetRange } from '../../web/src/views/reports/report-periods.ts';
import { login, type TestHub } from '../helpers/hub.ts';
import { startBrowserHub } from './browser.ts';
import { logIn } from './hub-pages.ts';

const POLL = { timeout: 15_000, interval: 100 };

describe('the review report in chromium', () => {
  let hub: TestHub;
  let browser: Browser;
  let page: Page;
  // "last month" as the page will compute it, from the same clock
  const last = presetRange('last-month', new Date());
  const [year, month] = last.from.split('-').map(Number) as [number, number];
  const at = (y: number, day: number) => `${y}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}T03:00:00Z`;

  beforeAll(async () => {
    ({ hub, browser, page } = await startBrowserHub({ demo: true, config: { commune: { name: 'Tân Lập' } } },
      { viewport: { width: 1280, height: 900 }, acceptDownloads: true, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' }));
    const cookie = await login(hub.url, 'admin', hub.adminPassword);
    const cams = ((await (await fetch(`${hub.url}/api/cameras`, { headers: { cookie } })).json()) as { cameras: CameraDto[] }).cameras;
    const flag = async (category: string, occurredAt: string) => {
      const res = await fetch(`${hub.url}/api/incidents`, {
        method: 'POST', headers: { cookie, 'content-type': 'application/json' },
        body: JSON.stringify({ cameraIds: [cams[0]!.id], category, occurredAt }),
      });
      expect(res.status).toBe(201);
    };
    for (const d of [2, 9, 16]) await flag('theft', at(year, d));
    await flag('fire', at(year, 20));
    for (const d of [3, 25]) await flag('theft', at(year - 1, d));
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await hub?.close();
  });

  it('shows last month against last year, downloads the CSV and prints the administrative form', async () => {
    await logIn(page, hub.url, hub.adminPassword);
    await page.click('a[data-nav="reports"]');
    await page.waitForURL((u) => u.pathname === '/reports');
    await page.click('[data-testid="report-preset-last-month"]');
    await page.waitForURL((u) => u.search === '?period=last-month');
    const sentence = page.locator('[data-testid="report-sentence"]');
    await expect.poll(() => sentence.textContent(), POLL).toBe(
      `Trong tháng ${month}/${year}, trên địa bàn xã Tân Lập xảy ra 4 vụ việc liên quan đến ANTT, tăng 2 vụ (100%) so với`
      + ' cùng kỳ năm trước; trong đó 3 vụ trộm cắp và 1 vụ cháy nổ.');
    expect(await page.locator('[data-testid="report-last-month"]').count()).toBe(0);
    expect(await page.getAttribute('[data-testid="report-preset-last-month"]', 'aria-pressed')).toBe('true');
    const theft = page.locator('[data-testid="report-by-category"] tbody tr', { hasText: 'Trộm cắp' });
    expect(await theft.locator('td').allTextContents()).toEqual(['3', '2', '+1', '+50%']);
    const total = page.locator('[data-testid="report-by-category"] tbody tr.total');
    expect(await total.locator('td').allTextContents()).toEqual(['4', '2', '+2', '+100%']);
    expect(await page.locator('[data-testid="report-chart"] [data-testid="bar-now"]').count()).toBeGreaterThanOrEqual(4);
    // on screen: no letterhead
    expect(await page.locator('[data-testid="report-letterhead"]').isVisible()).toBe(false);
    await page.screenshot({ path: '/tmp/h6-report-screen.png', fullPage: true });

    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="report-csv"]')]);
    expect(download.suggestedFilename()).toBe(`bao-cao-${last.from}-${new Date(Date.parse(last.to) - 86_400_000).toISOString().slice(0, 10)}.csv`);
    const bytes = fs.readFileSync((await download.path())!);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.subarray(3).toString('utf8')).toContain('Loại vụ việc;Trộm cắp;3;2;1;50');

    await page.emulateMedia({ media: 'print' });
    const head = page.locator('[data-testid="report-letterhead"]');
    expect(await head.isVisible()).toBe(true);
    expect(await head.textContent()).toContain('CÔNG AN XÃ TÂN LẬP');
    expect(await head.textContent()).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(await head.textContent()).toContain('Độc lập - Tự do - Hạnh phúc');
    expect(await head.textContent()).toMatch(/Tân Lập, ngày \d{2} tháng \d{1,2} năm \d{4}/);
    expect(await page.locator('[data-testid="report-title"]').textContent()).toBe(`BÁO CÁO SƠ KẾT TÌNH HÌNH AN NINH, TRẬT TỰ THÁNG ${month}/${year}`);
    expect(await page.locator('[data-testid="report-sign"]').isVisible()).toBe(true);
    expect(await page.locator('.top-bar').isVisible()).toBe(false);
    expect(await page.locator('[data-testid="report-controls"]').isVisible()).toBe(false);
    await page.screenshot({ path: '/tmp/h6-report-print.png', fullPage: true });
    // the browser's own PDF of the page, as "In báo cáo" → Save as PDF makes it: A4 from the print stylesheet
    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
    fs.writeFileSync('/tmp/h6-report.pdf', pdf);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    await page.emulateMedia({ media: 'screen' });

    // English on the same page, without a reload
    await page.click('[data-testid="lang-switch"] [data-lang="en"]');
    await expect.poll(() => sentence.textContent(), POLL).toMatch(new RegExp(`^In [A-Z][a-z]+ ${year}, 4 incidents related to security and order occurred in Tân Lập commune, 2 more \\(100%\\)`));
  });
});
