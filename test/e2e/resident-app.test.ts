// The resident's app on a phone (Chromium at 390x844): a resident logs in and lands on /my with their own tabs,
// registers a camera by RTMP push — ffmpeg really pushes to the hub's ingest with the address and key the page
// shows — sees it "chờ duyệt", an officer approves it over the API, the resident's page plays it; no sharing box
// is ticked before the resident ticks it; withdrawing a choice says what happens first; the printed notice names
// the camera and the police post's contact; the web app manifest and its icons are served.
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RtspCamera } from '../fixtures/rtsp-camera.ts';
import { login, type TestHub } from '../helpers/hub.ts';
import { apiClient, freePort, pushRtmp } from '../integration/sources/source-helpers.ts';
import { startBrowserHub, waitForAdvancingVideo } from './browser.ts';

const SHOTS = path.resolve('test-results');
const CONTACT = 'ĐT 0203 3123 456 · Số 1 đường Trần Phú';
const PASSWORD = 'Lan-Camera-2026!';

describe('resident app at 390 px', () => {
  let hub: TestHub;
  let browser: Browser;
  let page: Page;
  let admin: ReturnType<typeof apiClient>;
  let pusher: ChildProcess | null = null;
  let cameraId = '';
  let areaId = 0;
  let rtsp: RtspCamera | null = null;

  const shot = (name: string, fullPage = true) => page.screenshot({ path: path.join(SHOTS, `resident-${name}.png`), fullPage });

  beforeAll(async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    const port = await freePort();
    ({ hub, browser, page } = await startBrowserHub(
      {
        config: {
          ingest: { port },
          recording: { defaultMode: 'off' },
          commune: { kind: 'xã', name: 'Tân Lập', policePost: 'Công an xã Tân Lập', contact: CONTACT },
        },
      },
      { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'vi-VN' },
    ));
    admin = apiClient(hub, await login(hub.url, 'admin', hub.adminPassword));
    const area = await admin('POST', '/api/areas', { name: 'Tổ dân phố 3', parentId: null });
    expect(area.status, area.text).toBe(201);
    areaId = area.json.area.id;
    const user = await admin('POST', '/api/users', {
      username: 'lan.nguyen', displayName: 'Nguyễn Thị Lan', role: 'resident', password: PASSWORD, areaId: area.json.area.id,
    });
    expect(user.status, user.text).toBe(201);
  }, 180_000);

  afterAll(async () => {
    pusher?.kill('SIGKILL');
    await rtsp?.stop();
    await browser?.close();
    await hub?.close();
  });

  it('lands on /my with the resident tabs and none of the staff pages', async () => {
    await page.goto(`${hub.url}/login`);
    await page.fill('#login-username', 'lan.nguyen');
    await page.fill('#login-password', PASSWORD);
    await page.click('form.login-form button[type="submit"]');
    await page.waitForURL((u) => u.pathname === '/my');
    await page.getByTestId('my-empty').waitFor();
    for (const tab of ['my', 'neighbourhood', 'my-requests', 'my-access']) await expect(page.getByTestId(`nav-${tab}`).isVisible()).resolves.toBe(true);
    expect(await page.locator('nav a[href="/incidents"], nav a[data-nav="wall"], nav a[href="/review"], nav a[href="/cameras"]').count()).toBe(0);
    // the tabs are big enough for a thumb, along the bottom of the screen
    const box = await page.getByTestId('nav-my').boundingBox();
    expect(box && box.height >= 44 && box.y + box.height > 844 - 80).toBe(true);
    // the wall's address takes a resident home
    await page.goto(`${hub.url}/incidents`);
    await page.waitForURL((u) => u.pathname === '/my');
    await shot('home-empty');
  }, 60_000);

  it('registers a camera by RTMP push: nothing pre-ticked, address and key shown, a real push arrives', async () => {
    await page.getByTestId('my-add').click();
    await page.waitForURL((u) => u.pathname === '/my/cameras/new');
    const boxes = page.locator('.consent-box');
    expect(await boxes.count()).toBe(3);
    expect(await boxes.evaluateAll((els) => els.map((e) => (e as HTMLInputElement).checked))).toEqual([false, false, false]);
    expect(await page.locator('#reg-way-rtmp-push').isChecked()).toBe(true);
    await page.fill('#reg-name', 'Cổng nhà');
    await page.fill('#reg-place', 'cổng nhà, nhìn ra ngõ 12');
    await page.locator('label[for="reg-share-police-live"]').click();
    await shot('register-form');
    await page.getByTestId('reg-submit').click();
    await page.getByTestId('reg-done').waitFor();

    const url = (await page.getByTestId('rtmp-url').textContent()) ?? '';
    expect(url).toMatch(/^rtmp:\/\/127\.0\.0\.1:\d+\/live\/[\w-]{20,}$/);
    const server = await page.getByTestId('rtmp-server').textContent();
    const key = await page.getByTestId('rtmp-key').textContent();
    expect(`${server}/${key}`).toBe(url);
    expect(await page.locator('svg.qr-code path').getAttribute('d')).toMatch(/^M\d/);
    expect(await page.getByTestId('rtmp-steps').locator('li').count()).toBeGreaterThan(2);
    await shot('register-done');

    const camera = (await admin('GET', '/api/approvals')).json.cameras.find((c: { name: string }) => c.name === 'Cổng nhà');
    expect(camera.approval.state).toBe('pending');
    expect(camera.shares).toEqual(['police-live']);
    cameraId = camera.id;

    pusher = pushRtmp(url).process;
    await page.locator('[data-testid="rtmp-state"][data-publishing="true"]').waitFor({ timeout: 30_000 });
  }, 90_000);

  it('shows "chờ duyệt", then plays the camera once an officer approves it', async () => {
    await page.locator('.reg-done a[href="/my"]').click();
    const card = page.locator(`.my-card[data-camera-id="${cameraId}"]`);
    await card.locator('[data-approval="pending"]').waitFor();
    expect(await card.locator('[data-approval="pending"]').textContent()).toBe('Chờ duyệt');
    await shot('home-pending');

    const res = await admin('POST', `/api/cameras/${cameraId}/approval`, { decision: 'approve' });
    expect(res.status, res.text).toBe(200);
    await card.locator('[data-approval="approved"]').waitFor({ timeout: 15_000 });

    await card.getByTestId('my-open').click();
    await page.waitForURL((u) => u.pathname === `/my/cameras/${cameraId}`);
    expect(await waitForAdvancingVideo(page, '.resident-live', 60_000)).toBe(cameraId);
    await page.locator('.resident-live .tile[data-frame="yes"]').waitFor();
    await shot('camera-page', false);
    await shot('camera-page-full');
  }, 120_000);

  it('says what withdrawing a choice does before saving it', async () => {
    const live = page.locator(`#consent-${cameraId}-police-live`);
    expect(await live.isChecked()).toBe(true);
    await page.locator(`label[for="consent-${cameraId}-police-live"]`).click();
    await page.locator(`label[for="consent-${cameraId}-group"]`).click();
    await page.getByTestId('consent-save').click();
    const dialog = page.getByTestId('withdraw-dialog');
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('vẫn được giữ lại');
    expect(await page.getByTestId('withdraw-delete').isChecked()).toBe(false);
    await page.screenshot({ path: path.join(SHOTS, 'resident-withdraw.png') });
    await page.getByTestId('withdraw-ok').click();
    await page.getByTestId('toast').first().waitFor();
    const after = await admin('GET', `/api/cameras/${cameraId}`);
    expect(after.status === 404 || after.status === 403 || after.json.camera.shares.length === 0).toBe(true);
    expect(await live.isChecked()).toBe(false);
    expect(await page.locator(`#consent-${cameraId}-group`).isChecked()).toBe(true);
  }, 60_000);

  it('shows the group camera live to a neighbour of the same tổ, one column', async () => {
    const neighbour = await browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    try {
      const user = await admin('POST', '/api/users', {
        username: 'bay.tran', displayName: 'Trần Văn Bảy', role: 'resident', password: PASSWORD, areaId: areaId,
      });
      expect(user.status, user.text).toBe(201);
      await neighbour.goto(`${hub.url}/login?next=${encodeURIComponent('/my/neighbourhood')}`);
      await neighbour.fill('#login-username', 'bay.tran');
      await neighbour.fill('#login-password', PASSWORD);
      await neighbour.click('form.login-form button[type="submit"]');
      await neighbour.waitForURL((u) => u.pathname === '/my/neighbourhood');
      expect(await waitForAdvancingVideo(neighbour, '.neighbour-grid', 60_000)).toBe(cameraId);
      expect(await neighbour.locator('.neighbour-item figcaption').textContent()).toBe('cổng nhà, nhìn ra ngõ 12');
      await neighbour.screenshot({ path: path.join(SHOTS, 'resident-neighbourhood.png') });
    } finally {
      await neighbour.close();
    }
  }, 90_000);

  it('tells the owner who watched: the neighbour, by name and role, without an address', async () => {
    await page.reload();
    const entry = page.getByTestId('access-list').locator('.access-item', { hasText: 'Trần Văn Bảy' }).first();
    await entry.waitFor({ timeout: 20_000 });
    expect(await entry.textContent()).toMatch(/Trần Văn Bảy · Người dân.*Bắt đầu xem trực tiếp/);
    expect(await page.getByTestId('access-list').textContent()).not.toContain('127.0.0.1');
    await page.getByTestId('access-list').screenshot({ path: path.join(SHOTS, 'resident-access.png') });

    // the access log tab: every camera of mine, each entry named by its camera
    await page.getByTestId('nav-my-access').click();
    await page.waitForURL((u) => u.pathname === '/my/access');
    const all = page.getByTestId('access-list').locator('.access-item', { hasText: 'Trần Văn Bảy' }).first();
    await all.waitFor();
    expect(await all.textContent()).toContain('Cổng nhà');
    await page.goBack();
    await page.waitForURL((u) => u.pathname === `/my/cameras/${cameraId}`);
  }, 60_000);

  it('prints a notice with the camera and the police post contact', async () => {
    await page.getByTestId('cam-notice').click();
    await page.waitForURL((u) => u.pathname === `/notice/${cameraId}`);
    await page.getByTestId('notice-contact').getByText(CONTACT).waitFor();
    expect(await page.getByTestId('notice-name').textContent()).toBe('Cổng nhà');
    expect(await page.getByTestId('notice-place').textContent()).toBe('cổng nhà, nhìn ra ngõ 12');
    expect(await page.getByTestId('notice-contact').textContent()).toContain('Công an xã Tân Lập');
    expect(await page.getByTestId('notice-sheet').textContent()).toContain('KHU VỰC CÓ CAMERA GIÁM SÁT AN NINH TRẬT TỰ');
    await shot('notice');
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.top-bar').isVisible()).toBe(false);
    expect(await page.getByTestId('notice-print').isVisible()).toBe(false);
    await shot('notice-print');
    // on paper: one A4 page (the notice's own @page), nothing of the app around it
    const pdf = (await page.pdf({ preferCSSPageSize: true, printBackground: true })).toString('latin1');
    expect(pdf.match(/\/Type\s*\/Page(?!s)/g)?.length).toBe(1);
    fs.writeFileSync(path.join(SHOTS, 'resident-notice.pdf'), pdf, 'latin1');
    const box = /\/MediaBox\s*\[([^\]]+)\]/.exec(pdf)?.[1]?.trim().split(/\s+/).map(Number) ?? [];
    expect(Math.round(box[2] ?? 0)).toBe(595); // A4: 210 × 297 mm in points
    expect(Math.round(box[3] ?? 0)).toBe(842);
    await page.emulateMedia({ media: 'screen' });
  }, 60_000);

  it('registers a camera by its RTSP address after "Kiểm tra kết nối" shows its picture', async () => {
    rtsp = await RtspCamera.start({ mounts: ['/cam:320x180@10:10'] });
    await page.goto(`${hub.url}/my/cameras/new`);
    // a recorder's channels: the vendors' templates reach a resident too
    await page.locator('label[for="reg-way-nvr"]').click();
    await page.locator('#reg-nvr-vendor option').first().waitFor({ state: 'attached' });
    expect(await page.locator('#reg-nvr-vendor option').count()).toBeGreaterThan(1);
    await page.locator('label[for="reg-way-rtsp"]').click();
    await page.fill('#reg-rtsp-url', rtsp.url('/cam'));
    await page.getByTestId('test-connection').click();
    await page.getByTestId('conn-snapshot').waitFor({ timeout: 30_000 });
    await page.fill('#reg-name', 'Sân sau');
    await page.fill('#reg-place', 'sân sau, nhìn ra vườn');
    expect(await page.locator('.consent-box:checked').count()).toBe(0);
    await shot('register-rtsp');
    await page.getByTestId('reg-submit').click();
    await page.getByTestId('reg-done').waitFor();
    expect(await page.getByTestId('rtmp-setup').count()).toBe(0);
    await page.locator('.reg-done a[href="/my"]').click();
    const card = page.locator('.my-card', { hasText: 'Sân sau' });
    await card.locator('[data-approval="pending"]').waitFor();
    expect(await card.getByTestId('shares').textContent()).toBe('Không chia sẻ với ai');

    // rename where it looks, then delete it
    await card.getByTestId('my-open').click();
    await page.fill('#cam-edit-place', 'sân sau, nhìn ra cổng phụ');
    await page.getByTestId('cam-edit-save').click();
    await page.locator('.cam-head .my-place', { hasText: 'sân sau, nhìn ra cổng phụ' }).waitFor();
    await page.getByTestId('cam-delete').click();
    await page.getByTestId('confirm-ok').click();
    await page.waitForURL((u) => u.pathname === '/my');
    await page.locator(`.my-card[data-camera-id="${cameraId}"]`).waitFor();
    expect(await page.locator('.my-card', { hasText: 'Sân sau' }).count()).toBe(0);
  }, 90_000);

  it('serves an installable manifest whose icons exist', async () => {
    expect(await page.locator('link[rel="manifest"]').getAttribute('href')).toBe('/manifest.webmanifest');
    const res = await fetch(`${hub.url}/manifest.webmanifest`);
    expect(res.status).toBe(200);
    const manifest = JSON.parse(await res.text()) as { name: string; short_name: string; start_url: string; display: string; icons: { src: string; sizes: string; type: string }[] };
    expect(manifest.short_name).toBe('Mắt Thần');
    expect(manifest.display).toBe('standalone');
    expect(manifest.icons.map((i) => i.sizes)).toEqual(expect.arrayContaining(['192x192', '512x512']));
    for (const icon of manifest.icons) {
      const r = await fetch(`${hub.url}${icon.src}`);
      expect(r.status, icon.src).toBe(200);
      expect(r.headers.get('content-type'), icon.src).toContain(icon.type);
      const bytes = Buffer.from(await r.arrayBuffer());
      if (icon.type === 'image/png') {
        // the PNG's own header says the size the manifest claims
        expect(`${bytes.readUInt32BE(16)}x${bytes.readUInt32BE(20)}`).toBe(icon.sizes);
      }
    }
    const apple = await fetch(`${hub.url}/icons/apple-touch-icon.png`);
    expect(apple.status).toBe(200);
    // what the notice needs of the commune is for signed-in people only
    expect((await fetch(`${hub.url}/api/commune`)).status).toBe(401);
    expect((await admin('GET', '/api/commune')).json.commune).toEqual({ kind: 'xã', name: 'Tân Lập', policePost: 'Công an xã Tân Lập', contact: CONTACT });
  }, 30_000);
});
