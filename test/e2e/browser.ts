// Debian's chromium driven by playwright-core, on a fresh profile each launch.
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';
import { startTestHub, type TestHub, type TestHubOptions } from '../helpers/hub.ts';
import { ensureWebBuilt } from './global-build.ts';

export const CHROMIUM = '/usr/bin/chromium';

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true, // playwright passes --headless and uses a throwaway user-data-dir
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--autoplay-policy=no-user-gesture-required',
    ],
  });
}

/** What every browser test starts from: the built web app, a hub on a throwaway data directory, a chromium page. */
export async function startBrowserHub(
  hubOptions: TestHubOptions,
  pageOptions: BrowserContextOptions,
): Promise<{ hub: TestHub; browser: Browser; page: Page }> {
  await ensureWebBuilt();
  const hub = await startTestHub(hubOptions);
  const browser = await launchChromium();
  return { hub, browser, page: await browser.newPage(pageOptions) };
}

/** currentTime of every live video in `scope`, keyed by the camera id of its tile. */
export function videoTimes(page: Page, scope: string): Promise<Record<string, number>> {
  return page.evaluate((sel) => {
    const out: Record<string, number> = {};
    for (const tile of document.querySelectorAll<HTMLElement>(`${sel} [data-camera-id]`)) {
      const video = tile.querySelector<HTMLVideoElement>('video[data-testid="live-video"]');
      if (video && tile.dataset.cameraId) out[tile.dataset.cameraId] = video.currentTime;
    }
    return out;
  }, scope);
}

/**
 * Polls until the video of some tile in `scope` has moved forward between two readings, and returns that
 * tile's camera id. `limitMs` only bounds a failure; it is not a speed requirement.
 */
export async function waitForAdvancingVideo(page: Page, scope: string, limitMs: number): Promise<string> {
  const deadline = Date.now() + limitMs;
  let previous = await videoTimes(page, scope);
  while (Date.now() < deadline) {
    await page.waitForTimeout(500);
    const now = await videoTimes(page, scope);
    const advancing = Object.keys(now).find((id) => (now[id] ?? 0) > (previous[id] ?? Infinity));
    if (advancing) return advancing;
    previous = now;
  }
  throw new Error(`no video advanced within ${limitMs} ms: ${JSON.stringify(previous)}`);
}
