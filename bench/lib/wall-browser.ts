// Chromium on the web app's own wall page, with the wall meter (bench/page/wall-meter.js) injected before the app's
// scripts. One browser, one context (the hub's session cookie), a fresh page per measurement.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { processTree } from './proc-stats.ts';

/** the same flags as bench/lib/browser.ts: the bench page must never be throttled as "in the background" */
const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--disable-background-timer-throttling', '--disable-renderer-backgrounding', '--autoplay-policy=no-user-gesture-required',
];

/** What the meter reports for one tile over the window. */
export interface TileReading {
  id: string;
  /** frames the browser presented (requestVideoFrameCallback presentedFrames) */
  presented: number;
  callbacks: number;
  /** Date.now() − capture time, ms, one sample per `sampleEvery` callbacks */
  ages: number[];
  rejected: number;
  /** <video> elements seen for this tile since the page loaded (1 unless the player replaced it) */
  videos: number;
  transport: string | null;
  playerState: string | null;
  latency: string | null;
  delay: string | null;
}

export interface WallReading {
  seconds: number;
  tiles: TileReading[];
  /** media requests under /live/ that started in the window: [startTime, ms waiting for a connection, kind] */
  requests: [number, number | null, 'playlist' | 'media'][];
  /** URLs of every WebSocket the page opened since it loaded */
  sockets: string[];
  wsMessages: number;
  wsBytes: number;
  /** page receive time − frame header wallMs, ms (one fragment in 4) */
  wsDelays: number[];
}

export interface WallPage {
  /** tiles on the grid (vacant slots excluded) */
  tileCount(): Promise<number>;
  /** tiles that have presented at least one frame */
  playing(): Promise<number>;
  reset(): Promise<void>;
  read(): Promise<WallReading>;
  close(): Promise<void>;
}

export interface WallBrowser {
  /** opens `${origin}/?transport=…` with the grid size set in localStorage before the app starts */
  openWall(gridSize: number, transport: 'ws' | 'hls'): Promise<WallPage>;
  /** the browser's processes (children of this process named chrom*), for CPU figures */
  pids(): Promise<number[]>;
  close(): Promise<void>;
}

function meterScript(sourceWidth: number, sampleEvery: number): string {
  const page = (name: string): string => readFileSync(fileURLToPath(new URL(`../page/${name}`, import.meta.url)), 'utf8');
  // stamp-decode.js is an ES module; as an init script it runs as a classic script, so its exports become locals
  const decode = page('stamp-decode.js').replace(/^export /gm, '');
  return `(() => {\n${decode}\nconst SOURCE_WIDTH = ${sourceWidth};\nconst SAMPLE_EVERY = ${sampleEvery};\n${page('wall-meter.js')}\n})();`;
}

export async function launchWallBrowser(opts: {
  origin: string;
  username: string;
  password: string;
  sourceWidth: number;
  viewport: { width: number; height: number };
  /** read the stamp on one presented frame in this many (≥ 4: reading must not starve the page) */
  sampleEvery: number;
}): Promise<WallBrowser> {
  const browser: Browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
  const context: BrowserContext = await browser.newContext({ viewport: opts.viewport });
  try {
    const res = await context.request.post(`${opts.origin}/api/auth/login`, { data: { username: opts.username, password: opts.password } });
    if (!res.ok()) throw new Error(`login failed: HTTP ${res.status()} ${await res.text()}`);
  } catch (err) {
    await browser.close();
    throw err;
  }
  const meter = meterScript(opts.sourceWidth, Math.max(4, Math.round(opts.sampleEvery)));
  return {
    async openWall(gridSize, transport) {
      const page: Page = await context.newPage();
      await page.addInitScript((n) => localStorage.setItem('matthan.gridSize', String(n)), gridSize);
      await page.addInitScript({ content: meter });
      await page.goto(`${opts.origin}/?transport=${transport}`, { waitUntil: 'load' });
      await page.waitForSelector('[data-testid="wall-grid"] [data-camera-id]', { timeout: 30_000 });
      return wallPageOn(page);
    },
    async pids() {
      const mine = await processTree(process.pid);
      const top = mine.filter((p) => /^chrom/.test(p.comm) && !/^chrom/.test(mine.find((q) => q.pid === p.ppid)?.comm ?? ''));
      return top.map((p) => p.pid);
    },
    async close() {
      await context.close().catch(() => undefined);
      await browser.close();
    },
  };
}

interface MeterWindow {
  __wallMeter: { reset(): void; playing(): number; read(): WallReading };
}

function wallPageOn(page: Page): WallPage {
  return {
    tileCount: () => page.locator('[data-testid="wall-grid"] [data-camera-id]').count(),
    playing: () => page.evaluate(() => (window as unknown as MeterWindow).__wallMeter.playing()),
    reset: () => page.evaluate(() => (window as unknown as MeterWindow).__wallMeter.reset()),
    read: () => page.evaluate(() => (window as unknown as MeterWindow).__wallMeter.read()),
    close: () => page.close(),
  };
}
