import { chmodSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDemoArgs, buildRtspArgs, toArgv } from '../../../server/media/ffmpeg-args.ts';
import { FfmpegProcess, preloadFfmpegCapabilities, scrubSecrets } from '../../../server/media/ffmpeg-runner.ts';

const FFMPEG = '/usr/bin/ffmpeg';
const demoArgs = () =>
  buildDemoArgs({ pattern: 'testsrc2', label: 'runner test', width: 160, height: 90, fps: 10, partDurationMs: 200, fontFile: null, nowMs: Date.now() });

/** pids of the live children of this Node process, with their argv */
function children(): { pid: number; argv: string[] }[] {
  const out: { pid: number; argv: string[] }[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid !== process.pid) continue;
      out.push({ pid: Number(name), argv: readFileSync(`/proc/${name}/cmdline`, 'utf8').split('\0').slice(0, -1) });
    } catch {
      // the process went away meanwhile
    }
  }
  return out;
}

function firstBytes(stream: NodeJS.ReadableStream, n: number): Promise<Buffer> {
  return new Promise((resolve) => {
    const parts: Buffer[] = [];
    let len = 0;
    const onData = (b: Buffer) => {
      parts.push(b);
      len += b.length;
      if (len >= n) {
        stream.removeListener('data', onData);
        resolve(Buffer.concat(parts));
      }
    };
    stream.on('data', onData);
  });
}

let tmp: string;
beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'runner-test-'));
  await preloadFfmpegCapabilities(FFMPEG);
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('FfmpegProcess', () => {
  it('spawns exactly the built argv, one process, no ffprobe, and streams fMP4 on stdout', async () => {
    const args = demoArgs();
    const p = new FfmpegProcess({ ffmpegPath: FFMPEG, args });
    const head = await firstBytes(p.stdout, 64);
    p.stdout.resume();
    expect(head.subarray(4, 8).toString('latin1')).toBe('ftyp');
    const kids = children();
    expect(kids).toHaveLength(1);
    expect(kids[0]!.pid).toBe(p.pid);
    expect(kids[0]!.argv).toEqual([FFMPEG, ...toArgv(args)]);
    const exit = await p.stop();
    expect(exit.requested).toBe(true);
    expect(exit.error).toBeNull();
    // SIGTERM: ffmpeg finishes cleanly on its own, no SIGKILL needed
    expect(exit.signal).toBeNull();
    expect(p.running).toBe(false);
    expect(children()).toHaveLength(0);
  });

  it('reports a failed RTSP pull with scrubbed stderr and never the password', async () => {
    const server = createServer((s) => s.destroy());
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as { port: number }).port;
    try {
      const url = `rtsp://admin:S3cretPw@127.0.0.1:${port}/stream1`;
      const lines: string[] = [];
      const p = new FfmpegProcess({
        ffmpegPath: FFMPEG,
        args: buildRtspArgs({ url, connectTimeoutMs: 2000, partDurationMs: 200 }),
        onStderrLine: (l) => lines.push(l),
      });
      p.stdout.resume();
      const exit = await p.exited;
      expect(exit.requested).toBe(false);
      expect(exit.code).not.toBe(0);
      expect(exit.stderrTail.length).toBeGreaterThan(0);
      const all = JSON.stringify([exit, lines]);
      expect(all).not.toContain('S3cretPw');
      expect(all).not.toContain('admin:');
    } finally {
      server.close();
    }
  });

  it('escalates to SIGKILL when the process ignores SIGTERM', async () => {
    const script = join(tmp, 'stubborn.sh');
    writeFileSync(script, "#!/bin/sh\ntrap '' TERM\nexec sleep 30\n");
    chmodSync(script, 0o755);
    const p = new FfmpegProcess({ ffmpegPath: script, args: demoArgs() });
    p.stdout.resume();
    await new Promise((r) => setTimeout(r, 300));
    const exit = await p.stop(400);
    expect(exit.signal).toBe('SIGKILL');
    expect(children()).toHaveLength(0);
  });

  it('reports a spawn failure', async () => {
    const p = new FfmpegProcess({ ffmpegPath: join(tmp, 'no-such-ffmpeg'), args: demoArgs() });
    const exit = await p.exited;
    expect(exit.error).toBeInstanceOf(Error);
    expect(exit.code).toBeNull();
  });
});

describe('scrubSecrets', () => {
  it.each([
    ['rtsp://admin:pw@10.0.0.1:554/x: Connection refused', 'rtsp://***@10.0.0.1:554/x: Connection refused'],
    ['rtsps://u@h/x', 'rtsps://***@h/x'],
    ['open rtsp://a:p@ss@h/x failed', 'open rtsp://***@h/x failed'],
    ["Input 'user:pw@cam.local' failed", "Input '***@cam.local' failed"],
    ['[rtsp @ 0x55d1] method DESCRIBE failed: 401 Unauthorized', '[rtsp @ 0x55d1] method DESCRIBE failed: 401 Unauthorized'],
    ['frame=10 time=00:00:01.00 @ 2x', 'frame=10 time=00:00:01.00 @ 2x'],
  ])('%s', (raw, clean) => {
    expect(scrubSecrets(raw)).toBe(clean);
  });
});

describe('runFfmpegToFile', () => {
  it('writes a file and resolves; rejects with the reason on failure', async () => {
    const { runFfmpegToFile } = await import('../../../server/media/ffmpeg-runner.ts');
    const output = join(tmp, 'job.mp4');
    await runFfmpegToFile(FFMPEG, {
      input: 'testsrc=size=64x64:rate=5',
      inputOptions: ['-hide_banner', '-nostdin', '-loglevel', 'error', '-f', 'lavfi', '-t', '1'],
      outputOptions: ['-c:v', 'libx264', '-preset', 'ultrafast', '-f', 'mp4', '-y'],
      output,
    });
    expect(readFileSync(output).subarray(4, 8).toString('latin1')).toBe('ftyp');
    expect(children()).toHaveLength(0);
    await expect(runFfmpegToFile(FFMPEG, {
      input: join(tmp, 'missing.mp4'), inputOptions: ['-hide_banner', '-nostdin', '-loglevel', 'error'],
      outputOptions: ['-c', 'copy', '-f', 'mp4', '-y'], output: join(tmp, 'never.mp4'),
    })).rejects.toThrow(/No such file/);
  });
});
