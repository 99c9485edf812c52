// One run's input of a transcode: the camera's copy session, seen through a MediaSink, written to the pipe that
// ffmpeg reads as stdin. Bounded: when ffmpeg falls behind, source fragments are skipped to the next keyframe.
import { PassThrough } from 'node:stream';
import type { MediaSink } from './stream-consumers.ts';

/** Bytes waiting for ffmpeg past which source fragments are skipped until a keyframe finds the pipe below `lowBytes`. */
export const FEED_HIGH_BYTES = 4 * 1024 * 1024;
export const FEED_LOW_BYTES = 1024 * 1024;

export interface TranscodeFeedOptions {
  /** attaches the sink to the source (MediaService.watch on the copy session); returns the release */
  attach(sink: MediaSink): () => void;
  /** ends the run with a reason (the session starts a fresh one after its backoff) */
  fail(reason: string): void;
  /** a source fragment was not fed (ffmpeg behind) */
  onSkip?(): void;
  highBytes?: number;
  lowBytes?: number;
}

export interface TranscodeFeed {
  /** ffmpeg's stdin (FfmpegProcess `stdin`) */
  stdin: PassThrough;
  /** detaches from the source and ends the pipe; idempotent */
  stop(): void;
}

/**
 * The source's init segment, then its fragments from a keyframe on. A second init (the copy session restarted) or a
 * drop ends the run: ffmpeg cannot take a new init segment mid-stream. Before the first keyframe nothing counts as
 * skipped (the run has not begun).
 */
export function createTranscodeFeed(o: TranscodeFeedOptions): TranscodeFeed {
  const high = o.highBytes ?? FEED_HIGH_BYTES;
  const low = o.lowBytes ?? FEED_LOW_BYTES;
  const stdin = new PassThrough({ highWaterMark: 1 << 20 });
  let haveInit = false;
  let waitKey = true;
  let fed = false;
  let ended = false;
  const queued = () => stdin.writableLength + stdin.readableLength;
  const skip = () => {
    if (fed) o.onSkip?.();
  };
  const sink: MediaSink = {
    onInit(init) {
      if (ended) return;
      if (haveInit) return o.fail('the camera stream restarted');
      haveInit = true;
      stdin.write(init.data);
    },
    onFragment(f) {
      if (ended || !haveInit) return;
      const q = queued();
      if (waitKey) {
        if (!f.keyframe || q > low) return skip();
        waitKey = false;
      } else if (q > high) {
        waitKey = true;
        return skip();
      }
      fed = true;
      stdin.write(f.data);
    },
    onDrop() {
      if (!ended) o.fail('the camera stream dropped');
    },
  };
  let release = () => {};
  try {
    release = o.attach(sink);
  } catch (e) {
    queueMicrotask(() => o.fail(`the camera stream cannot be read: ${(e as Error).message}`)); // once the run exists
  }
  return {
    stdin,
    stop() {
      if (ended) return;
      ended = true;
      release();
      stdin.end();
    },
  };
}
