// Latency glass-to-glass: capture time stamped into the picture by the camera, read back in Chromium on every
// presented frame. Ours (hub LL-HLS, the web app's hls.js settings) against ffmpeg's own HLS muxer (hls.js defaults),
// both from the same camera, in the same run. The floor (RTSP decoded straight away) shows what no transport can beat.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { liveHlsConfig } from '../web/src/player/hls-config.ts';
import { errorLine, type BenchContext } from './lib/context.ts';
import { launchReaderBrowser, type ReaderBrowser } from './lib/browser.ts';
import { measureFfmpegFloor, measureGstFloor } from './lib/floor.ts';
import { startBenchHub } from './lib/hub.ts';
import { startPeerHls } from './lib/peer-hls.ts';
import { startStampCamera } from './lib/stamp-camera.ts';
import { startStaticServer } from './lib/static-server.ts';
import { fixed, percentile, secs, summarize, table, type Summary } from './lib/stats.ts';

const WIDTH = 640;
const FPS = 25;
const FLOOR = { warmupMs: 3000, durationMs: 10_000 };
const WARMUP_MS = 10_000;
const SAMPLE_MS = 20_000;

interface Row {
  name: string;
  how: string;
  summary: Summary | null;
  rejected: number;
  note: string;
}

export async function runLatency(ctx: BenchContext): Promise<void> {
  const { children, log } = ctx;
  const camera = await startStampCamera(children, { width: WIDTH, height: 360, fps: FPS, gop: FPS });
  log(`camera: GStreamer RTSP, 640x360, 25 fps, GOP 1 s, x264 zerolatency (${camera.url()})`);
  const rows: Row[] = [];

  log('floor: ffmpeg and GStreamer decoding the RTSP stream directly …');
  const [ffFloor, gstFloor] = [
    await measureFfmpegFloor(children, camera.url(), FLOOR),
    await measureGstFloor(children, camera.url(), FLOOR),
  ];
  for (const [name, f] of [['GStreamer', gstFloor], ['ffmpeg', ffFloor]] as const) {
    const off = f.steps.filter((d) => Math.abs(d - 1000 / FPS) > 15).length;
    log(`stamp check (${name} floor): ${f.samples.length} frames read, ${f.rejected} rejected, step between ` +
      `frames p50 ${percentile(f.steps, 50)} ms (min ${Math.min(...f.steps)}, max ${Math.max(...f.steps)}), ${off} steps off ${1000 / FPS}±15 ms`);
  }
  rows.push({ name: 'floor: GStreamer decode', how: 'rtspsrc latency=0 → openh264dec', summary: summarize(gstFloor.samples), rejected: gstFloor.rejected, note: '' });
  rows.push({ name: 'floor: ffmpeg decode', how: 'ffmpeg -fflags nobuffer → rawvideo', summary: summarize(ffFloor.samples), rejected: ffFloor.rejected, note: '' });

  const peer = await startPeerHls(children, camera.url());
  const files = await startStaticServer({ dirs: { '/peer/': peer.dir } });
  const browser = await launchReaderBrowser(WIDTH);
  try {
    // ours: the hub in its own process, the stream played exactly as the wall plays it
    let ours: Row = { name: 'ours: hub LL-HLS', how: 'hls.js lowLatencyMode (web app config)', summary: null, rejected: 0, note: '' };
    try {
      const hub = await startBenchHub(children);
      try {
        const id = await hub.addCamera('bench latency', camera.url());
        await browser.login(hub.origin, 'admin', hub.adminPassword);
        log('ours: playing the hub LL-HLS stream in Chromium …');
        ours = await play(browser, hub.origin, hub.playlistUrl(id), liveHlsConfig(), ours);
      } finally {
        await hub.close();
      }
    } catch (err) {
      log(`ours: hub not measured: ${errorLine(err)}`);
      ours.note = 'hub not measured (see above)';
    }
    rows.push(ours);

    log('peer: playing ffmpeg -f hls (hls_time 1) in Chromium …');
    await peer.waitSegments(3, 30_000);
    const theirs = await play(browser, files.origin, `${files.origin}/peer/index.m3u8`, {}, {
      name: 'peer: ffmpeg -f hls', how: 'hls_time 1, hls.js defaults', summary: null, rejected: 0, note: '',
    });
    const playlist = await readFile(join(peer.dir, 'index.m3u8'), 'utf8').catch(() => '');
    const target = playlist.match(/#EXT-X-TARGETDURATION:(\d+)/)?.[1];
    if (target && !theirs.note) theirs.note = `its TARGETDURATION: ${target} s`;
    rows.push(theirs);

    const out: string[][] = [['transport', 'player', 'p50 s', 'p95 s', 'min s', 'n', 'bad stamps', 'note']];
    for (const r of rows) {
      const s = r.summary;
      out.push([r.name, r.how, secs(s?.p50 ?? NaN), secs(s?.p95 ?? NaN), secs(s?.min ?? NaN), String(s?.n ?? 0), String(r.rejected), r.note]);
    }
    log('');
    log(table(out));
    const ratio = (ours.summary?.p50 ?? NaN) / (theirs.summary?.p50 ?? NaN);
    log('');
    log(`ratio ours/peer (p50): ${fixed(ratio)}   target: ours p50 ≤ 1.00 s, ratio ≤ 0.30`);
  } finally {
    await browser.close();
    await files.close();
    await peer.stop();
    await camera.child.stop();
  }
}

async function play(browser: ReaderBrowser, origin: string, src: string, config: object, row: Row): Promise<Row> {
  const reader = await browser.openReader(origin);
  try {
    await reader.start(src, config as Record<string, unknown>);
    await reader.waitFirstFrame(30_000);
    await new Promise((r) => setTimeout(r, WARMUP_MS));
    await reader.clearSamples();
    await new Promise((r) => setTimeout(r, SAMPLE_MS));
    const state = await reader.state();
    const errors = [...new Set(state.errors)];
    return {
      ...row,
      summary: summarize(state.samples.map(([, age]) => age)),
      rejected: state.rejected,
      note: errors.length ? `hls.js errors: ${errors.slice(0, 3).join(', ')}` : row.note,
    };
  } finally {
    await reader.close();
  }
}
