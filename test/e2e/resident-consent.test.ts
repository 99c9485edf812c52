// A resident's camera in chromium: the officer sees it waiting (badge, /approvals card with the picture, place,
// area, owner and what is shared) and approves it; the owner shares it live with the police; it plays on a staff
// wall; the owner withdraws police-live and the playing tile leaves the wall (measured, printed, not asserted).
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RtspCamera } from '../fixtures/rtsp-camera.ts';
import type { TestHub } from '../helpers/hub.ts';
import { addAreas, person } from '../integration/residents/resident-setup.ts';
import { apiClient } from '../integration/sources/source-helpers.ts';
import { startBrowserHub, waitForAdvancingVideo } from './browser.ts';
import { logIn } from './hub-pages.ts';

describe('a resident\'s camera: approval page, consent withdrawn from a playing wall', () => {
  let hub: TestHub;
  let browser: Browser;
  let officerPage: Page;
  let camera: RtspCamera;
  let owner: ReturnType<typeof apiClient>;
  let cameraId: string;

  beforeAll(async () => {
    camera = await RtspCamera.start({ mounts: ['/main:640x360@15:15'] });
    ({ hub, browser, page: officerPage } = await startBrowserHub({ config: { media: { idleTimeoutSec: 2 } } }, { viewport: { width: 1400, height: 900 } }));
    const areas = addAreas(hub);
    await person(hub, 'cong.an', 'police');
    await person(hub, 'dieu.hanh', 'operator');
    owner = apiClient(hub, (await person(hub, 'chu.nha', 'resident', areas.to1)).cookie);
    const r = await owner('POST', '/api/cameras', {
      name: 'Cổng nhà số 5', place: 'Cổng nhà, nhìn ra ngõ 12', source: { kind: 'rtsp', url: camera.url('/main') }, shares: ['police-live'],
    });
    expect(r.status, r.text).toBe(201);
    cameraId = r.json.camera.id;
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await hub?.close();
    await camera?.stop();
  });

  it('the officer sees the waiting camera with what to judge, and approves it', async () => {
    await logIn(officerPage, hub.url, 'cong.an-pw-123', 'cong.an');
    const badge = officerPage.getByTestId('approvals-badge');
    await expect.poll(() => badge.textContent(), { timeout: 15_000 }).toBe('1');
    await officerPage.getByTestId('nav-approvals').click();
    const card = officerPage.locator(`[data-testid="approval-card"][data-camera-id="${cameraId}"]`);
    await card.waitFor({ timeout: 15_000 });
    expect(await card.getByTestId('approval-name').textContent()).toBe('Cổng nhà số 5');
    expect(await card.getByTestId('approval-place').textContent()).toBe('Cổng nhà, nhìn ra ngõ 12');
    expect(await card.getByTestId('approval-area').textContent()).toBe('Tổ 1');
    expect(await card.getByTestId('approval-owner').textContent()).toBe('chu.nha');
    expect(await card.locator('[data-share="police-live"]').getAttribute('data-on')).toBe('true');
    expect(await card.locator('[data-share="group"]').getAttribute('data-on')).toBe('false');
    // the picture loads (a real frame of the camera)
    await expect.poll(() => card.locator('img').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth), { timeout: 30_000 }).toBeGreaterThan(0);
    await officerPage.screenshot({ path: 'test-results/approvals-card.png' });
    // declining needs a reason
    await card.getByTestId('approval-decline').click();
    expect(await card.getByTestId('approval-error').textContent()).not.toBe('');
    await card.getByTestId('approval-approve').click();
    await card.waitFor({ state: 'detached', timeout: 10_000 });
    await officerPage.getByTestId('approvals-empty').waitFor({ state: 'visible', timeout: 10_000 });
    await expect.poll(() => badge.isHidden(), { timeout: 10_000 }).toBe(true);
    await officerPage.screenshot({ path: 'test-results/approvals-done.png' });
  }, 90_000);

  it('withdrawing police-live takes the playing tile off a staff wall at once', async () => {
    const wall = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    await logIn(wall, hub.url, 'dieu.hanh-pw-123', 'dieu.hanh');
    expect(await waitForAdvancingVideo(wall, '.wall-grid', 60_000)).toBe(cameraId);
    const tile = wall.locator(`.wall-grid [data-camera-id="${cameraId}"]`);
    const t0 = Date.now();
    const r = await owner('PUT', `/api/cameras/${cameraId}/consent`, { shares: [] });
    expect(r.status, r.text).toBe(200);
    await tile.waitFor({ state: 'detached', timeout: 10_000 });
    console.log(`[consent e2e] the staff wall's tile left ${Date.now() - t0} ms after the withdrawal was sent`);
    await wall.getByTestId('wall-empty').waitFor({ timeout: 10_000 });
    expect(await wall.locator('video[data-testid="live-video"]').count()).toBe(0);
    await wall.screenshot({ path: 'test-results/consent-withdrawn-wall.png' });
  }, 120_000);
});
