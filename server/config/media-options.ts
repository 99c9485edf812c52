import type { MediaOptions } from '../media/types.ts';
import type { HubConfig } from './schema.ts';

export function mediaOptionsFrom(config: HubConfig): MediaOptions {
  const m = config.media;
  return {
    ffmpegPath: m.ffmpegPath,
    partDurationMs: m.partDurationMs,
    minSegmentMs: m.minSegmentMs,
    segmentsKept: m.segmentsKept,
    idleTimeoutMs: m.idleTimeoutSec * 1000,
    connectTimeoutMs: m.connectTimeoutSec * 1000,
    watchdogMs: m.watchdogSec * 1000,
    backoff: m.backoff,
  };
}
