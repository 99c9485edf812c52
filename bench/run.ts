// npm run bench [-- latency streams ttff]
// Runs the benchmarks (all, or the ones named), prints their figures as tables. Figures are printed, never asserted.
// Everything talks to 127.0.0.1 only; every child process is stopped before exit, even on Ctrl-C.
import os from 'node:os';
import { runClip } from './clip.ts';
import { runDiscovery } from './discovery.ts';
import { runEvidenceDb } from './evidence-db.ts';
import { runFragments } from './fragments.ts';
import { runLatency } from './latency.ts';
import { runRecording } from './recording.ts';
import { runReport } from './report.ts';
import { Children } from './lib/children.ts';
import type { BenchContext } from './lib/context.ts';
import { runStreams } from './streams.ts';
import { runTranscode } from './transcode.ts';
import { runTtff } from './ttff.ts';
import { runWall } from './wall.ts';

const BENCHMARKS: Record<string, { title: string; run: (ctx: BenchContext) => Promise<void> }> = {
  latency: { title: 'Latency glass-to-glass (camera stamp → Chromium)', run: runLatency },
  streams: { title: 'Streams relayed at once: CPU and memory', run: runStreams },
  fragments: { title: 'One fMP4 fragment per frame vs per 200 ms at 64 streams: hub + ffmpeg CPU, one push socket × 64', run: runFragments },
  ttff: { title: 'Time to first frame in Chromium (GOP 1 s)', run: runTtff },
  discovery: { title: 'ONVIF discovery: sweep of a /24 with 5 simulated cameras', run: runDiscovery },
  recording: { title: 'Recording 16 cameras: CPU and disk per camera, next to the live relay alone', run: runRecording },
  clip: { title: 'Incident → clip ready (30 s clip from 720p segment files)', run: runClip },
  'evidence-db': { title: 'SQLite at scale: 1,000,000 incidents, 10,000,000 segment rows', run: runEvidenceDb },
  report: { title: 'Review report over 1,000,000 incidents: month, quarter, year against GROUP BY over the incidents', run: runReport },
  transcode: { title: 'One H.264 transcode (H.265 camera, no H.264 stream) next to the copy session of the same camera: CPU', run: runTranscode },
  wall: { title: 'The wall in Chromium: 1/9/16/36 tiles over the push WebSocket and LL-HLS; 200 push viewers of one camera', run: runWall },
};

async function main(): Promise<number> {
  const names = process.argv.slice(2).filter((a) => !a.startsWith('-'));
  const unknown = names.filter((n) => !(n in BENCHMARKS));
  if (unknown.length) {
    console.error(`unknown benchmark(s): ${unknown.join(', ')}; known: ${Object.keys(BENCHMARKS).join(', ')}`);
    return 2;
  }
  const children = new Children();
  const stop = (signal: string): void => {
    console.error(`\n${signal}: stopping child processes …`);
    void children.stopAll().finally(() => process.exit(130));
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('exit', () => children.killAllNow());

  const ctx: BenchContext = { children, log: (line) => console.log(line) };
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  console.log(`Mắt Thần benchmarks — ${new Date().toISOString()} — ${os.cpus().length} × ${cpu}, ` +
    `${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`);
  let failed = 0;
  for (const name of names.length ? names : Object.keys(BENCHMARKS)) {
    const bench = BENCHMARKS[name];
    if (!bench) continue;
    console.log(`\n=== ${name}: ${bench.title} ===`);
    console.log(`load average before: ${os.loadavg().map((l) => l.toFixed(2)).join(' ')} (other work on the box skews figures)`);
    const started = Date.now();
    try {
      await bench.run(ctx);
    } catch (err) {
      failed += 1;
      console.log(`${name} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    } finally {
      await children.stopAll();
    }
    console.log(`(${name}: ${Math.round((Date.now() - started) / 1000)} s)`);
  }
  return failed ? 1 : 0;
}

process.exitCode = await main();
