// The access log page in Chromium (the built web app, a real hub, its SQLite file): an admin reaches it from the
// user menu (so the nav stays one row at 1400 px), sees the entries in Vietnamese, filters them, and "Kiểm tra
// chuỗi" says the chain is intact, then names the entry changed behind the hub's back. An officer has no link and
// gets the no-permission page.
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserHub } from '../../e2e/browser.ts';
import { logIn } from '../../e2e/hub-pages.ts';
import { login, type TestHub } from '../../helpers/hub.ts';

let hub: TestHub;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  ({ hub, browser, page } = await startBrowserHub({}, { viewport: { width: 1400, height: 900 }, locale: 'vi-VN' }));
  const admin = await login(hub.url, 'admin', hub.adminPassword);
  const r = await fetch(`${hub.url}/api/users`, {
    method: 'POST', headers: { cookie: admin, 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'nam.ca', displayName: 'Trần Văn Nam', role: 'police', password: 'officer-pass-1' }),
  });
  expect(r.status).toBe(201);
  await login(hub.url, 'nam.ca', 'officer-pass-1');
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await hub?.close();
});

describe('the access log page', () => {
  it('lists the entries, filters them, and verifies the chain', async () => {
    await logIn(page, hub.url, hub.adminPassword);
    await page.click('[data-testid="user-box"]');
    await page.click('[data-testid="nav-audit"]');
    await page.waitForURL((u) => u.pathname === '/audit');
    await expect.poll(() => page.locator('[data-testid="audit-table"] tbody tr').count()).toBeGreaterThanOrEqual(3);
    expect(await page.locator('h1').textContent()).toBe('Nhật ký truy cập');
    const officerRow = page.locator('tr[data-action="login"]', { hasText: 'Trần Văn Nam' });
    expect(await officerRow.count()).toBe(1);
    expect(await officerRow.textContent()).toContain('Đăng nhập');

    await page.selectOption('[data-testid="audit-action"]', 'login');
    await expect.poll(async () => [...new Set(await page.locator('[data-testid="audit-table"] tbody tr').evaluateAll(
      (rows) => rows.map((r) => r.getAttribute('data-action')),
    ))]).toEqual(['login']);
    expect(await page.getAttribute('[data-testid="audit-csv"]', 'href')).toBe('/api/audit/export.csv?action=login');

    await page.click('[data-testid="audit-verify"]');
    const result = page.locator('[data-testid="audit-verify-result"]');
    await expect.poll(() => result.getAttribute('data-ok')).toBe('true');
    expect(await result.textContent()).toMatch(/^Chuỗi nguyên vẹn: \d+ mục\./);
  }, 60_000);

  it('names the entry changed behind the hub\'s back', async () => {
    const db = new Database(path.join(hub.dataDir, 'hub.sqlite'));
    try {
      db.exec('DROP TRIGGER audit_log_no_update');
      db.prepare("UPDATE audit_log SET display_name = 'Người khác' WHERE id = 2").run();
    } finally {
      db.close();
    }
    await page.click('[data-testid="audit-verify"]');
    const result = page.locator('[data-testid="audit-verify-result"]');
    await expect.poll(() => result.getAttribute('data-ok')).toBe('false');
    expect(await result.textContent()).toBe('Chuỗi bị phá tại mục #2: nội dung mục này đã bị sửa sau khi ghi.');
  });

  it('gives an officer no link and the no-permission page', async () => {
    const officer = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await logIn(officer, hub.url, 'officer-pass-1', 'nam.ca');
    expect(await officer.locator('[data-testid="nav-audit"]').count()).toBe(0);
    await officer.goto(`${hub.url}/audit`);
    await expect.poll(() => officer.locator('main').textContent()).toContain('Chỉ quản trị viên được xem nhật ký truy cập.');
    await officer.close();
  }, 30_000);
});
