import { buildRtspArgs, toArgv } from '../../server/media/ffmpeg-args.ts';
import type { Children } from './children.ts';

/**
 * ffmpeg alone, with the hub's own argv (server/media/ffmpeg-args.ts): ms from spawn to the first `moof` box on
 * stdout, i.e. the first LL-HLS part the hub could publish. Shows how much of a cold start is ffmpeg's.
 */
export async function ffmpegFirstFragmentMs(children: Children, rtspUrl: string, partDurationMs: number): Promise<number> {
  const argv = toArgv(buildRtspArgs({ url: rtspUrl, connectTimeoutMs: 10_000, partDurationMs }));
  const started = performance.now();
  const child = children.spawn('ffmpeg-start', '/usr/bin/ffmpeg', argv, { stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    return await new Promise<number>((resolve, reject) => {
      let pending = Buffer.alloc(0);
      const timer = setTimeout(() => reject(new Error('no fragment from ffmpeg in 20 s')), 20_000);
      child.proc.once('exit', () => reject(new Error(`ffmpeg exited:\n${child.stderrTail()}`)));
      child.proc.stdout?.on('data', (chunk: Buffer) => {
        pending = Buffer.concat([pending, chunk]);
        // walk the top-level boxes: size (32 bit, big endian) + type
        while (pending.length >= 8) {
          if (pending.toString('latin1', 4, 8) === 'moof') {
            clearTimeout(timer);
            resolve(performance.now() - started);
            return;
          }
          const size = pending.readUInt32BE(0);
          if (size < 8 || pending.length < size) return;
          pending = pending.subarray(size);
        }
      });
    });
  } finally {
    await child.stop();
  }
}
