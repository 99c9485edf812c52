// Gentle catch-up to the live target: play slightly faster while behind, never when the buffer is thin.
// hls.js only does this with more than 1 s buffered ahead, which a ~1 s LL-HLS stream never has, and a
// start on the last keyframe leaves the player up to one GOP behind its target; this closes that gap
// smoothly instead of with a seek.

const MAX_RATE = 1.25;
/** start catching up this far behind the target (s) */
const START_EXCESS = 0.15;
/** stop when this close (s) */
const STOP_EXCESS = 0.03;
/** never speed up with less than this buffered ahead (s) */
const MIN_AHEAD = 0.3;

export function catchUpRate(latency: number, target: number | null, ahead: number, currentRate: number): number {
  if (!Number.isFinite(latency) || target === null || !Number.isFinite(ahead) || ahead < MIN_AHEAD) return 1;
  const excess = latency - target;
  const catchingUp = currentRate > 1;
  if (excess < (catchingUp ? STOP_EXCESS : START_EXCESS)) return 1;
  const rate = 1 + Math.min(MAX_RATE - 1, Math.max(0.05, excess * 0.5));
  return Math.round(rate * 20) / 20;
}

/** seconds of media buffered ahead of the playhead */
export function bufferedAhead(video: HTMLVideoElement): number {
  const t = video.currentTime;
  const b = video.buffered;
  for (let i = 0; i < b.length; i++) {
    if (b.start(i) <= t + 0.1 && t < b.end(i)) return b.end(i) - t;
  }
  return 0;
}
