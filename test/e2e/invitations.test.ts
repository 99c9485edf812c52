// Areas and resident invitations in chromium: an admin builds the area tree (a refused duplicate and a refused
// delete explained), invites a resident into Tổ 3; a fresh browser at phone width (390 px) opens the link, chooses a
// user name and password and lands signed in on /my; a second person types the short code from the login page.
// The top bar stays one row at 1400 px with the "Thêm" menu.
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionUserDto } from '../../server/contracts.ts';
import type { TestHub } from '../helpers/hub.ts';
import { startBrowserHub } from './browser.ts';
import { logIn } from './hub-pages.ts';

const RESULTS = path.resolve('test-results');
const POLL = { timeout: 15_000, interval: 100 };
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };

describe('areas and invitations in chromium', () => {
  let hub: TestHub;
  let browser: Browser;
  let page: Page;
  const phones: BrowserContext[] = [];

  beforeAll(async () => {
    ({ hub, browser, page } = await startBrowserHub({}, { viewport: { width: 1400, height: 860 } }));
    fs.mkdirSync(RESULTS, { recursive: true });
  }, 180_000);

  afterAll(async () => {
    for (const c of phones) await c.close();
    await browser?.close();
    await hub?.close();
  });

  const flash = () => page.locator('[data-testid="flash"]').textContent();

  async function addArea(name: string, parent: string | null) {
    if (parent) await page.click(`li[data-area-name="${parent}"] [data-testid="area-add-child"]`);
    else await page.click('[data-testid="area-add-root"]');
    await page.fill('#area-name', name);
    await page.click('[data-testid="area-save"]');
  }

  async function invite(name: string): Promise<{ link: string; code: string }> {
    await page.click('[data-testid="inv-create"]');
    await page.fill('#inv-name', name);
    await page.selectOption('#inv-area', { label: '\u00a0\u00a0\u00a0Tổ 3' });
    await page.click('[data-testid="inv-save"]');
    await page.locator('[data-testid="inv-ready"]').waitFor();
    const link = await page.inputValue('[data-testid="inv-link"]');
    const code = (await page.locator('[data-testid="inv-code"]').textContent())!;
    return { link, code };
  }

  async function phone(): Promise<Page> {
    const ctx = await browser.newContext(PHONE);
    phones.push(ctx);
    return ctx.newPage();
  }

  async function signedInAs(p: Page): Promise<SessionUserDto> {
    return p.evaluate(async () => ((await (await fetch('/api/auth/me')).json()) as { user: SessionUserDto }).user);
  }

  it('an admin builds the tree; a duplicate name and a delete of a non-empty area are explained', async () => {
    await logIn(page, hub.url, hub.adminPassword);
    // one row at 1400 px: every nav item, the "more" button, the language switch and the user box on the same line
    const boxes = await page.locator('.top-bar .nav > *, .top-bar .lang-switch, .top-bar .user-box').evaluateAll((els) =>
      els.map((e) => { const r = e.getBoundingClientRect(); return { top: r.top, bottom: r.bottom }; }));
    expect(boxes.length).toBeGreaterThan(8);
    // on one row, every box overlaps every other vertically
    expect(Math.max(...boxes.map((b) => b.top)), JSON.stringify(boxes)).toBeLessThan(Math.min(...boxes.map((b) => b.bottom)));
    await page.click('[data-testid="nav-more"]');
    await page.click('[data-testid="nav-areas"]');
    await page.waitForURL((u) => u.pathname === '/areas');
    await page.locator('[data-testid="area-tree"]').waitFor();

    await addArea('Phường Hòa Minh', null);
    await page.locator('li[data-area-name="Phường Hòa Minh"]').waitFor();
    await addArea('Tổ 3', 'Phường Hòa Minh');
    await page.locator('li[data-area-name="Tổ 3"]').waitFor();
    await addArea('tổ 3', 'Phường Hòa Minh');
    await expect.poll(() => page.locator('[data-testid="area-dialog"] .form-error').textContent(), POLL)
      .toBe('Đã có khu vực cùng tên ở cùng cấp.');
    await page.keyboard.press('Escape');
    expect(await page.locator('li[data-area-name="Tổ 3"]').getAttribute('style')).toContain('--depth: 1');

    await page.click('li[data-area-name="Phường Hòa Minh"] [data-testid="area-delete"]');
    await page.click('[data-testid="confirm-ok"]');
    await expect.poll(flash, POLL).toBe('Không xoá được "Phường Hòa Minh": khu vực còn 1 khu vực con. Hãy chuyển hoặc xoá những thứ đó trước.');
    // an edit may move an area (never under itself): Xã Tạm goes inside the ward
    await addArea('Xã Tạm', null);
    await page.locator('li[data-area-name="Xã Tạm"]').waitFor();
    await page.click('li[data-area-name="Xã Tạm"] [data-testid="area-rename"]');
    expect(await page.locator('#area-parent option').allTextContents()).not.toContain('Xã Tạm');
    await page.selectOption('#area-parent', { label: 'Phường Hòa Minh' });
    await page.click('[data-testid="area-save"]');
    await expect.poll(() => page.locator('li[data-area-name="Xã Tạm"]').getAttribute('style'), POLL).toContain('--depth: 1');
    await page.screenshot({ path: path.join(RESULTS, 'areas-page.png') });
  }, 60_000);

  it('an invitation opened on a phone: the person sets a password and lands signed in on /my', async () => {
    await page.click('[data-testid="nav-more"]');
    await page.click('[data-testid="nav-invitations"]');
    await page.waitForURL((u) => u.pathname === '/invitations');
    const { link, code } = await invite('Nguyễn Thị Hoa');
    expect(link).toMatch(new RegExp(`^${hub.url}/invite/[A-Za-z0-9_-]{32}$`));
    expect(code).toMatch(/^[2-9A-Z]{4}-[2-9A-Z]{4}$/);
    await page.screenshot({ path: path.join(RESULTS, 'invitation-ready.png') });
    await page.click('[data-testid="inv-done"]');
    await expect.poll(() => page.locator('tr[data-status="open"]').count(), POLL).toBe(1);

    const p = await phone();
    await p.goto(link);
    await expect.poll(() => p.locator('[data-testid="invite-for"]').textContent(), POLL).toBe('Xin chào Nguyễn Thị Hoa');
    expect(await p.locator('[data-testid="invite-area"]').textContent()).toContain('Tổ 3, Phường Hòa Minh');
    expect(await p.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await p.fill('#invite-username', 'hoa.nguyen');
    await p.fill('#invite-password', 'nha-so-12-ngo-3');
    await p.fill('#invite-repeat', 'nha-so-12-ngo-4');
    await p.click('[data-testid="invite-submit"]');
    await expect.poll(() => p.locator('[data-testid="invite-error"]').textContent(), POLL).toBe('Hai lần nhập mật khẩu không khớp.');
    await p.fill('#invite-repeat', 'nha-so-12-ngo-3');
    await p.screenshot({ path: path.join(RESULTS, 'invite-phone.png') });
    await p.click('[data-testid="invite-submit"]');
    await p.waitForURL((u) => u.pathname === '/my');
    const me = await signedInAs(p);
    expect(me).toMatchObject({ username: 'hoa.nguyen', displayName: 'Nguyễn Thị Hoa', role: 'resident' });
    await p.screenshot({ path: path.join(RESULTS, 'invite-landed.png') });

    // the link works once
    const again = await phone();
    await again.goto(link);
    await expect.poll(() => again.locator('[data-testid="invite-error"]').textContent(), POLL)
      .toBe('Lời mời này đã được dùng. Nếu đó là bạn, hãy đăng nhập.');
    await page.reload();
    await expect.poll(() => page.locator('tr[data-status="used"]').count(), POLL).toBe(1);
  }, 90_000);

  it('with the short code typed from the login page', async () => {
    const { code } = await invite('Trần Văn Nam');
    await page.click('[data-testid="inv-done"]');
    const p = await phone();
    await p.goto(`${hub.url}/login`);
    await p.click('[data-testid="have-code"]');
    await p.waitForURL((u) => u.pathname === '/invite');
    await p.fill('#invite-code', code.toLowerCase().replace('-', ' '));
    await p.click('[data-testid="invite-next"]');
    await expect.poll(() => p.locator('[data-testid="invite-for"]').textContent(), POLL).toBe('Xin chào Trần Văn Nam');
    await p.fill('#invite-username', 'nam.tran');
    await p.fill('#invite-password', 'cong-so-5-ngo-7');
    await p.fill('#invite-repeat', 'cong-so-5-ngo-7');
    await p.click('[data-testid="invite-submit"]');
    await p.waitForURL((u) => u.pathname === '/my');
    expect((await signedInAs(p)).username).toBe('nam.tran');
  }, 60_000);
  it('the users page places people; the cameras list and the wall filter by area (an area includes those under it)', async () => {
    const ids = await page.evaluate(async () => {
      const json = (r: Response) => r.json() as Promise<any>;
      const post = (url: string, body: unknown, method = 'POST') =>
        fetch(url, { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }).then(json);
      const areas = (await json(await fetch('/api/areas'))).areas as { id: number; name: string }[];
      const to3 = areas.find((a) => a.name === 'Tổ 3')!.id;
      const khuA = (await post('/api/areas', { name: 'Khu A', parentId: to3 })).area.id as number;
      const inside = (await post('/api/cameras', { name: 'Cổng Khu A', source: { kind: 'rtsp', url: 'rtsp://127.0.0.1:9/a' }, areaId: khuA })).camera.id;
      const outside = (await post('/api/cameras', { name: 'Chợ', source: { kind: 'rtsp', url: 'rtsp://127.0.0.1:9/b' } })).camera.id;
      return { inside, outside };
    });
    await page.click('[data-testid="nav-more"]');
    await page.click('a[data-nav="users"]');
    await page.waitForURL((u) => u.pathname === '/users');
    await page.click('[data-testid="add-user"]');
    await page.fill('#user-username', 'dan.to3');
    await page.fill('#user-display-name', 'Lê Văn Dân');
    await page.selectOption('#user-role', 'resident');
    await page.fill('#user-password', 'dan-to-3-pass');
    await page.click('[data-testid="user-save"]');
    await expect.poll(() => page.locator('[data-testid="user-dialog"] .form-error').textContent(), POLL).toBe('Vui lòng chọn khu vực cho người dân.');
    await page.selectOption('#user-area', { label: '\u00a0\u00a0\u00a0Tổ 3' });
    await page.click('[data-testid="user-save"]');
    await expect.poll(() => page.locator('tr[data-username="dan.to3"] [data-testid="user-area-cell"]').textContent(), POLL)
      .toBe('Tổ 3, Phường Hòa Minh');
    await page.click('[data-testid="add-user"]');
    await page.fill('#user-username', 'op.to3');
    await page.fill('#user-display-name', 'Trực ban Tổ 3');
    await page.selectOption('#user-role', 'operator');
    await page.fill('#user-password', 'op-to-3-pass1');
    await page.selectOption('#user-area-limits', [{ label: '\u00a0\u00a0\u00a0Tổ 3' }]);
    await page.click('[data-testid="user-save"]');
    await expect.poll(() => page.locator('tr[data-username="op.to3"] [data-testid="user-area-cell"]').textContent(), POLL).toBe('Tổ 3');
    expect(await page.locator('tr[data-username="admin"] [data-testid="user-area-cell"]').textContent()).toBe('Toàn xã/phường');

    await page.goto(`${hub.url}/cameras`);
    await page.locator(`[data-camera-id="${ids.outside}"]`).first().waitFor();
    await page.selectOption('[data-testid="area-filter"]', { label: '\u00a0\u00a0\u00a0Tổ 3' });
    await expect.poll(() => page.locator(`[data-camera-id="${ids.outside}"]`).count(), POLL).toBe(0);
    expect(await page.locator(`[data-camera-id="${ids.inside}"]`).count()).toBeGreaterThan(0);
    // the wall keeps the choice for the tab
    await page.click('.nav-link[data-nav="wall"]');
    await page.locator(`.wall-grid [data-camera-id="${ids.inside}"]`).waitFor();
    expect(await page.locator(`.wall-grid [data-camera-id="${ids.outside}"]`).count()).toBe(0);
    await page.selectOption('[data-testid="area-filter"]', '');
    await page.locator(`.wall-grid [data-camera-id="${ids.outside}"]`).waitFor();
    await page.screenshot({ path: path.join(RESULTS, 'wall-area-filter.png') });
  }, 60_000);
});
