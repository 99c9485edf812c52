// The backpressure policy of one live channel (one tile of one viewer). Pure: no I/O, no clock.
//
// A WebSocket's send queue has no bound, so before each fragment the channel looks at how many bytes wait on the
// viewer's socket. Past `highWaterBytes` the channel stops sending and drops fragments until a keyframe arrives
// while the queue is below `lowWaterBytes`; that keyframe goes out flagged "after skip", preceded by a `skip`
// message with the count. Only this viewer is affected: the camera session and the other viewers never wait.

export interface PacerLimits {
  /** bytes queued on the viewer's socket past which the channel starts skipping */
  highWaterBytes: number;
  /** a skipping channel resumes at a keyframe only once the queue is below this */
  lowWaterBytes: number;
}

export type PaceDecision =
  /** send the fragment */
  | { action: 'send' }
  /** send it after a `skip` message: `dropped` fragments were left out before it (a keyframe) */
  | { action: 'resume'; dropped: number }
  /** leave it out; `episodeStarted` on the first drop of an episode (log it once) */
  | { action: 'drop'; episodeStarted: boolean }
  /** no keyframe since the init segment: nothing decodable to send yet (not counted as a drop) */
  | { action: 'wait' };

export class ChannelPacer {
  /** fragments dropped for backpressure, ever */
  dropped = 0;
  /** fragments sent, ever */
  sent = 0;
  /** skip episodes started, ever */
  episodes = 0;
  private skipping = false;
  private droppedInEpisode = 0;
  private needKeyframe = true;

  constructor(private readonly limits: PacerLimits) {
    if (!(limits.lowWaterBytes < limits.highWaterBytes)) throw new RangeError('lowWaterBytes must be below highWaterBytes');
  }

  get isSkipping(): boolean {
    return this.skipping;
  }

  /** A new init segment (or the source dropped): the next fragment sent must be a keyframe. */
  reset(): void {
    this.needKeyframe = true;
    if (this.skipping) {
      // the episode ends with the stream: what was dropped stays counted, the next keyframe starts cleanly
      this.skipping = false;
      this.droppedInEpisode = 0;
    }
  }

  offer(keyframe: boolean, queuedBytes: number): PaceDecision {
    if (this.skipping) {
      if (keyframe && queuedBytes <= this.limits.lowWaterBytes) {
        const dropped = this.droppedInEpisode;
        this.skipping = false;
        this.droppedInEpisode = 0;
        this.needKeyframe = false;
        this.sent++;
        return { action: 'resume', dropped };
      }
      this.dropped++;
      this.droppedInEpisode++;
      return { action: 'drop', episodeStarted: false };
    }
    if (this.needKeyframe && !keyframe) return { action: 'wait' };
    if (queuedBytes > this.limits.highWaterBytes) {
      this.skipping = true;
      this.episodes++;
      this.dropped++;
      this.droppedInEpisode = 1;
      return { action: 'drop', episodeStarted: true };
    }
    this.needKeyframe = false;
    this.sent++;
    return { action: 'send' };
  }
}
