// Time to first frame in Chromium: from hls.loadSource to the first requestVideoFrameCallback.
// Warm: the camera stream is already running in the hub (someone else is watching it).
// Cold: the stream is idle (no ffmpeg); the first viewer starts it. The camera itself is always on, so a viewer
// lands anywhere in the GOP (1 s), as with a real camera.
// Peer: ffmpeg -f hls from the same camera, warm, played by hls.js with its defaults.
import { Agent } from 'node:http';
import { liveHlsConfig } from '../web/src/player/hls-config.ts';
import { errorLine, type BenchContext } from './lib/context.ts';
import { launchReaderBrowser, type ReaderBrowser, type ReaderState } from './lib/browser.ts';
import { ffmpegFirstFragmentMs } from './lib/ffmpeg-start.ts';
import { startLlHlsViewer } from './lib/hls-viewers.ts';
import { startBenchHub, type BenchHub } from './lib/hub.ts';
import { startPeerHls } from './lib/peer-hls.ts';
import { startStampCamera } from './lib/stamp-camera.ts';
import { startStaticServer } from './lib/static-server.ts';
import { percentile, secs, summarize, table } from './lib/stats.ts';

const WIDTH = 640;
const TRIALS = 8;
const IDLE_TIMEOUT_SEC = 2;
/** the hub's default media.partDurationMs */
const PART_MS = 200;

interface Case {
  name: string;
  target: string;
  samples: number[];
  marks: ReaderState['marks'][];
  note: string;
}

export async function runTtff(ctx: BenchContext): Promise<void> {
  const { children, log } = ctx;
  const camera = await startStampCamera(children, { width: WIDTH, height: 360, fps: 25, gop: 25 });
  const peer = await startPeerHls(children, camera.url());
  const files = await startStaticServer({ dirs: { '/peer/': peer.dir } });
  const browser = await launchReaderBrowser(WIDTH);
  const agent = new Agent({ keepAlive: true });
  const cases: Case[] = [];
  try {
    const warm: Case = { name: 'ours warm (stream running)', target: '≤ 0.50 s', samples: [], marks: [], note: '' };
    const cold: Case = { name: 'ours cold (first viewer starts ffmpeg)', target: '≤ 1.70 s', samples: [], marks: [], note: '' };
    cases.push(warm, cold);
    try {
      const hub = await startBenchHub(children, { idleTimeoutSec: IDLE_TIMEOUT_SEC });
      try {
        const warmId = await hub.addCamera('bench ttff warm', camera.url());
        const coldId = await hub.addCamera('bench ttff cold', camera.url());
        await browser.login(hub.origin, 'admin', hub.adminPassword);
        // someone else keeps the warm stream running
        const keeper = startLlHlsViewer(agent, hub.playlistUrl(warmId), hub.cookie);
        try {
          await until(() => keeper.stats.media >= 10, 30_000, 'the warm stream never delivered parts');
          log(`ours warm: ${TRIALS} trials …`);
          for (let i = 0; i < TRIALS; i += 1) {
            record(warm, await firstFrame(browser, hub.origin, hub.playlistUrl(warmId), liveHlsConfig()));
            await pause(300 + Math.random() * 700); // land at different places in the GOP
          }
        } finally {
          keeper.stop();
        }
        log(`ours cold: ${TRIALS} trials (idle timeout ${IDLE_TIMEOUT_SEC} s between them) …`);
        for (let i = 0; i < TRIALS; i += 1) {
          await untilIdle(hub, coldId);
          await pause(Math.random() * 1000);
          record(cold, await firstFrame(browser, hub.origin, hub.playlistUrl(coldId), liveHlsConfig()));
        }
      } finally {
        await hub.close();
      }
    } catch (err) {
      log(`ours: hub not measured: ${errorLine(err)}`);
      const note = 'hub not measured (see above)';
      warm.note = warm.samples.length ? warm.note : note;
      cold.note = note;
    }

    // where a cold start goes: ffmpeg alone, with the hub's argv, from spawn to its first fragment
    const alone: Case = { name: 'ffmpeg alone (hub argv): spawn → 1st fragment', target: '', samples: [], marks: [], note: '' };
    log(`ffmpeg alone: ${TRIALS} trials …`);
    for (let i = 0; i < TRIALS; i += 1) {
      alone.samples.push(await ffmpegFirstFragmentMs(children, camera.url(), PART_MS));
      await pause(Math.random() * 1000);
    }

    const theirs: Case = { name: 'peer warm: ffmpeg -f hls', target: '', samples: [], marks: [], note: '' };
    cases.push(theirs);
    await peer.waitSegments(3, 30_000);
    log(`peer warm: ${TRIALS} trials …`);
    for (let i = 0; i < TRIALS; i += 1) {
      record(theirs, await firstFrame(browser, files.origin, `${files.origin}/peer/index.m3u8`, {}));
      await pause(300 + Math.random() * 700);
    }

    const rows = [['case', 'p50 s', 'min s', 'max s', 'n', 'target', 'note']];
    const steps = [['case (p50 of each step, s from loadSource)', 'playlist', 'first media', 'appended', 'playing', 'frame']];
    for (const c of cases) {
      const s = summarize(c.samples);
      rows.push([c.name, secs(s.p50), secs(s.min), secs(s.max), String(s.n), c.target, c.note]);
      const p50 = (k: keyof ReaderState['marks']): string =>
        secs(percentile(c.marks.flatMap((m) => (m[k] === undefined ? [] : [m[k]])), 50));
      steps.push([c.name, p50('playlist'), p50('media'), p50('appended'), p50('playing'), secs(s.p50)]);
    }
    const a = summarize(alone.samples);
    rows.push([alone.name, secs(a.p50), secs(a.min), secs(a.max), String(a.n), '', 'part of "cold" above']);
    log('');
    log(table(rows));
    log('');
    log(table(steps));
  } finally {
    agent.destroy();
    await browser.close();
    await files.close();
    await peer.stop();
    await camera.child.stop();
  }
}

function record(c: Case, trial: { ms: number; marks: ReaderState['marks'] }): void {
  c.samples.push(trial.ms);
  c.marks.push(trial.marks);
}

async function firstFrame(
  browser: ReaderBrowser, origin: string, src: string, config: object,
): Promise<{ ms: number; marks: ReaderState['marks'] }> {
  const reader = await browser.openReader(origin);
  try {
    await reader.start(src, config as Record<string, unknown>);
    const ms = await reader.waitFirstFrame(20_000);
    return { ms, marks: (await reader.state()).marks };
  } finally {
    await reader.close();
  }
}

async function untilIdle(hub: BenchHub, id: string): Promise<void> {
  await until(async () => {
    const status = (await hub.camera(id)).streams.main?.status;
    return status === undefined || status === 'idle';
  }, 30_000, 'the cold stream never went idle');
}

async function until(check: () => boolean | Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(what);
    await pause(200);
  }
}

const pause = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
