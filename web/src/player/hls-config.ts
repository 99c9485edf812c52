// hls.js settings for the live wall: LL-HLS with 200 ms parts and blocking reload, played about 1 s behind.
import type { HlsConfig } from 'hls.js';

export function liveHlsConfig(): Partial<HlsConfig> {
  return {
    // Load parts (EXT-X-PART) and use blocking playlist reload (_HLS_msn/_HLS_part).
    lowLatencyMode: true,
    // Aim 0.6 s behind the newest published part (3 parts of 200 ms, the PART-HOLD-BACK minimum). Setting it
    // ourselves, rather than taking the playlist's PART-HOLD-BACK, lets us also bound the worst case below.
    liveSyncDuration: 0.6,
    // After a stall hls.js moves the target back by this much (at most one target duration), not 1 s each time.
    liveSyncOnStallIncrease: 0.2,
    // Further behind than this (a tab woken up, a long stall): jump to the live sync point.
    liveMaxLatencyDuration: 3,
    // hls.js's own catch-up needs > 1 s buffered ahead, which never happens here: catch-up.ts does it instead
    // (1 = hls.js leaves playbackRate alone).
    maxLiveSyncPlaybackRate: 1,
    // A wall runs all day: keep little media behind or ahead of the playhead so memory stays flat.
    backBufferLength: 2,
    maxBufferLength: 4,
    maxMaxBufferLength: 6,
    // One rendition per stream: nothing to adapt, start at once.
    startLevel: 0,
    enableWorker: true,
    debug: false,
  };
}
