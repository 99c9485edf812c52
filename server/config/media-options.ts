import fs from 'node:fs';
import path from 'node:path';
import type { LivePushOptions } from '../live-push/push-server.ts';
import type { MediaOptions } from '../media/types.ts';
import type { HubConfig } from './schema.ts';

/** A bare program name is looked up on PATH (the runner wants a path it can check). */
export function resolveProgram(name: string, envPath = process.env.PATH ?? ''): string {
  if (name.includes('/')) return path.resolve(name);
  for (const dir of envPath.split(path.delimiter)) {
    const candidate = path.join(dir || '.', name);
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      return candidate;
    } catch { /* next */ }
  }
  return name;
}

export function mediaOptionsFrom(config: HubConfig): MediaOptions {
  const m = config.media;
  return {
    ffmpegPath: resolveProgram(m.ffmpegPath),
    partDurationMs: m.partDurationMs,
    fragmentPerFrame: m.fragmentPerFrame,
    audio: m.audio,
    gopCacheBytes: config.livePush.gopCacheBytes,
    minSegmentMs: m.minSegmentMs,
    segmentsKept: m.segmentsKept,
    idleTimeoutMs: m.idleTimeoutSec * 1000,
    connectTimeoutMs: m.connectTimeoutSec * 1000,
    watchdogMs: m.watchdogSec * 1000,
    backoff: m.backoff,
    transcode: m.transcode,
  };
}

export function livePushOptionsFrom(config: HubConfig): LivePushOptions {
  const p = config.livePush;
  return {
    enabled: p.enabled,
    viewerQueueBytes: p.viewerQueueBytes,
    resumeBelowBytes: p.resumeBelowBytes,
    maxSubscriptions: p.maxSubscriptions,
    pingIntervalMs: p.pingIntervalSec * 1000,
    sessionCheckMs: p.sessionCheckSec * 1000,
  };
}
