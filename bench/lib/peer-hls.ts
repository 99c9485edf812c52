import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Child, Children } from './children.ts';

export interface PeerHls {
  readonly child: Child;
  /** directory holding index.m3u8 and its segments */
  readonly dir: string;
  /** resolves once the playlist lists at least `segments` segments */
  waitSegments(segments: number, timeoutMs: number): Promise<void>;
  stop(): Promise<void>;
}

/** The argv of the peer: ffmpeg's own HLS muxer, stream copy, 1 s segments (what most projects start with). */
export function peerHlsArgs(rtspUrl: string, dir: string): string[] {
  return [
    '-hide_banner', '-loglevel', 'error', '-nostdin',
    '-rtsp_transport', 'tcp', '-i', rtspUrl,
    '-an', '-c', 'copy',
    '-f', 'hls', '-hls_time', '1', '-hls_list_size', '6', '-hls_flags', 'delete_segments',
    join(dir, 'index.m3u8'),
  ];
}

export async function startPeerHls(children: Children, rtspUrl: string, name = 'peer-hls'): Promise<PeerHls> {
  const dir = await mkdtemp(join(tmpdir(), 'bench-peer-hls-'));
  const child = children.spawn(name, '/usr/bin/ffmpeg', peerHlsArgs(rtspUrl, dir), { stdio: ['ignore', 'ignore', 'pipe'] });
  return {
    child,
    dir,
    async waitSegments(segments, timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const text = await readFile(join(dir, 'index.m3u8'), 'utf8').catch(() => '');
        if ((text.match(/^#EXTINF/gm) ?? []).length >= segments) return;
        if (child.proc.exitCode !== null) throw new Error(`${name} exited:\n${child.stderrTail()}`);
        if (Date.now() > deadline) throw new Error(`${name}: no ${segments} segments after ${timeoutMs} ms`);
        await new Promise((r) => setTimeout(r, 200));
      }
    },
    async stop() {
      await child.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
