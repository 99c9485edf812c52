// Camera health in Chromium with a real hub and a real GStreamer camera: when the camera dies the wall shows an
// alert toast (with the beep state), the alert list shows it and acknowledging records who; back online closes
// it; the diagnostics page (from the cameras list) shows the outage on the 24 h strip with advice; muting the sound
// is remembered. Screenshots go to /tmp.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RtspCamera } from '../fixtures/rtsp-camera.ts';
import type { TestHub } from '../helpers/hub.ts';
import { startBrowserHub } from './browser.ts';
import { logIn } from './hub-pages.ts';

const LIMIT_MS = 60_000;
const NAME = 'Ngã tư Cầu Giấy';

describe('camera health and alerts in chromium', () => {
  let camera: RtspCamera;
  let hub: TestHub;
  let browser: Browser;
  let page: Page;
  let cameraId: string;

  beforeAll(async () => {
    camera = await RtspCamera.start({ mounts: ['/main:320x180@15:15'] });
    ({ hub, browser, page } = await startBrowserHub({
      demo: false,
      config: { health: { offlineAlertMinutes: 0.05, flapSec: 1 }, recording: { defaultMode: 'continuous', segmentSec: 5 }, media: { connectTimeoutSec: 2 } },
    }, { viewport: { width: 1366, height: 800 } }));
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await hub?.close();
    await camera?.kill();
  });

  const toast = (kind: string) => page.locator(`[data-testid="toast"][data-alert-kind="${kind}"]`);

  it('shows a toast on the wall when the camera dies, lists the alert, and acknowledging records who', async () => {
    await logIn(page, hub.url, hub.adminPassword);
    const created = await page.evaluate(async ({ name, url }) => {
      const res = await fetch('/api/cameras', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name, source: { kind: 'rtsp', url } }) });
      return (await res.json()) as { camera: { id: string } };
    }, { name: NAME, url: camera.url() });
    cameraId = created.camera.id;
    await page.locator(`.wall-grid .tile[data-camera-id="${cameraId}"][data-status="online"]`).waitFor({ timeout: LIMIT_MS });
    await page.mouse.click(5, 5); // a user gesture: the page may play sound from now on

    await camera.kill();
    await toast('camera-offline').waitFor({ timeout: LIMIT_MS });
    const t = toast('camera-offline');
    expect(await t.textContent()).toContain(`Camera "${NAME}" mất tín hiệu từ`);
    expect(await t.getAttribute('data-beep')).toBe('played');
    await page.screenshot({ path: '/tmp/health-alert-toast.png' });

    await t.locator('a.toast-link').click();
    await page.waitForURL((u) => u.pathname === '/alerts');
    const row = page.locator('[data-testid="alerts-table"] tr[data-kind="camera-offline"]');
    await row.waitFor({ timeout: LIMIT_MS });
    expect(await row.textContent()).toContain(NAME);

    // back online: the push adds the back-online alert to the open list
    await camera.restart();
    await page.locator('[data-testid="alerts-table"] tr[data-kind="camera-online"]').waitFor({ timeout: LIMIT_MS });
    expect(await page.locator('[data-testid="alerts-table"] tr[data-kind="camera-offline"]').textContent()).toContain('Đã có tín hiệu lại');
    await page.screenshot({ path: '/tmp/health-alerts-page.png', fullPage: true });

    await row.locator('[data-testid="alert-ack"]').click();
    // one outage, one acknowledgement: both leave the open list
    await page.locator('[data-testid="alerts-empty"]:visible').waitFor({ timeout: LIMIT_MS });
    await page.click('[data-state="all"]');
    await page.waitForURL((u) => u.search === '?state=all');
    const acked = page.locator('[data-testid="alerts-table"] tr[data-kind="camera-offline"] [data-testid="alert-acked"]');
    await acked.waitFor({ timeout: LIMIT_MS });
    const me = await page.evaluate(async () => ((await (await fetch('/api/auth/me')).json()) as { user: { displayName: string } }).user.displayName);
    expect(await acked.textContent()).toContain(me);
    expect(await page.locator('[data-testid="alerts-table"] tr[data-kind="camera-online"] [data-testid="alert-acked"]').count()).toBe(1);
  }, 180_000);

  it('shows the outage, uptime and advice on the diagnostics page reached from the cameras list', async () => {
    await page.click('[data-testid="nav-more"]'); // cameras, users, areas: under "Thêm" (top-bar.ts)
    await page.click('[data-testid="nav-cameras"]');
    await page.click(`[data-testid="camera-table"] tr:has-text("${NAME}") [data-testid="camera-health"]`);
    await page.waitForURL((u) => u.pathname === `/cameras/${cameraId}/health`);
    await page.locator('[data-testid="health-status"][data-status="online"]').waitFor({ timeout: LIMIT_MS });
    expect(await page.locator('[data-testid="health-strip"] [data-status="offline"]').count()).toBe(1);
    expect(await page.locator('[data-testid="health-outages"] li').count()).toBe(1);
    expect(await page.locator('[data-testid="health-reconnects"] dd').textContent()).toBe('1 / 1 / 1');
    const pct = Number(await page.locator('[data-testid="health-uptime"] td').first().getAttribute('data-pct'));
    expect(pct).toBeGreaterThan(0);
    expect(pct).toBeLessThan(100);
    // the last error (the outage's reason) in plain Vietnamese with advice
    const error = page.locator('[data-testid="health-error"]');
    expect(await error.getAttribute('data-advice')).not.toBe('unknown');
    expect(await error.textContent()).toContain('Cách khắc phục');
    await page.screenshot({ path: '/tmp/health-diagnostics.png', fullPage: true });
  }, 60_000);

  it('remembers the mute toggle: the next alert comes without a sound', async () => {
    await page.goto(`${hub.url}/alerts`);
    const sound = page.locator('[data-testid="alert-sound"]');
    await sound.waitFor();
    expect(await sound.isChecked()).toBe(true);
    await sound.uncheck();
    await page.reload();
    await sound.waitFor();
    expect(await sound.isChecked()).toBe(false);

    await camera.kill();
    const t = page.locator('[data-testid="toast"][data-alert-kind="camera-offline"]');
    await t.waitFor({ timeout: LIMIT_MS });
    expect(await t.getAttribute('data-beep')).toBe('muted');
    // and the list got it by push
    const id = await t.getAttribute('data-alert-id');
    await page.locator(`[data-testid="alerts-table"] tr[data-alert-id="${id}"][data-kind="camera-offline"]`).waitFor({ timeout: LIMIT_MS });
  }, 120_000);
});
