// Renders the web app's icons (web/public/icons/*.svg) to the PNG sizes an installed web app needs, with the
// Chromium the e2e tests use (no image tools needed): icon-192.png, icon-512.png, apple-touch-icon.png (180),
// icon-maskable-512.png. Run after changing an SVG:  node --import tsx scripts/make-icons.ts
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const ICONS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'web', 'public', 'icons');
const OUT: { svg: string; png: string; size: number }[] = [
  { svg: 'icon.svg', png: 'icon-192.png', size: 192 },
  { svg: 'icon.svg', png: 'icon-512.png', size: 512 },
  { svg: 'icon-maskable.svg', png: 'apple-touch-icon.png', size: 180 },
  { svg: 'icon-maskable.svg', png: 'icon-maskable-512.png', size: 512 },
];

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
try {
  for (const o of OUT) {
    const page = await browser.newPage({ viewport: { width: o.size, height: o.size } });
    const svg = fs.readFileSync(path.join(ICONS, o.svg), 'utf8');
    await page.setContent(`<html><body style="margin:0;background:transparent">
      <img src="data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}" width="${o.size}" height="${o.size}" style="display:block"></body></html>`);
    await page.locator('img').evaluate((img: HTMLImageElement) => img.decode());
    await page.screenshot({ path: path.join(ICONS, o.png), omitBackground: true, clip: { x: 0, y: 0, width: o.size, height: o.size } });
    await page.close();
    console.log(`${o.png} ${o.size}x${o.size}`);
  }
} finally {
  await browser.close();
}
