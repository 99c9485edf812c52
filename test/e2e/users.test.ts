// User management in chromium: an admin creates an operator, gives them an incident with the assignee picker,
// logs out; the operator logs in, sees the wall but not the users page, and changes their own password.
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, type TestHub } from '../helpers/hub.ts';
import { startBrowserHub } from './browser.ts';
import { logIn } from './hub-pages.ts';

const RESULTS = path.resolve('test-results');
const POLL = { timeout: 15_000, interval: 100 };

describe('users in chromium', () => {
  let hub: TestHub;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    ({ hub, browser, page } = await startBrowserHub({ demo: true }, { viewport: { width: 1400, height: 860 } }));
    fs.mkdirSync(RESULTS, { recursive: true });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await hub?.close();
  });

  it('an admin creates an operator and assigns them an incident; the operator cannot manage users', async () => {
    await logIn(page, hub.url, hub.adminPassword);
    await page.click('[data-testid="nav-more"]'); // users, areas, invitations: under "Thêm" (top-bar.ts)
    await page.click('a[data-nav="users"]');
    await page.waitForURL((u) => u.pathname === '/users');
    await page.locator('tr[data-username="admin"]').waitFor();
    expect(await page.locator('tr[data-username="admin"]').textContent()).toContain('Quản trị viên');

    await page.click('[data-testid="add-user"]');
    await page.fill('#user-username', 'dh.thanh');
    await page.fill('#user-display-name', 'Phạm Văn Thành');
    await page.selectOption('#user-role', 'operator');
    await page.fill('#user-password', 'short');
    await page.click('[data-testid="user-save"]');
    await expect.poll(() => page.locator('[data-testid="user-dialog"] .form-error').textContent(), POLL)
      .toBe('Mật khẩu cần ít nhất 10 ký tự.');
    await page.fill('#user-password', 'dieu-hanh-2024');
    await page.screenshot({ path: path.join(RESULTS, 'users-create-dialog.png') });
    await page.click('[data-testid="user-save"]');
    const row = page.locator('tr[data-username="dh.thanh"]');
    await row.waitFor();
    expect(await row.textContent()).toContain('Điều hành viên');
    expect(await row.textContent()).toContain('Đang hoạt động');
    await page.screenshot({ path: path.join(RESULTS, 'users-page.png') });

    // the incident detail offers the new operator in its assignee picker
    const incidentId = await page.evaluate(async () => {
      const cams = (await (await fetch('/api/cameras')).json()) as { cameras: { id: string }[] };
      const cats = (await (await fetch('/api/incidents/categories')).json()) as { categories: { id: string }[] };
      const res = await fetch('/api/incidents', {
        method: 'POST', headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ cameraIds: [cams.cameras[0]!.id], category: cats.categories[0]!.id, title: 'Trộm xe đạp' }),
      });
      return ((await res.json()) as { incident: { id: number } }).incident.id;
    });
    await page.goto(`${hub.url}/incidents/${incidentId}`);
    const picker = page.locator('[data-testid="assignee-picker"]');
    await expect.poll(() => picker.locator('option').allTextContents(), POLL).toContain('Phạm Văn Thành');
    const operatorId = await picker.locator('option', { hasText: 'Phạm Văn Thành' }).getAttribute('value');
    await picker.selectOption(operatorId!);
    await expect.poll(() => page.evaluate(async (id) =>
      ((await (await fetch(`/api/incidents/${id}`)).json()) as { incident: { assignee: { username: string } | null } }).incident.assignee?.username,
    incidentId), POLL).toBe('dh.thanh');
    await page.screenshot({ path: path.join(RESULTS, 'incident-assignee-picker.png') });

    // log out through the user menu
    await page.click('[data-testid="user-box"]');
    await page.click('[data-testid="logout"]');
    await page.waitForURL((u) => u.pathname === '/login');

    await logIn(page, hub.url, 'dieu-hanh-2024', 'dh.thanh');
    await page.waitForSelector('.wall-grid .tile[data-camera-id]');
    expect(await page.locator('[data-testid="user-box"]').textContent()).toContain('Điều hành viên');
    expect(await page.locator('a[data-nav="users"]').count()).toBe(0);
    await page.goto(`${hub.url}/users`);
    await page.locator('[data-testid="no-permission"]').waitFor();
    expect(await page.locator('[data-testid="user-table"]').count()).toBe(0);

    // the operator changes their own password from the user menu
    await page.click('[data-testid="user-box"]');
    await page.click('[data-testid="change-password"]');
    await page.fill('#pw-current', 'not-my-password');
    await page.fill('#pw-new', 'moi-doi-2025-ok');
    await page.fill('#pw-repeat', 'moi-doi-2025-ok');
    await page.click('[data-testid="pw-save"]');
    await expect.poll(() => page.locator('[data-testid="password-dialog"] .form-error').textContent(), POLL)
      .toBe('Mật khẩu hiện tại không đúng.');
    await page.fill('#pw-current', 'dieu-hanh-2024');
    await page.screenshot({ path: path.join(RESULTS, 'change-password-dialog.png') });
    await page.click('[data-testid="pw-save"]');
    await expect.poll(() => page.locator('[data-testid="toast"]').allTextContents(), POLL)
      .toEqual(expect.arrayContaining([expect.stringContaining('Đã đổi mật khẩu.')]));
    expect(await page.locator('[data-testid="password-dialog"]').count()).toBe(0);
    // this browser's session stays; the new password is the one that works
    expect(await page.evaluate(async () => (await fetch('/api/auth/me')).status)).toBe(200);
    await login(hub.url, 'dh.thanh', 'moi-doi-2025-ok');
  }, 120_000);
});
