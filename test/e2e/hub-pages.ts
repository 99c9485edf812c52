// Steps the browser tests share: log in through the form, wait until a camera has footage on disk.
import type { Page } from 'playwright-core';

export async function logIn(page: Page, hubUrl: string, password: string, username = 'admin'): Promise<void> {
  await page.goto(`${hubUrl}/login`);
  await page.fill('#login-username', username);
  await page.fill('#login-password', password);
  await page.click('form.login-form button[type="submit"]');
  await page.waitForURL((u) => u.pathname === '/');
}

/** Seconds recorded by `cameraId` in the last hour, asked from the page (its session cookie). */
export function recordedSeconds(page: Page, cameraId: string): Promise<number> {
  return page.evaluate(async (id) => {
    const to = new Date(Date.now() + 60_000);
    const from = new Date(to.getTime() - 3600_000);
    const res = await fetch(`/api/cameras/${encodeURIComponent(id)}/recordings?from=${from.toISOString()}&to=${to.toISOString()}`);
    const body = (await res.json()) as { ranges?: { start: string; end: string }[] };
    return (body.ranges ?? []).reduce((s, r) => s + (Date.parse(r.end) - Date.parse(r.start)) / 1000, 0);
  }, cameraId);
}

/** Polls until the camera has at least `seconds` of footage indexed. `limitMs` only bounds a failure. */
export async function waitForRecorded(page: Page, cameraId: string, seconds: number, limitMs: number): Promise<number> {
  const deadline = Date.now() + limitMs;
  let have = 0;
  while (Date.now() < deadline) {
    have = await recordedSeconds(page, cameraId);
    if (have >= seconds) return have;
    await page.waitForTimeout(500);
  }
  throw new Error(`camera ${cameraId} recorded only ${have} s within ${limitMs} ms`);
}
