// Press-and-hold PTZ: while a velocity is held, a move is sent and repeated; letting go sends a stop.
//
// Each move lasts `durationMs` at the camera, longer than the repeat, so a held move does not pause between
// repeats and a page that dies mid-move leaves the camera moving for at most `durationMs` (the hub sends the
// Stop when a move's duration ends unless another move came first). At most one move request is in flight; the
// next one goes as soon as the previous is answered, and no sooner than `repeatMs` after it was sent.
import type { PtzCommand, PtzVelocity } from '../../../api/ptz-api.ts';

export interface PtzMoverOptions {
  send(cmd: PtzCommand): Promise<void>;
  /** a move or stop failed; a failed move ends the hold (the next press starts again) */
  onError(err: unknown): void;
  /** moving (true) or not, for the pad's looks */
  onMovingChange?(moving: boolean): void;
  /** default 400 ms */
  repeatMs?: number;
  /** default 600 ms */
  durationMs?: number;
}

export interface PtzMover {
  /** The velocity to hold from now on; all zero lets go (a stop is sent if a move was held). */
  hold(v: PtzVelocity): void;
  /** Lets go and sends a stop in any case (the camera may be turning to a preset). */
  stop(): void;
  /** Stops the camera if it is moving; nothing is reported afterwards. */
  destroy(): void;
}

export const STILL: PtzVelocity = Object.freeze({ pan: 0, tilt: 0, zoom: 0 });

const isStill = (v: PtzVelocity) => v.pan === 0 && v.tilt === 0 && v.zoom === 0;
const same = (a: PtzVelocity, b: PtzVelocity) => a.pan === b.pan && a.tilt === b.tilt && a.zoom === b.zoom;

export function createPtzMover(opts: PtzMoverOptions): PtzMover {
  const repeatMs = opts.repeatMs ?? 400;
  const durationMs = opts.durationMs ?? 600;
  let want: PtzVelocity | null = null;
  let inFlight = false;
  let lastSentAt = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;
  /** a stop was sent while a move was in flight: stop again once it is answered, whichever reached the camera first */
  let stopAgain = false;
  let destroyed = false;

  const report = (err: unknown) => {
    if (!destroyed) opts.onError(err);
  };
  const setWant = (v: PtzVelocity | null) => {
    const was = want !== null;
    want = v;
    if (was !== (v !== null) && !destroyed) opts.onMovingChange?.(v !== null);
  };
  const clearTimer = () => {
    if (timer) clearTimeout(timer);
    timer = null;
  };

  const sendStop = () => {
    opts.send({ action: 'stop' }).catch(report);
  };

  const sendMove = () => {
    timer = null;
    if (!want || inFlight) return;
    inFlight = true;
    lastSentAt = Date.now();
    opts
      .send({ action: 'move', ...want, durationMs })
      .then(
        () => undefined,
        (err: unknown) => {
          if (want) {
            setWant(null);
            report(err);
          }
        },
      )
      .finally(() => {
        inFlight = false;
        if (stopAgain) {
          stopAgain = false;
          if (!want) sendStop();
        }
        if (want && !destroyed) timer = setTimeout(sendMove, Math.max(0, lastSentAt + repeatMs - Date.now()));
      });
  };

  const release = (always: boolean) => {
    if (!want && !always) return;
    setWant(null);
    clearTimer();
    if (inFlight) stopAgain = true;
    sendStop();
  };

  const hold = (v: PtzVelocity) => {
    if (destroyed) return;
    if (isStill(v)) return release(false);
    if (want && same(want, v)) return;
    setWant({ pan: v.pan, tilt: v.tilt, zoom: v.zoom });
    // a new direction goes at once, unless a move is in flight (it is picked up when that one is answered)
    if (!inFlight) {
      clearTimer();
      sendMove();
    }
  };

  return {
    hold,
    stop: () => {
      if (!destroyed) release(true);
    },
    destroy() {
      release(false);
      destroyed = true;
      clearTimer();
    },
  };
}
