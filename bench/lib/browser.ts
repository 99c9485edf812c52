import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { contentType, readerAssets, type ReaderAssets } from './reader-page.ts';

/** launch flags shared by every Playwright use in this project (see the preamble) */
const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  // a benchmark tab must not be throttled when it is not "visible"
  '--disable-background-timer-throttling', '--disable-renderer-backgrounding', '--autoplay-policy=no-user-gesture-required',
];

export interface ReaderState {
  firstFrameMs: number | null;
  samples: [number, number][];
  rejected: number;
  frames: number;
  errors: string[];
  hlsLatencyMs: number | null;
  /** ms from loadSource to the first MANIFEST_LOADED (`playlist`), FRAG_LOADED (`media`), BUFFER_APPENDED
   * (`appended`), `playing` event */
  marks: Partial<Record<'playlist' | 'media' | 'appended' | 'playing', number>>;
}

export interface Reader {
  /** hls.js config object passed as is to `new Hls(config)` */
  start(src: string, hlsConfig: Record<string, unknown>): Promise<void>;
  state(): Promise<ReaderState>;
  /** resolves with ms from loadSource to the first presented frame */
  waitFirstFrame(timeoutMs: number): Promise<number>;
  /** forget samples taken so far (end of warm-up) */
  clearSamples(): Promise<void>;
  close(): Promise<void>;
}

export interface ReaderBrowser {
  /**
   * A reader page served at `${origin}/__bench/reader.html` (Playwright answers those requests itself, then stops
   * intercepting), so that it is same-origin with the stream it plays: the hub's cookie applies, no CORS needed.
   */
  openReader(origin: string): Promise<Reader>;
  /** POST /api/auth/login on the hub through this browser's cookie jar */
  login(origin: string, username: string, password: string): Promise<void>;
  close(): Promise<void>;
}

export async function launchReaderBrowser(sourceWidth: number): Promise<ReaderBrowser> {
  const assets = readerAssets();
  const browser: Browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
  const context: BrowserContext = await browser.newContext({ viewport: { width: 700, height: 450 } });
  return {
    async openReader(origin) {
      const page: Page = await context.newPage();
      const pattern = `${origin}/__bench/**`;
      await page.route(pattern, async (route) => {
        const name = new URL(route.request().url()).pathname.slice('/__bench/'.length) as keyof ReaderAssets;
        const body = assets[name];
        if (body === undefined) await route.fulfill({ status: 404, body: '' });
        else await route.fulfill({ status: 200, contentType: contentType(name), body });
      });
      await page.goto(`${origin}/__bench/reader.html`, { waitUntil: 'load' });
      await page.waitForFunction(() => typeof (window as unknown as { benchStart?: unknown }).benchStart === 'function');
      // no interception while measuring: media requests go straight to the server
      await page.unroute(pattern);
      return readerOn(page, sourceWidth);
    },
    async login(origin, username, password) {
      const res = await context.request.post(`${origin}/api/auth/login`, { data: { username, password } });
      if (!res.ok()) throw new Error(`login failed: HTTP ${res.status()} ${await res.text()}`);
    },
    async close() {
      await context.close().catch(() => undefined);
      await browser.close();
    },
  };
}

function readerOn(page: Page, sourceWidth: number): Reader {
  const state = (): Promise<ReaderState> =>
    page.evaluate(() => (window as unknown as { benchState: ReaderState }).benchState);
  return {
    async start(src, hlsConfig) {
      await page.evaluate(
        ([s, c, w]) => (window as unknown as { benchStart: (s: string, c: unknown, w: number) => void }).benchStart(s, c, w),
        [src, hlsConfig, sourceWidth] as const,
      );
    },
    state,
    async waitFirstFrame(timeoutMs) {
      const handle = await page.waitForFunction(
        () => (window as unknown as { benchState: ReaderState }).benchState.firstFrameMs,
        undefined,
        { timeout: timeoutMs, polling: 50 },
      );
      return (await handle.jsonValue()) as number;
    },
    async clearSamples() {
      await page.evaluate(() => {
        const s = (window as unknown as { benchState: ReaderState }).benchState;
        s.samples = [];
        s.rejected = 0;
        s.errors = [];
      });
    },
    async close() {
      await page.close();
    },
  };
}
