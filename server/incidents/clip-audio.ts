// The audio of an incident clip: the camera's audio files (AAC, recorded beside the video and cut when it is) over
// the clip's actual span, chosen like the video (whole fragments by byte range, never decoded) and placed by the
// wall clock the recorder stamped them with, so ffmpeg can join them to the video by stream copy.
import path from 'node:path';
import type { RecordingsRepo } from '../db/recordings-repo.ts';
import { scanSegmentFile, type SegmentGop } from '../recording/segment-file.ts';

export interface AudioPiece {
  file: string;
  initBytes: number;
  /** each audio fragment is its own group (every AAC frame is a sync sample) */
  gops: SegmentGop[];
}

export interface ClipAudio {
  pieces: AudioPiece[];
  /** seconds from the clip's first video frame to its first audio sample (≥ 0) */
  offsetSec: number;
}

/** Audio covering [from, to) (the clip's video span), or null when none was recorded (a camera without audio). */
export function clipAudio(recordings: RecordingsRepo, dir: string, cameraId: string, from: number, to: number): ClipAudio | null {
  const pieces: AudioPiece[] = [];
  let first: number | null = null;
  for (const row of recordings.overlapping(cameraId, from, to, 'audio')) {
    const file = path.join(dir, row.path);
    let scan: ReturnType<typeof scanSegmentFile>;
    try {
      scan = scanSegmentFile(file);
    } catch {
      continue; // audio is a bonus: a lost audio file never fails the clip
    }
    let t = row.startAt;
    const gops: SegmentGop[] = [];
    for (const g of scan.gops) {
      const end = t + g.durationSec * 1000;
      if (t >= from && t < to) {
        first ??= t;
        gops.push(g);
      }
      t = end;
    }
    if (gops.length > 0) pieces.push({ file, initBytes: scan.initBytes, gops });
  }
  if (pieces.length === 0 || first === null) return null;
  return { pieces, offsetSec: (first - from) / 1000 };
}
