// Footage requests on the owner's phone (Chromium at 390x844): an officer asks over the API for a range of a
// resident's camera shared "on request"; the resident's /my/requests page shows who asks and as what, why, which
// range in Vietnam time and what approving hands over, with big buttons and nothing wider than the screen; a second
// request arrives live over the socket; approving moves the first to the answered list (and, as nothing was
// recorded in that range, says the clip could not be cut); declining the second with a note. And the officer's side
// on a desktop: the focus view's "Yêu cầu trích xuất hình ảnh" dialog sends one, an incident's says why it cannot,
// /requests lists it and withdraws it.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, type TestHub } from '../helpers/hub.ts';
import { apiClient } from '../integration/sources/source-helpers.ts';
import { startBrowserHub } from './browser.ts';

const SHOTS = path.resolve('test-results');
const POLL = { timeout: 15_000, interval: 100 };
const PASSWORD = 'Lan-Camera-2026!';
/** hh:mm of an instant in Vietnam (UTC+7 all year) */
const vnClock = (ms: number) => new Date(ms + 7 * 3600_000).toISOString().slice(11, 16);

describe('footage requests on the owner\'s phone', () => {
  let hub: TestHub;
  let browser: Browser;
  let page: Page;
  let police: ReturnType<typeof apiClient>;
  let cameraId = '';
  const from = Math.floor((Date.now() - 20 * 60_000) / 60_000) * 60_000;
  const to = from + 10 * 60_000;

  const ask = async (reason: string) => {
    const r = await police('POST', '/api/footage-requests', { cameraId, from: new Date(from).toISOString(), to: new Date(to).toISOString(), reason });
    expect(r.status, r.text).toBe(201);
    return r.json.request.id as number;
  };
  const card = (id: number) => page.locator(`[data-testid="req-card"][data-request-id="${id}"]`);

  beforeAll(async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    ({ hub, browser, page } = await startBrowserHub(
      { demo: true, config: { recording: { defaultMode: 'off' } } },
      { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'vi-VN' },
    ));
    const admin = apiClient(hub, await login(hub.url, 'admin', hub.adminPassword));
    const area = await admin('POST', '/api/areas', { name: 'Tổ dân phố 3', parentId: null });
    expect(area.status, area.text).toBe(201);
    const resident = await admin('POST', '/api/users', {
      username: 'lan.nguyen', displayName: 'Nguyễn Thị Lan', role: 'resident', password: PASSWORD, areaId: area.json.area.id,
    });
    expect(resident.status, resident.text).toBe(201);
    const officer = await admin('POST', '/api/users', {
      username: 'hung.tran', displayName: 'Trần Văn Hùng', role: 'police', password: 'Hung-Congan-2026!',
    });
    expect(officer.status, officer.text).toBe(201);
    police = apiClient(hub, await login(hub.url, 'hung.tran', 'Hung-Congan-2026!'));
    cameraId = (await admin('GET', '/api/cameras')).json.cameras[0].id;
    // the resident's camera, approved, shared with the police on request only (set in the database: this test is
    // about the requests page, not about registering or approving cameras)
    const db = new Database(path.join(hub.dataDir, 'hub.sqlite'));
    db.prepare(`UPDATE cameras SET owner_id = ?, area_id = ?, place = ?, share_police_on_request = 1, share_police_live = 0,
      share_group = 0, approval = 'approved' WHERE id = ?`).run(resident.json.user.id, area.json.area.id, 'Cổng nhà, nhìn ra ngõ 12', cameraId);
    db.close();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await hub?.close();
  });

  it('shows the request with who, why, the range in Vietnam time and what approving means', async () => {
    const first = await ask('Xác minh vụ trộm xe máy trước cổng nhà số 12');
    await page.goto(`${hub.url}/login`);
    await page.fill('#login-username', 'lan.nguyen');
    await page.fill('#login-password', PASSWORD);
    await page.click('form.login-form button[type="submit"]');
    await page.waitForURL((u) => u.pathname === '/my');
    await page.goto(`${hub.url}/my/requests`);
    const c = card(first);
    await c.waitFor();
    expect(await c.locator('[data-testid="req-status"]').getAttribute('data-status')).toBe('pending');
    expect(await c.locator('[data-testid="req-reason"]').textContent()).toBe('Xác minh vụ trộm xe máy trước cổng nhà số 12');
    const text = (await c.textContent())!;
    expect(text).toContain('Trần Văn Hùng · Cán bộ công an');
    expect(text).toContain('Cổng nhà, nhìn ra ngõ 12');
    expect(text).toContain('Chưa có vụ việc');
    const range = (await c.locator('[data-testid="req-range"]').textContent())!;
    expect(range).toContain(vnClock(from));
    expect(range).toContain(vnClock(to));
    const consent = (await c.locator('[data-testid="req-consent"]').textContent())!;
    expect(consent).toContain(`chỉ đoạn hình từ`);
    expect(consent).toContain(vnClock(from));
    expect(consent).toContain('lưu làm chứng cứ');
    // phone first: big buttons, nothing wider than the screen
    for (const b of ['req-approve', 'req-decline']) {
      const box = (await c.locator(`[data-testid="${b}"]`).boundingBox())!;
      expect(box.height).toBeGreaterThanOrEqual(44);
      expect(box.x + box.width).toBeLessThanOrEqual(390);
    }
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.screenshot({ path: path.join(SHOTS, 'footage-request-owner.png'), fullPage: true });
  });

  it('a new request arrives while the page is open; approving and declining change their state', async () => {
    const second = await ask('Tìm người đi xe máy màu đỏ qua ngõ 12');
    await card(second).waitFor(POLL);
    const first = Number(await page.locator('[data-testid="req-pending"] [data-testid="req-card"]').last().getAttribute('data-request-id'));

    await card(first).locator('[data-testid="req-approve"]').click();
    const done = page.locator(`[data-testid="req-answered"] [data-request-id="${first}"]`);
    await done.waitFor(POLL);
    expect(await done.locator('[data-testid="req-status"]').getAttribute('data-status')).toBe('approved');
    expect((await police('GET', `/api/footage-requests/${first}`)).json.request.status).toBe('approved');
    // nothing was recorded in that range: the owner reads that no clip could be cut
    await expect.poll(() => done.locator('[data-testid="req-clip"]').getAttribute('data-clip').catch(() => null), POLL).toBe('failed');
    expect(await done.locator('[data-testid="req-clip"]').textContent()).toContain('Không cắt được đoạn hình');

    await card(second).locator('[data-testid="req-note"]').fill('Camera không quay tới ngõ');
    await card(second).locator('[data-testid="req-decline"]').click();
    const declined = page.locator(`[data-testid="req-answered"] [data-request-id="${second}"]`);
    await declined.waitFor(POLL);
    expect(await declined.locator('[data-testid="req-status"]').getAttribute('data-status')).toBe('declined');
    expect(await declined.textContent()).toContain('Camera không quay tới ngõ');
    expect(await page.locator('[data-testid="req-pending"]').textContent()).toContain('Không có yêu cầu nào đang chờ');
    await page.screenshot({ path: path.join(SHOTS, 'footage-request-answered.png'), fullPage: true });
  });

  it('an officer asks from the camera\'s focus view and finds the request in their list', async () => {
    const desk = await browser.newPage({ viewport: { width: 1280, height: 800 }, locale: 'vi-VN' });
    try {
      await desk.goto(`${hub.url}/login`);
      await desk.fill('#login-username', 'hung.tran');
      await desk.fill('#login-password', 'Hung-Congan-2026!');
      await desk.click('form.login-form button[type="submit"]');
      await desk.waitForURL((u) => u.pathname === '/');
      await desk.goto(`${hub.url}/focus/${encodeURIComponent(cameraId)}`);
      await desk.click('[data-testid="request-footage"]');
      const dialog = desk.locator('[data-testid="request-dialog"]');
      await dialog.waitFor();
      expect(await desk.locator('#req-camera').inputValue()).toBe(cameraId);
      await desk.click('[data-testid="req-send"]');
      expect(await dialog.locator('.form-error').textContent()).toBe('Hãy ghi lý do.');
      await desk.fill('#req-reason', 'Đối chiếu lời khai nhân chứng');
      await desk.click('[data-testid="req-send"]');
      await dialog.waitFor({ state: 'detached' });
      // from an incident: the approved request's incident holds this camera's clip already, and the dialog says so
      const incidentId = (await police('GET', '/api/footage-requests?status=approved')).json.requests[0].incidentId as number;
      await desk.goto(`${hub.url}/incidents/${incidentId}`);
      await desk.click('[data-testid="incident-request-footage"]');
      await dialog.waitFor();
      expect(await dialog.textContent()).toContain(`#${incidentId} Trích xuất hình ảnh`);
      await desk.fill('#req-reason', 'Thêm đoạn hình');
      await desk.click('[data-testid="req-send"]');
      await expect.poll(() => dialog.locator('.form-error').textContent(), POLL).toContain('đã có (hoặc đang chờ) hình ảnh của camera này');
      await dialog.locator('button', { hasText: 'Huỷ' }).click();
      await dialog.waitFor({ state: 'detached' });
      await desk.goto(`${hub.url}/requests`);
      const row = desk.locator('[data-testid="req-table"] tbody tr').first();
      await row.waitFor();
      expect(await row.textContent()).toContain('Đối chiếu lời khai nhân chứng');
      expect(await row.locator('[data-testid="req-status"]').getAttribute('data-status')).toBe('pending');
      await desk.screenshot({ path: path.join(SHOTS, 'footage-request-staff.png') });
      await row.locator('[data-testid="req-withdraw"]').click();
      await expect.poll(() => row.locator('[data-testid="req-status"]').getAttribute('data-status'), POLL).toBe('withdrawn');
    } finally {
      await desk.close();
    }
  });
});
