// One picture from a camera's live stream: the stream hub's init segment plus its latest keyframe part, decoded
// by ffmpeg into a JPEG. Starts the (sub) stream when nobody watches it; it then stops after the idle timeout.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { AppError } from '../errors.ts';
import { runFfmpegToFile } from '../media/ffmpeg-runner.ts';
import type { MediaService } from '../media/media-service.ts';
import { buildSnapshotArgs } from '../media/snapshot-args.ts';
import type { StreamName } from '../media/types.ts';

export interface FrameGrabOptions {
  ffmpegPath: string;
  timeoutMs: number;
  /** default: the sub-stream (smaller, cheaper to decode) */
  stream?: StreamName;
}

export async function grabFrame(media: Pick<MediaService, 'live'>, cameraId: string, o: FrameGrabOptions): Promise<Buffer> {
  const live = media.live(cameraId, o.stream ?? 'sub');
  const release = live.hold();
  let init: Buffer | null;
  let part: Buffer | null;
  try {
    await live.waitReady(o.timeoutMs);
    init = live.packager.initSegment;
    part = live.packager.latestKeyframePart()?.data ?? null;
  } finally {
    release();
  }
  if (!init || !part) throw new AppError('snapshot-unavailable', 'The stream has no picture yet.');
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'matthan-snap-'));
  try {
    const input = path.join(dir, 'frame.mp4');
    const output = path.join(dir, 'frame.jpg');
    await fs.writeFile(input, Buffer.concat([init, part]));
    try {
      await runFfmpegToFile(o.ffmpegPath, buildSnapshotArgs({ input, output }), { timeoutMs: o.timeoutMs });
    } catch {
      throw new AppError('snapshot-failed', 'The picture could not be decoded from the stream.');
    }
    return await fs.readFile(output);
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}
