// Camera audio in chromium (issue #10), with a real GStreamer camera sending G.711 A-law beside its H.264 and one
// without audio: the focused view of the audio camera shows an unmute button, its video starts muted and really
// decodes the audio (a SourceBuffer of AAC with buffered media, decoded audio bytes), and unmuting unmutes it; the
// wall shows no unmute button and its tiles get no audio; the camera without audio has no button; recorded footage
// plays with its audio (VOD GOPs muxed with it), muted.
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RtspCamera } from '../fixtures/rtsp-camera.ts';
import { login, type TestHub } from '../helpers/hub.ts';
import { apiClient } from '../integration/sources/source-helpers.ts';
import { startBrowserHub, waitForAdvancingVideo } from './browser.ts';
import { logIn, waitForRecorded } from './hub-pages.ts';

const RESULTS = path.resolve('test-results');
const LIMIT_MS = 60_000;
const POLL = { timeout: LIMIT_MS, interval: 250 };

describe('camera audio in chromium', () => {
  let cam: RtspCamera;
  let hub: TestHub;
  let browser: Browser;
  let page: Page;
  const ids = { alaw: '', silent: '' };

  beforeAll(async () => {
    cam = await RtspCamera.start({ mounts: ['/alaw:320x180@15:15:pcma', '/silent:320x180@15:15'] });
    ({ hub, browser, page } = await startBrowserHub({ config: { recording: { minFreeGB: 0 } } }, { viewport: { width: 1280, height: 800 } }));
    const api = apiClient(hub, await login(hub.url, 'admin', hub.adminPassword));
    const add = async (name: string, mount: string) => {
      const r = await api('POST', '/api/cameras', { name, source: { kind: 'rtsp', url: cam.url(mount) } });
      expect(r.status, r.text).toBe(201);
      return r.json.camera.id as string;
    };
    ids.alaw = await add('Cổng chợ (có tiếng)', '/alaw');
    ids.silent = await add('Ngõ 5 (không tiếng)', '/silent');
    expect((await api('PATCH', `/api/cameras/${ids.alaw}`, { recording: { mode: 'continuous' } })).status).toBe(200);
    await logIn(page, hub.url, hub.adminPassword);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await hub?.close();
    await cam?.stop();
  });

  it('this chromium can decode AAC in MSE', async () => {
    expect(await page.evaluate(() => MediaSource.isTypeSupported('audio/mp4; codecs="mp4a.40.2"'))).toBe(true);
  });

  it('the wall plays both cameras without sound and shows no unmute button', async () => {
    await page.goto(hub.url);
    await page.locator('.wall-grid .tile').nth(1).waitFor();
    await waitForAdvancingVideo(page, '.wall-grid', LIMIT_MS);
    const tile = page.locator(`.wall-grid .tile[data-camera-id="${ids.alaw}"] video[data-testid="live-video"]`);
    await expect.poll(() => tile.evaluate((v: HTMLVideoElement) => v.currentTime), POLL).toBeGreaterThan(0.5);
    expect(await tile.evaluate((v: HTMLVideoElement) => ({
      muted: v.muted, audio: v.dataset.audio ?? null, transport: v.dataset.transport,
      decoded: (v as HTMLVideoElement & { webkitAudioDecodedByteCount?: number }).webkitAudioDecodedByteCount ?? -1,
    }))).toEqual({ muted: true, audio: null, transport: 'ws', decoded: 0 });
    expect(await page.locator('[data-testid="focus-unmute"]').count()).toBe(0);
  }, 90_000);

  it('the focused view of the audio camera starts muted with an unmute button, decodes the audio, and unmutes', async () => {
    await page.goto(`${hub.url}/focus/${encodeURIComponent(ids.alaw)}`);
    const view = page.locator('[data-testid="focus-view"]');
    const button = view.locator('[data-testid="focus-unmute"]');
    await button.waitFor({ state: 'visible', timeout: LIMIT_MS });
    expect(await button.textContent()).toBe('Bật tiếng');
    const video = view.locator('video[data-testid="live-video"]');
    expect(await waitForAdvancingVideo(page, '[data-testid="focus-view"]', LIMIT_MS)).toBe(ids.alaw);
    expect(await video.evaluate((v: HTMLVideoElement) => ({ muted: v.muted, audio: v.dataset.audio }))).toEqual({ muted: true, audio: 'mp4a.40.2' });
    // the audio is really there: decoded bytes grow while the picture plays (muted playback still decodes)
    const decoded = () => video.evaluate((v: HTMLVideoElement) => (v as HTMLVideoElement & { webkitAudioDecodedByteCount: number }).webkitAudioDecodedByteCount);
    await expect.poll(decoded, POLL).toBeGreaterThan(0);
    const before = await decoded();
    await expect.poll(decoded, POLL).toBeGreaterThan(before);
    await page.screenshot({ path: path.join(RESULTS, 'audio-focus-muted.png') });

    await button.click();
    expect(await video.evaluate((v: HTMLVideoElement) => v.muted)).toBe(false);
    expect(await button.textContent()).toBe('Tắt tiếng');
    const t0 = await video.evaluate((v: HTMLVideoElement) => v.currentTime);
    await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.currentTime), POLL).toBeGreaterThan(t0 + 1); // still playing
    await page.screenshot({ path: path.join(RESULTS, 'audio-focus-unmuted.png') });
    await button.click();
    expect(await video.evaluate((v: HTMLVideoElement) => v.muted)).toBe(true);
    expect(await button.textContent()).toBe('Bật tiếng');
  }, 90_000);

  it('the focused view of a camera without audio has no unmute button', async () => {
    await page.goto(`${hub.url}/focus/${encodeURIComponent(ids.silent)}`);
    expect(await waitForAdvancingVideo(page, '[data-testid="focus-view"]', LIMIT_MS)).toBe(ids.silent);
    const video = page.locator('[data-testid="focus-view"] video[data-testid="live-video"]');
    expect(await video.evaluate((v: HTMLVideoElement) => v.dataset.audio ?? null)).toBeNull();
    expect(await page.locator('[data-testid="focus-unmute"]').isVisible()).toBe(false);
  }, 90_000);

  it('the diagnostics page names the audio as the camera sends it', async () => {
    await page.goto(`${hub.url}/cameras/${encodeURIComponent(ids.alaw)}/health`);
    const media = page.locator('[data-testid="health-media"]').first();
    await expect.poll(async () => (await media.textContent()) ?? '', POLL).toContain('G.711 A-law 8 kHz → AAC');
  }, 90_000);

  it('recorded footage plays with its audio, muted until the user turns it on', async () => {
    await page.goto(hub.url);
    await waitForRecorded(page, ids.alaw, 8, LIMIT_MS);
    await page.goto(`${hub.url}/review/${encodeURIComponent(ids.alaw)}?t=${encodeURIComponent(new Date(Date.now() - 7000).toISOString())}`);
    const video = page.locator('[data-testid="review-video"]');
    await page.locator('[data-testid="review-video"][data-vod-state="playing"]').waitFor({ timeout: LIMIT_MS });
    expect(await video.evaluate((v: HTMLVideoElement) => v.muted)).toBe(true);
    const decoded = () => video.evaluate((v: HTMLVideoElement) => (v as HTMLVideoElement & { webkitAudioDecodedByteCount: number }).webkitAudioDecodedByteCount);
    await expect.poll(decoded, POLL).toBeGreaterThan(0);
    expect(await video.evaluate((v: HTMLVideoElement) => v.muted)).toBe(true);
    await page.screenshot({ path: path.join(RESULTS, 'audio-review.png') });
  }, 90_000);

  // last: the transport chosen in the address bar is kept for the tab
  it('over LL-HLS the focused view plays video only and shows no unmute button', async () => {
    await page.goto(`${hub.url}/focus/${encodeURIComponent(ids.alaw)}?transport=hls`);
    expect(await waitForAdvancingVideo(page, '[data-testid="focus-view"]', LIMIT_MS)).toBe(ids.alaw);
    const video = page.locator('[data-testid="focus-view"] video[data-testid="live-video"]');
    expect(await video.evaluate((v: HTMLVideoElement) => ({ transport: v.dataset.transport, muted: v.muted })))
      .toEqual({ transport: 'hls', muted: true });
    expect(await page.locator('[data-testid="focus-unmute"]').isVisible()).toBe(false);
  }, 90_000);
});
