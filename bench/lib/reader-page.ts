import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { STAMP_HEIGHT, STAMP_WIDTH } from '../page/stamp-decode.js';

/** What the reader page needs, as in-memory bodies keyed by the path the page loads them from. */
export interface ReaderAssets {
  'reader.html': string;
  'reader.js': string;
  'stamp-decode.js': string;
  'hls.js': string;
}

export function readerAssets(): ReaderAssets {
  const require = createRequire(import.meta.url);
  const hlsFile = require.resolve('hls.js/dist/hls.min.js');
  const page = (name: string): string => readFileSync(fileURLToPath(new URL(`../page/${name}`, import.meta.url)), 'utf8');
  return {
    'reader.html': `<!doctype html>
<html><head><meta charset="utf-8"><title>bench reader</title></head>
<body style="margin:0;background:#222">
<video muted playsinline autoplay width="640" height="360"></video>
<canvas width="${STAMP_WIDTH}" height="${STAMP_HEIGHT}"></canvas>
<script src="hls.js"></script>
<script type="module" src="reader.js"></script>
</body></html>`,
    'reader.js': page('reader.js'),
    'stamp-decode.js': page('stamp-decode.js'),
    'hls.js': readFileSync(hlsFile, 'utf8'),
  };
}

export const JS_TYPE = 'text/javascript; charset=utf-8';
export const HTML_TYPE = 'text/html; charset=utf-8';

export function contentType(name: keyof ReaderAssets): string {
  return name.endsWith('.html') ? HTML_TYPE : JS_TYPE;
}
