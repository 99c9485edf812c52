// The stall watchdog's rule, shared by the LL-HLS and the push player: after a look at a player whose play head
// has not moved, either nothing yet, a retry (the hub says the camera is online, so the fault is ours), or a wait
// (the camera is away: the hub will say when it is back).

/** A live player's state (both players; `live-player.ts` re-exports it). */
export type PlayerState = 'loading' | 'playing' | 'stalled' | 'retrying' | 'unsupported';

export type StallVerdict = 'retry' | 'wait' | null;

export interface StallLimits {
  /** grace for the first frame after a (re)start */
  startGraceMs: number;
  /** no progress for this long while playing */
  stallMs: number;
}

export function stallVerdict(state: PlayerState, sinceProgressMs: number, online: boolean, limits: StallLimits): StallVerdict {
  if (state === 'retrying' || state === 'unsupported') return null;
  const limit = state === 'loading' ? limits.startGraceMs : limits.stallMs;
  if (sinceProgressMs <= limit) return null;
  if (online) return 'retry';
  return state === 'playing' ? 'wait' : null;
}
