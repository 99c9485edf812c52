// Gathers ffmpeg's fMP4 fragments (one per frame for the live push transport) into LL-HLS parts: consecutive
// fragments until the part holds at least the target duration; a keyframe always starts a new part. So parts are
// never smaller than ffmpeg's own `-frag_duration` parts were (those are cut at keyframes too). Pure.
import type { Fragment } from './mp4-box-reader.ts';

/** consecutive fragments as one part: their moof+mdat pairs one after the other */
export type GatheredPart = Pick<Fragment, 'data' | 'keyframe' | 'durationSec' | 'decodeTime' | 'arrivedAt'>;

/** frame durations are rounded to the track's timescale: 3 frames at 15 fps may sum to 199.99 ms */
const PART_TOLERANCE_MS = 1;

export class PartGatherer {
  private pending: Fragment[] = [];
  private pendingSec = 0;

  constructor(private readonly partTargetMs: number) {}

  /** fragments gathered for the part being built */
  get size(): number {
    return this.pending.length;
  }

  /**
   * Adds a fragment; calls `emit` for each part it completes (the one a keyframe closes, and this one when it
   * reaches the target). `canStart(f)` says whether a part may start with `f` (no segment yet: only a keyframe).
   */
  push(f: Fragment, emit: (part: GatheredPart) => void, canStart: (f: Fragment) => boolean): void {
    if (f.keyframe && this.pending.length > 0) emit(this.take());
    if (this.pending.length === 0 && !canStart(f)) return;
    this.pending.push(f);
    this.pendingSec += f.durationSec;
    if (this.pendingSec * 1000 >= this.partTargetMs - PART_TOLERANCE_MS) emit(this.take());
  }

  reset(): void {
    this.pending = [];
    this.pendingSec = 0;
  }

  private take(): GatheredPart {
    const frags = this.pending;
    this.reset();
    const first = frags[0]!;
    return {
      data: frags.length === 1 ? first.data : Buffer.concat(frags.map((x) => x.data)),
      keyframe: first.keyframe,
      durationSec: frags.reduce((sum, x) => sum + x.durationSec, 0),
      decodeTime: first.decodeTime,
      arrivedAt: frags[frags.length - 1]!.arrivedAt,
    };
  }
}
