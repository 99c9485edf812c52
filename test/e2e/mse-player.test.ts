// The push player (web/src/player/mse-player.ts) in Chromium, tile by tile, on real fMP4 from ffmpeg (one frame
// per fragment, as the hub sends it). What a real hub cannot be made to do on purpose is played here by a
// stand-in for the tab's push socket inside the page: it paces frames in real time, starts each subscriber at the
// last keyframe (the hub's GOP cache), and can send a corrupt fragment, a new init (a camera session restart) or
// skip frames (backpressure). Everything else is real: MSE, the decoder, the player's own code (bundled by esbuild).
import { execFileSync } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { build } from 'esbuild';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codecString } from '../../server/live-push/codec-string.ts';
import { launchChromium } from './browser.ts';

const FPS = 15;
const POLL = { timeout: 30_000, interval: 200 };

function topBoxes(buf: Buffer): { type: string; bytes: Buffer }[] {
  const out: { type: string; bytes: Buffer }[] = [];
  for (let off = 0; off + 8 <= buf.length; ) {
    const size = buf.readUInt32BE(off);
    out.push({ type: buf.toString('latin1', off + 4, off + 8), bytes: buf.subarray(off, off + size) });
    off += size;
  }
  return out;
}

/** 60 s of 160x90 video, GOP 1 s: the init segment and one moof+mdat per frame. */
function makeStream(): { codec: string; init: string; frames: string[] } {
  const mp4 = execFileSync('ffmpeg', [
    '-hide_banner', '-loglevel', 'error', '-f', 'lavfi', '-i', `testsrc2=size=160x90:rate=${FPS}:duration=60`,
    '-c:v', 'libx264', '-preset', 'ultrafast', '-g', String(FPS), '-bf', '0', '-pix_fmt', 'yuv420p',
    '-f', 'mp4', '-movflags', 'frag_keyframe+empty_moov+default_base_moof', '-frag_duration', '1', 'pipe:1',
  ], { maxBuffer: 64 * 1024 * 1024 });
  const boxes = topBoxes(mp4);
  const init = Buffer.concat(boxes.filter((b) => b.type === 'ftyp' || b.type === 'moov').map((b) => b.bytes));
  const frames: string[] = [];
  for (let i = 0; i < boxes.length; i++) {
    if (boxes[i]!.type === 'moof' && boxes[i + 1]?.type === 'mdat') frames.push(Buffer.concat([boxes[i]!.bytes, boxes[i + 1]!.bytes]).toString('base64'));
  }
  return { codec: codecString(init, 'avc1'), init: init.toString('base64'), frames };
}

// The page side: a stand-in for LiveSocket, and two players on two videos.
const HARNESS = `
const FPS = ${FPS};
const b64 = (s) => Uint8Array.from(atob(s), (c) => c.charCodeAt(0));
const header = (kind, ch, flags, wallMs, payload) => {
  const out = new Uint8Array(12 + payload.byteLength);
  const v = new DataView(out.buffer);
  v.setUint8(0, kind); v.setUint16(1, ch); v.setUint8(3, flags); v.setFloat64(4, wallMs);
  out.set(payload, 12);
  return { header: { kind, channel: ch, flags, wallMs }, payload: out.subarray(12) };
};
window.startHub = (stream) => {
  const init = b64(stream.init);
  const frames = stream.frames.map(b64);
  const t0 = performance.now();
  const now = () => Math.min(frames.length - 1, Math.floor((performance.now() - t0) / (1000 / FPS)));
  const subs = [];
  const hub = { subs, subscribes: {}, closes: {}, nextCh: 1 };
  const send = (s, i, extraFlags = 0) => {
    const key = i % FPS === 0 ? 1 : 0;
    const f = header(2, s.ch, key | extraFlags, Date.now(), frames[i]);
    s.handler.frame(f.header, f.payload);
    s.sent = i;
  };
  const hello = (s) => {
    s.handler.init(stream.codec, 'sub');
    const f = header(1, s.ch, 0, 0, init);
    s.handler.frame(f.header, f.payload);
    const i = now();
    for (let k = i - (i % FPS); k <= i; k++) send(s, k); // the GOP cache
  };
  hub.socket = {
    state: () => 'open',
    close: () => undefined,
    subscribe(cameraId, stream, handler) {
      const s = { ch: hub.nextCh++, cameraId, handler, open: true, sent: -1, paused: false };
      hub.subscribes[cameraId] = (hub.subscribes[cameraId] ?? 0) + 1;
      subs.push(s);
      setTimeout(() => s.open && hello(s), 0);
      return { channel: s.ch, close() { if (!s.open) return; s.open = false; hub.closes[cameraId] = (hub.closes[cameraId] ?? 0) + 1; } };
    },
  };
  const live = (cameraId) => subs.filter((s) => s.open && s.cameraId === cameraId);
  setInterval(() => {
    const i = now();
    for (const s of subs) {
      if (!s.open || s.paused || s.sent < 0) continue;
      while (s.sent < i) send(s, s.sent + 1);
    }
  }, 20);
  hub.corrupt = (cameraId) => {
    for (const s of live(cameraId)) {
      const junk = new Uint8Array(4000).map((_, k) => (k * 7919) & 255);
      new DataView(junk.buffer).setUint32(0, 4000);
      junk.set([0x6d, 0x6f, 0x6f, 0x66], 4); // 'moof' whose insides are garbage
      const f = header(2, s.ch, 0, Date.now(), junk);
      s.handler.frame(f.header, f.payload);
    }
  };
  hub.restartSession = (cameraId) => { for (const s of live(cameraId)) hello(s); };
  // backpressure: stop sending for a while, then skip to the next keyframe as the hub does
  hub.stall = (cameraId, ms) => {
    for (const s of live(cameraId)) {
      s.paused = true;
      setTimeout(() => {
        let i = now();
        i += FPS - (i % FPS); // the next keyframe
        const wait = () => {
          if (now() < i) return setTimeout(wait, 10);
          s.handler.skip(i - s.sent - 1);
          s.sent = i - 1;
          s.paused = false;
        };
        wait();
      }, ms);
    }
  };
  window.hub = hub;
  window.players = {};
  for (const id of ['a', 'b']) {
    const video = document.getElementById('video-' + id);
    window.players[id] = MsePlayer.createMsePlayer({
      video, cameraId: id, stream: 'sub', socket: hub.socket, isOnline: () => true,
      onStateChange: (st) => { video.dataset.state = st; video.dataset.states = (video.dataset.states ?? '') + ' ' + st; }, onFallback: (r) => (video.dataset.fellBack = r),
    });
  }
};
`;

interface VideoInfo { t: number; state?: string; states?: string; delay?: string; latency?: string; skipped?: string; emptied: number; fellBack?: string }

const info = (page: Page, id: string): Promise<VideoInfo> =>
  page.evaluate((vid) => {
    const v = document.getElementById(`video-${vid}`) as HTMLVideoElement;
    return { t: v.currentTime, state: v.dataset.state, states: v.dataset.states, delay: v.dataset.delay, latency: v.dataset.latency, skipped: v.dataset.skipped, emptied: Number(v.dataset.emptied ?? 0), fellBack: v.dataset.fellBack };
  }, id);

const hubCount = (page: Page, what: 'subscribes' | 'closes', id: string): Promise<number> =>
  page.evaluate(([w, vid]) => ((window as unknown as { hub: Record<string, Record<string, number>> }).hub[w!]![vid!] ?? 0), [what, id]);

async function advances(page: Page, id: string): Promise<void> {
  const before = (await info(page, id)).t;
  await expect.poll(async () => (await info(page, id)).t, POLL).toBeGreaterThan(before + 0.3);
}

describe('push player in chromium', () => {
  let server: http.Server;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    const stream = makeStream();
    const bundle = await build({
      entryPoints: [path.resolve('web/src/player/mse-player.ts')],
      bundle: true, format: 'iife', globalName: 'MsePlayer', write: false, target: 'es2022',
    });
    const js = bundle.outputFiles[0]!.text;
    const html = `<!doctype html><body>
      <video id="video-a" width="160" height="90"></video><video id="video-b" width="160" height="90"></video>
      <script>${js}</script><script>${HARNESS}</script>
      <script>for (const v of document.querySelectorAll('video')) v.addEventListener('emptied', () => (v.dataset.emptied = String(Number(v.dataset.emptied ?? 0) + 1)));</script>
    </body>`;
    server = http.createServer((req, res) => {
      if (req.url === '/stream.json') res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(stream));
      else res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    browser = await launchChromium();
    page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    await page.evaluate(async () => {
      const stream = await (await fetch('/stream.json')).json();
      (window as unknown as { startHub(s: unknown): void }).startHub(stream);
    });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise((r) => server?.close(r));
  });

  it('plays at the live edge and reports the delay behind the arrival time', async () => {
    await expect.poll(async () => (await info(page, 'a')).state, POLL).toBe('playing');
    await advances(page, 'a');
    await advances(page, 'b');
    // it settles near its target rather than a GOP behind (where the GOP-cache start would leave it)
    await expect.poll(async () => Number((await info(page, 'a')).latency), POLL).toBeLessThan(0.5);
    const a = await info(page, 'a');
    expect(Number.isFinite(Number(a.delay))).toBe(true);
    expect(a.fellBack).toBeUndefined();
  });

  it('a corrupt fragment resets that tile alone (fresh MediaSource, new subscription); the other keeps playing', async () => {
    const subsA = await hubCount(page, 'subscribes', 'a');
    const subsB = await hubCount(page, 'subscribes', 'b');
    await page.evaluate(() => (document.getElementById('video-a') as HTMLVideoElement).dataset.states = '');
    await page.evaluate(() => (window as unknown as { hub: { corrupt(id: string): void } }).hub.corrupt('a'));
    await expect.poll(() => hubCount(page, 'subscribes', 'a'), POLL).toBe(subsA + 1);
    expect(await hubCount(page, 'closes', 'a')).toBe(subsA);
    await expect.poll(async () => (await info(page, 'a')).state, POLL).toBe('playing');
    // reset at once by the error, not found stalled later by the watchdog
    expect((await info(page, 'a')).states?.trim()).toBe('retrying loading playing');
    await advances(page, 'a');
    await advances(page, 'b');
    expect(await hubCount(page, 'subscribes', 'b')).toBe(subsB);
  });

  it('a new init on the channel (camera session restarted) starts a fresh MediaSource on the same subscription', async () => {
    const subsA = await hubCount(page, 'subscribes', 'a');
    const emptied = (await info(page, 'a')).emptied;
    await page.evaluate(() => (window as unknown as { hub: { restartSession(id: string): void } }).hub.restartSession('a'));
    await expect.poll(async () => (await info(page, 'a')).emptied, POLL).toBeGreaterThan(emptied);
    await advances(page, 'a');
    expect(await hubCount(page, 'subscribes', 'a')).toBe(subsA);
  });

  it('after the hub skipped frames it jumps over the gap and plays on', async () => {
    await page.evaluate(() => (window as unknown as { hub: { stall(id: string, ms: number): void } }).hub.stall('b', 1500));
    await expect.poll(async () => Number((await info(page, 'b')).skipped ?? 0), POLL).toBeGreaterThan(0);
    await advances(page, 'b');
    await expect.poll(async () => Number((await info(page, 'b')).latency), POLL).toBeLessThan(0.5);
    expect((await info(page, 'b')).state).toBe('playing');
  });
});
