// Keeping a push (MSE) player at the live edge, as pure decisions the player applies:
// - a little behind: play slightly faster (up to 1.1×) until close to the target;
// - more than ~1 s behind, or the play head outside the newest buffered range (start, a gap after a skip):
//   jump to the newest keyframe (or to just behind the edge when that keyframe is itself far back: long GOPs);
// - media far behind the play head is removed so the buffer stays short.
// Also FrameLog: which hub arrival time (wall clock) belongs to the frame at a media time, and where keyframes are.

export type Range = readonly [start: number, end: number];

export interface EdgeInput {
  currentTime: number;
  /** SourceBuffer / video buffered ranges, ascending */
  ranges: readonly Range[];
  /** media time of the newest buffered keyframe, null if unknown */
  newestKeyframe: number | null;
  playbackRate: number;
}

export type EdgeAction = { kind: 'rate'; rate: number } | { kind: 'seek'; to: number };

/** how far behind the newest buffered media the play head aims to be (s) */
export const TARGET_LATENCY = 0.2;
/** further behind than this: jump (s) */
export const JUMP_LATENCY = 1.0;
/** nudge up to this rate */
export const MAX_RATE = 1.1;
/** start nudging this far past the target, stop this close (s) */
const NUDGE_START = 0.1;
const NUDGE_STOP = 0.02;
/** a jump to a keyframe must move the play head at least this far forward, or the nudge does the work (s) */
const MIN_JUMP = 0.3;
/** jump to the newest keyframe only if it is at most this far behind the edge; else to the edge itself (s) */
const MAX_KEYFRAME_LAG = 1.0;
/** a play head this close to a range still counts as inside it (s) */
const SLACK = 0.05;

export function liveEdgeAction(input: EdgeInput): EdgeAction {
  const { currentTime: t, ranges, newestKeyframe, playbackRate } = input;
  const last = ranges[ranges.length - 1];
  if (!last) return { kind: 'rate', rate: 1 };
  const [start, end] = last;
  const inLast = t >= start - SLACK && t <= end + SLACK;
  const latency = end - t;
  const key = newestKeyframe !== null && newestKeyframe >= start && newestKeyframe <= end ? newestKeyframe : null;

  if (!inLast) {
    // before the first picture, after a gap (skipped fragments, a restart): the newest range starts at a keyframe
    return { kind: 'seek', to: jumpTarget(key ?? start, end) };
  }
  if (latency > JUMP_LATENCY) {
    const to = jumpTarget(key ?? start, end);
    if (to - t >= MIN_JUMP) return { kind: 'seek', to };
  }
  return { kind: 'rate', rate: nudgeRate(latency, playbackRate) };
}

function jumpTarget(keyframe: number, end: number): number {
  return end - keyframe <= MAX_KEYFRAME_LAG ? keyframe : Math.max(keyframe, end - TARGET_LATENCY);
}

/** before the first picture, more behind the edge than this: start at the edge, not at the keyframe (s) */
export const START_JUMP_LATENCY = 0.45;

/**
 * The first start of a player: the hub sends the frames since the last keyframe at once (so a picture comes
 * quickly), which leaves the play head up to a GOP behind. Start just behind the edge instead (the decoder runs
 * from the keyframe up to there). Once per start. Returns where to seek, or null.
 */
export function startSeek(currentTime: number, ranges: readonly Range[]): number | null {
  const last = ranges[ranges.length - 1];
  if (!last) return null;
  const [start, end] = last;
  if (end - start <= START_JUMP_LATENCY) return null;
  if (currentTime >= start - SLACK && end - currentTime <= START_JUMP_LATENCY) return null;
  return end - TARGET_LATENCY;
}

/** 1 at or near the target; up to MAX_RATE while behind (with hysteresis so it does not flap). */
export function nudgeRate(latency: number, currentRate: number): number {
  if (!Number.isFinite(latency)) return 1;
  const excess = latency - TARGET_LATENCY;
  const nudging = currentRate > 1;
  if (excess < (nudging ? NUDGE_STOP : NUDGE_START)) return 1;
  const rate = 1 + Math.min(MAX_RATE - 1, Math.max(0.02, excess * 0.25));
  return Math.round(rate * 100) / 100;
}

/** keep this much media behind the play head (s) */
export const BACK_BUFFER = 3;
/** trim only once this much more has gathered, so removals are rare (s) */
const TRIM_SLACK = 2;

/** The media span to remove from the buffer (everything older than BACK_BUFFER s behind the play head), or null. */
export function trimSpan(currentTime: number, ranges: readonly Range[]): Range | null {
  const first = ranges[0];
  if (!first) return null;
  const cut = currentTime - BACK_BUFFER;
  if (first[0] >= cut - TRIM_SLACK) return null;
  return [0, cut];
}

interface LoggedFrame {
  /** presentation start, media seconds */
  start: number;
  /** wall-clock ms when it reached the hub */
  wallMs: number;
  keyframe: boolean;
}

/** What the player remembers of the fragments it appended: their arrival time and which are keyframes. */
export class FrameLog {
  private frames: LoggedFrame[] = [];

  constructor(private readonly limit = 900) {}

  add(start: number, wallMs: number, keyframe: boolean): void {
    const last = this.frames[this.frames.length - 1];
    if (last && start < last.start) this.frames = []; // time went back (a restart): the old frames are gone
    this.frames.push({ start, wallMs, keyframe });
    if (this.frames.length > this.limit) this.frames.splice(0, this.frames.length - this.limit);
  }

  /** forget frames that start before `t` (trimmed from the buffer), keeping the one that covers `t` */
  dropBefore(t: number): void {
    let i = 0;
    while (i + 1 < this.frames.length && (this.frames[i + 1]?.start ?? Infinity) <= t) i++;
    if (i > 0) this.frames.splice(0, i);
  }

  clear(): void {
    this.frames = [];
  }

  /** hub arrival time of the frame that covers media time `t` (the last frame starting at or before it) */
  wallMsAt(t: number): number | null {
    let lo = 0;
    let hi = this.frames.length - 1;
    let found: LoggedFrame | null = null;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const f = this.frames[mid]!;
      if (f.start <= t + 1e-3) {
        found = f;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found ? found.wallMs : null;
  }

  newestKeyframe(): number | null {
    for (let i = this.frames.length - 1; i >= 0; i--) {
      const f = this.frames[i]!;
      if (f.keyframe) return f.start;
    }
    return null;
  }
}
