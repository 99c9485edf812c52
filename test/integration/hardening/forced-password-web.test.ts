// Issue 8.3 in chromium: the first admin logs in with the generated password the hub printed and the web app asks
// at once for a new one, in a dialog that cannot be dismissed; afterwards the app works. (Browser parts from
// test/e2e: Debian's chromium through playwright-core, the real hub, the built web app.)
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestHub } from '../../helpers/hub.ts';
import { startBrowserHub } from '../../e2e/browser.ts';
import { logIn } from '../../e2e/hub-pages.ts';

const POLL = { timeout: 15_000, interval: 100 };
let hub: TestHub;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  ({ hub, browser, page } = await startBrowserHub(
    { env: { HUB_ADMIN_PASSWORD: undefined as unknown as string } }, { viewport: { width: 1280, height: 800 } }));
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await hub?.close();
});

describe('the first admin in the browser', () => {
  it('is asked for a new password at once, cannot dismiss the dialog, and goes on once it is changed', async () => {
    let generated: string | undefined;
    for (let i = 0; i < 50 && !generated; i++) {
      generated = /mật khẩu \/ password: (\S+)\s+\(shown once/.exec(hub.output())?.[1];
      if (!generated) await new Promise((r) => setTimeout(r, 100));
    }
    expect(generated).toBeDefined();
    await logIn(page, hub.url, generated!);
    const dialog = page.locator('[data-testid="password-dialog"]');
    await dialog.waitFor({ timeout: 15_000 });
    expect(await page.locator('[data-testid="pw-forced"]').count()).toBe(1);
    await page.keyboard.press('Escape');
    expect(await dialog.count()).toBe(1);
    await page.fill('#pw-current', generated!);
    await page.fill('#pw-new', 'chiaKhoa-xa-2026');
    await page.fill('#pw-repeat', 'chiaKhoa-xa-2026');
    await page.click('[data-testid="pw-save"]');
    await expect.poll(() => dialog.count(), POLL).toBe(0);
    // still signed in, on the wall, with the app's socket connected this time
    await page.waitForURL((u) => u.pathname === '/');
    await page.locator('[data-testid="user-box"]').waitFor({ timeout: 15_000 });
    expect(await page.evaluate(async () => (await fetch('/api/cameras')).status)).toBe(200);
  }, 60_000);
});
