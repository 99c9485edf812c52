// PTZ from the focus view in chromium: a simulated ONVIF PTZ camera (a GStreamer RTSP server behind it) added
// through the API; holding an arrow, holding arrow keys and clicking a preset reach the camera as ContinuousMove,
// Stop and GotoPreset with the values the pad sent; a failure shows a toast; Esc still goes back to the wall.
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CameraDto } from '../../server/contracts.ts';
import { startOnvifSimulator, type OnvifSimulator, type PtzCall } from '../../server/onvif/simulator/onvif-simulator.ts';
import { RtspCamera } from '../fixtures/rtsp-camera.ts';
import type { TestHub } from '../helpers/hub.ts';
import { startBrowserHub, waitForAdvancingVideo } from './browser.ts';
import { logIn } from './hub-pages.ts';

const RESULTS = path.resolve('test-results');
const POLL = { timeout: 15_000, interval: 100 };
const creds = { username: 'admin', password: 'Ptz-cam-pw:9' };

type Move = Extract<PtzCall, { action: 'ContinuousMove' }>;

describe('PTZ pad on the focus view', () => {
  let rtsp: RtspCamera;
  let sim: OnvifSimulator;
  let hub: TestHub;
  let browser: Browser;
  let page: Page;
  let camera: CameraDto;

  let simClosed = false;

  /**
   * The calls since `from` once the pad has let go: the last one is a Stop and nothing more arrived for longer
   * than a move lasts (600 ms), so the stops of moves still in flight at the release are counted too.
   */
  const settledCalls = async (from: number): Promise<PtzCall[]> => {
    let seen = -1;
    let changedAt = Date.now();
    await expect
      .poll(() => {
        const calls = sim.ptzCalls.slice(from);
        if (calls.length !== seen) [seen, changedAt] = [calls.length, Date.now()];
        return calls.at(-1)?.action === 'Stop' && Date.now() - changedAt > 1200;
      }, { timeout: 15_000, interval: 200 })
      .toBe(true);
    return sim.ptzCalls.slice(from);
  };

  beforeAll(async () => {
    rtsp = await RtspCamera.start({ mounts: ['/main:640x360@25:25', '/sub:320x180@15:15'], user: creds.username, password: creds.password });
    sim = await startOnvifSimulator({
      address: '127.0.9.2', discovery: false, ptz: true, credentials: creds,
      device: { manufacturer: 'Hikvision', model: 'DS-2DE2A404IW' },
      rtspForward: { host: '127.0.0.1', port: rtsp.port },
    });
    ({ hub, browser, page } = await startBrowserHub({ config: { onvif: { timeoutMs: 5000 } } }, { viewport: { width: 1280, height: 760 } }));
    await logIn(page, hub.url, hub.adminPassword);
    const added = await page.evaluate(async (body) => {
      const res = await fetch('/api/cameras', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      return { status: res.status, json: await res.json() };
    }, { source: { kind: 'onvif', host: sim.address, port: sim.port, ...creds } });
    expect(added.status, JSON.stringify(added.json)).toBe(201);
    camera = added.json.camera;
    expect(camera.ptz).toBe(true);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await hub?.close();
    await Promise.all([simClosed ? null : sim?.close(), rtsp?.stop()]);
  });

  it('steers the camera by holding buttons and keys, and turns it to a preset', async () => {
    await page.goto(`${hub.url}/focus/${encodeURIComponent(camera.id)}`);
    const pad = page.locator('[data-testid="focus-view"] [data-testid="ptz-pad"]');
    await pad.waitFor();
    expect(await pad.locator('.ptz-title').textContent()).toBe('Điều khiển PTZ');
    expect(await pad.locator('[data-testid="ptz-right"]').getAttribute('aria-label')).toBe('Phải');
    expect(await pad.locator('[data-testid="ptz-zoom-in"]').getAttribute('aria-label')).toBe('Phóng to');
    const presets = pad.locator('[data-testid="ptz-preset"]');
    await expect.poll(() => presets.allTextContents(), POLL).toEqual(['Cổng chính', 'Ngã tư']);
    await waitForAdvancingVideo(page, '[data-testid="focus-view"]', 60_000);

    // hold "right" for about a second: moves to the right at the slider's speed (50 %) while held, then a stop
    let from = sim.ptzCalls.length;
    await pad.locator('[data-testid="ptz-right"]').hover();
    await page.mouse.down();
    await expect.poll(() => sim.ptzCalls.length > from, POLL).toBe(true);
    await page.waitForTimeout(1000);
    fs.mkdirSync(RESULTS, { recursive: true });
    await page.screenshot({ path: path.join(RESULTS, 'ptz.png') });
    await page.mouse.up();
    let calls = await settledCalls(from);
    const moves = calls.filter((c): c is Move => c.action === 'ContinuousMove');
    expect(calls[0]?.action).toBe('ContinuousMove');
    expect(moves.length).toBeGreaterThanOrEqual(1);
    for (const m of moves) expect(m).toMatchObject({ pan: 0.5, tilt: 0, zoom: 0, timeoutMs: 600 });

    // keyboard: up and left held together move up-left; "+" zooms in; the speed slider applies
    await pad.locator('[data-testid="ptz-speed"]').focus();
    await page.keyboard.press('End'); // the slider keeps its own keys
    expect(await pad.locator('.ptz-speed-value').textContent()).toBe('100%');
    await page.locator('[data-testid="focus-back"]').focus();
    from = sim.ptzCalls.length;
    await page.keyboard.down('ArrowUp');
    await page.keyboard.down('ArrowLeft');
    await expect
      .poll(() => sim.ptzCalls.slice(from).some((c) => c.action === 'ContinuousMove' && c.pan === -1 && c.tilt === 1), POLL)
      .toBe(true);
    await page.keyboard.up('ArrowLeft');
    await page.keyboard.up('ArrowUp');
    calls = await settledCalls(from);
    expect(calls.filter((c): c is Move => c.action === 'ContinuousMove').every((c) => c.zoom === 0 && c.tilt === 1)).toBe(true);

    from = sim.ptzCalls.length;
    await page.keyboard.down('+');
    await expect.poll(() => sim.ptzCalls.slice(from).some((c) => c.action === 'ContinuousMove'), POLL).toBe(true);
    await page.keyboard.up('+');
    calls = await settledCalls(from);
    expect(calls[0]).toMatchObject({ action: 'ContinuousMove', pan: 0, tilt: 0, zoom: 1 });

    // a preset: one click, one GotoPreset with its token
    from = sim.ptzCalls.length;
    await presets.filter({ hasText: 'Ngã tư' }).click();
    await expect.poll(() => sim.ptzCalls.slice(from), POLL).toEqual([
      { action: 'GotoPreset', profileToken: 'main', presetToken: '2' },
    ]);
  }, 90_000);

  it('shows a toast when the camera cannot be reached, and Esc still goes back to the wall', async () => {
    await sim.close();
    simClosed = true;
    await page.locator('[data-testid="ptz-preset"]').first().click();
    const toast = page.locator('[data-testid="toast"].toast-error');
    await expect.poll(() => toast.first().textContent(), POLL).toMatch(/^Điều khiển PTZ lỗi: /);
    await page.locator('[data-testid="ptz-right"]').focus();
    await page.keyboard.press('Escape');
    await page.waitForURL((u) => u.pathname === '/');
    expect(await page.locator('[data-testid="ptz-pad"]').count()).toBe(0);
  }, 60_000);
});
