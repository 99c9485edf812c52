// Test helpers: a MediaService + live router on an ephemeral port, log capture, status waits, process census.
import { readFileSync, readdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import express from 'express';
import { pino } from 'pino';
import { errorMiddleware } from '../../../server/http/error-middleware.ts';
import { createLiveRouter } from '../../../server/http/live-router.ts';
import { MediaService } from '../../../server/media/media-service.ts';
import type { MediaOptions, ResolvedStream, StreamStatus, StreamStatusEvent } from '../../../server/media/types.ts';

export const TEST_MEDIA_OPTIONS: MediaOptions = {
  ffmpegPath: '/usr/bin/ffmpeg',
  partDurationMs: 200,
  minSegmentMs: 1000,
  segmentsKept: 4,
  idleTimeoutMs: 30_000,
  connectTimeoutMs: 3000,
  watchdogMs: 6000,
  backoff: [{ delayMs: 300 }],
};

export interface Hub {
  media: MediaService;
  base: string;
  events: StreamStatusEvent[];
  logs: string[];
  waitStatus(cameraId: string, status: StreamStatus, timeoutMs?: number): Promise<StreamStatusEvent>;
  close(): Promise<void>;
}

export async function startHub(
  sources: Record<string, { main: ResolvedStream['input']; sub?: ResolvedStream['input'] }>,
  options: Partial<MediaOptions> = {},
): Promise<Hub> {
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, cb) {
      logs.push(String(chunk));
      cb();
    },
  });
  const logger = pino({ level: 'debug' }, sink);
  const media = new MediaService({ ...TEST_MEDIA_OPTIONS, ...options }, (id, stream) => {
    const s = sources[id];
    if (!s) return undefined;
    if (stream === 'sub' && s.sub) return { stream: 'sub', input: s.sub };
    return { stream: 'main', input: s.main };
  }, logger);
  const events: StreamStatusEvent[] = [];
  media.on('status', (e) => events.push(e));

  const app = express();
  app.use('/live', createLiveRouter(media));
  app.use(errorMiddleware(logger));
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((r) => server.once('listening', () => r()));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/live`;

  const waitStatus = (cameraId: string, status: StreamStatus, timeoutMs = 20_000) => {
    const from = events.length;
    return new Promise<StreamStatusEvent>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no "${status}" for ${cameraId}; got ${JSON.stringify(events.slice(from))}`)),
        timeoutMs,
      );
      const check = (e: StreamStatusEvent) => {
        if (e.cameraId !== cameraId || e.status !== status) return;
        clearTimeout(timer);
        media.off('status', check);
        resolve(e);
      };
      media.on('status', check);
    });
  };

  return {
    media, base, events, logs, waitStatus,
    async close() {
      await media.close();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

/** ffmpeg processes that are children of this test process */
export function ffmpegChildren(): number[] {
  const pids: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[1]) !== process.pid || fields[0] === 'Z') continue;
      if (readFileSync(`/proc/${name}/cmdline`, 'utf8').split('\0')[0] === '/usr/bin/ffmpeg') pids.push(Number(name));
    } catch {
      // gone meanwhile
    }
  }
  return pids;
}

export async function until(check: () => boolean, timeoutMs = 10_000, what = 'condition'): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export interface PlaylistInfo {
  text: string;
  mediaSequence: number;
  segments: { msn: number; uri: string }[];
  parts: { uri: string; msn: number; index: number }[];
  hint: string | null;
  map: string | null;
}

/** Reads the parts of a media playlist we care about (not a general parser). */
export function parsePlaylist(text: string): PlaylistInfo {
  const lines = text.split('\n');
  const mediaSequence = Number(/#EXT-X-MEDIA-SEQUENCE:(\d+)/.exec(text)?.[1] ?? NaN);
  const segments: PlaylistInfo['segments'] = [];
  const parts: PlaylistInfo['parts'] = [];
  let msn = mediaSequence;
  let index = 0;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    const part = /^#EXT-X-PART:.*URI="([^"]+)"/.exec(l);
    if (part) parts.push({ uri: part[1]!, msn, index: index++ });
    if (l.startsWith('#EXTINF:')) {
      segments.push({ msn, uri: lines[i + 1]! });
      msn++;
      index = 0;
    }
  }
  return {
    text, mediaSequence, segments, parts,
    hint: /#EXT-X-PRELOAD-HINT:TYPE=PART,URI="([^"]+)"/.exec(text)?.[1] ?? null,
    map: /#EXT-X-MAP:URI="([^"]+)"/.exec(text)?.[1] ?? null,
  };
}
