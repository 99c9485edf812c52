// A camera behind a household's NAT, seen from the police post: the admin creates an RTMP-push camera, ffmpeg
// publishes to its URL (a wrong key is cut), and the camera plays on the wall in chromium.
import type { ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CameraDto } from '../../server/contracts.ts';
import { freePort, pushRtmp } from '../integration/sources/source-helpers.ts';
import { login, type TestHub } from '../helpers/hub.ts';
import { startBrowserHub, waitForAdvancingVideo } from './browser.ts';
import { logIn } from './hub-pages.ts';

const pushers: ChildProcess[] = [];

function push(url: string) {
  const pusher = pushRtmp(url);
  pushers.push(pusher.process);
  return pusher;
}

describe('RTMP push camera on the wall', () => {
  let hub: TestHub;
  let browser: Browser;
  let page: Page;
  let port: number;

  beforeAll(async () => {
    port = await freePort();
    ({ hub, browser, page } = await startBrowserHub({ config: { ingest: { port } } }, { viewport: { width: 1280, height: 720 } }));
  }, 180_000);

  afterAll(async () => {
    for (const p of pushers) p.kill('SIGKILL');
    await browser?.close();
    await hub?.close();
  });

  it('refuses a wrong key, then plays the pushed stream', async () => {
    const cookie = await login(hub.url, 'admin', hub.adminPassword);
    const res = await fetch(`${hub.url}/api/cameras`, {
      method: 'POST', headers: { cookie, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Nhà ông Ba (RTMP)', source: { kind: 'rtmp-push' } }),
    });
    expect(res.status).toBe(201);
    const camera = (await res.json()).camera as CameraDto;
    const url = camera.source.kind === 'rtmp-push' ? camera.source.publishUrl! : '';
    expect(url).toMatch(new RegExp(`^rtmp://127\\.0\\.0\\.1:${port}/live/[\\w-]{43}$`));

    // a publisher with an unknown key is closed at once: ffmpeg gives up by itself
    expect(await push(`rtmp://127.0.0.1:${port}/live/${'x'.repeat(43)}`).exited).not.toBe(0);

    push(url);
    await logIn(page, hub.url, hub.adminPassword);
    const playing = await waitForAdvancingVideo(page, '.wall-grid', 60_000);
    expect(playing).toBe(camera.id);
    await page.locator(`.wall-grid .tile[data-camera-id="${camera.id}"][data-status="online"]`).waitFor({ timeout: 30_000 });
    await page.screenshot({ path: path.resolve('test-results/wall-rtmp.png') });
  }, 120_000);
});
