import crypto from 'node:crypto';
import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import type { Logger } from 'pino';
import type { IncidentCameraRow, IncidentsRepo } from '../db/incidents-repo.ts';
import type { RecordingRow, RecordingsRepo } from '../db/recordings-repo.ts';
import { buildClipArgs, buildConcatList } from '../media/clip-args.ts';
import { mapDecodeTimes } from '../media/mp4-boxes.ts';
import { runFfmpegToFile } from '../media/ffmpeg-runner.ts';
import { scanSegmentFile, type SegmentGop } from '../recording/segment-file.ts';
import { clipAudio } from './clip-audio.ts';

export interface ClipServiceOptions {
  ffmpegPath: string;
  recordingsDir: string;
  /** clips live here, outside the recordings folder, so retention never touches them */
  evidenceDir: string;
  /** wait this long after the post-roll so the recorder has flushed the last fragment */
  settleMs: number;
}

export interface ClipEvents {
  ready: [{ incidentId: number; cameraId: string; sha256: string }];
  failed: [{ incidentId: number; cameraId: string; error: string }];
}

/** how many seconds a clip waits for the recorder to reach the end of its post-roll */
const MAX_WAITS = 15;

/** A segment file the index lists is missing or cannot be read: the clip fails with this as its reason. */
class UnreadableSegment extends Error {
  constructor(rel: string, cause: NodeJS.ErrnoException) {
    super(cause.code === 'ENOENT'
      ? `A recorded file of this footage is missing (${rel}): the clip cannot be cut.`
      : `A recorded file of this footage is unreadable (${rel}, ${cause.code ?? cause.message}): the clip cannot be cut.`);
  }
}

type PendingClip = Pick<IncidentCameraRow, 'incidentId' | 'cameraId'> & { occurredAt: string; preRollSec: number; postRollSec: number };

/**
 * Moves every fragment's decode time (tfdt) so the piece starts at 0: the concat demuxer lays pieces end to end
 * from their start times, and a piece cut from the middle of a camera session would otherwise carry the whole
 * session's offset. Only the tfdt field of moof/traf is touched, never the media.
 */
export function rebaseDecodeTimes(buf: Buffer, state: { base: bigint | null }): void {
  mapDecodeTimes(buf, (t) => {
    state.base ??= t;
    return t - state.base;
  });
}

/** init segment + the chosen GOPs' bytes, decode times from 0: a fragmented MP4 that plays alone. */
function writePiece(piece: { file: string; initBytes: number; gops: SegmentGop[] }, out: string) {
  const src = fs.openSync(piece.file, 'r');
  const dst = fs.openSync(out, 'w');
  const state = { base: null as bigint | null };
  try {
    const read = (offset: number, length: number) => {
      const buf = Buffer.alloc(length);
      fs.readSync(src, buf, 0, length, offset);
      return buf;
    };
    fs.writeSync(dst, read(0, piece.initBytes));
    for (const g of piece.gops) {
      const buf = read(g.offset, g.length);
      rebaseDecodeTimes(buf, state);
      fs.writeSync(dst, buf);
    }
  } finally {
    fs.closeSync(src);
    fs.closeSync(dst);
  }
}

export async function sha256File(file: string): Promise<string> {
  const hash = crypto.createHash('sha256');
  for await (const chunk of fs.createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/**
 * Cuts each incident camera's clip from the recorded segment files once its post-roll has been recorded:
 * stream copy into a faststart MP4 under the evidence folder, its SHA-256 stored with it.
 */
export class ClipService extends EventEmitter<ClipEvents> {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private closed = false;

  constructor(
    private readonly incidents: IncidentsRepo,
    private readonly recordings: RecordingsRepo,
    private readonly o: ClipServiceOptions,
    private readonly logger: Logger,
  ) {
    super();
  }

  /** Schedules every clip still pending (at start-up, and after an incident is created). */
  schedulePending(): void {
    for (const p of this.incidents.pendingClips()) this.schedule(p);
  }

  clipPath(incidentId: number, cameraId: string): string {
    return path.join(this.o.evidenceDir, String(incidentId), `${cameraId}.mp4`);
  }

  close(): void {
    this.closed = true;
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
  }

  private schedule(p: PendingClip) {
    const key = `${p.incidentId}/${p.cameraId}`;
    if (this.timers.has(key) || this.closed) return;
    const due = Date.parse(p.occurredAt) + p.postRollSec * 1000 + this.o.settleMs;
    const timer = setTimeout(() => {
      this.timers.delete(key);
      void this.cut(p);
    }, Math.max(0, due - Date.now()));
    this.timers.set(key, timer);
  }

  /**
   * Cuts the clip: the whole GOPs of each segment file that overlap [occurred - pre, occurred + post] are copied
   * (init segment + those byte ranges) into one piece per file, and ffmpeg joins the pieces into a faststart MP4
   * by stream copy. So the clip is exact to a GOP, and the times it claims are those of the GOPs it holds.
   */
  async cut(p: PendingClip, attempt = 0): Promise<void> {
    // never rejects: it runs from timers, and an unhandled rejection would end the hub (and every restart after it)
    try {
      await this.tryCut(p, attempt);
    } catch (err) {
      this.logger.error({ err, incidentId: p.incidentId, cameraId: p.cameraId }, 'clip failed');
      const missing = err instanceof UnreadableSegment;
      try {
        this.fail(p, missing ? err.message : 'The clip could not be cut from the recordings.');
      } catch (e) {
        this.logger.error({ err: e, incidentId: p.incidentId }, 'clip failure could not be stored');
      }
    }
  }

  private async tryCut(p: PendingClip, attempt: number): Promise<void> {
    if (this.closed) return;
    const from = Date.parse(p.occurredAt) - p.preRollSec * 1000;
    const to = Date.parse(p.occurredAt) + p.postRollSec * 1000;
    const segments = this.recordings.overlapping(p.cameraId, from, to);
    if (segments.length === 0) {
      return this.fail(p, 'No recorded footage of this camera at that time (is recording on for it?).');
    }
    const pieces = segments.map((s) => this.selectGops(s, from, to)).filter((x) => x.gops.length > 0);
    const last = segments.at(-1)!;
    const recordedTo = pieces.length ? pieces.at(-1)!.end : 0;
    if (!last.complete && recordedTo < to && attempt < MAX_WAITS) {
      // the recorder has not written the end of the post-roll yet
      const key = `${p.incidentId}/${p.cameraId}`;
      this.timers.set(key, setTimeout(() => {
        this.timers.delete(key);
        void this.cut(p, attempt + 1);
      }, 1000));
      return;
    }
    if (pieces.length === 0) return this.fail(p, 'No recorded footage of this camera at that time.');
    const output = this.clipPath(p.incidentId, p.cameraId);
    fs.mkdirSync(path.dirname(output), { recursive: true, mode: 0o700 });
    const pieceFiles = pieces.map((_, i) => `${output}.piece${i}.mp4`);
    const listFile = `${output}.concat.txt`;
    const tmp = `${output}.part.mp4`;
    // the camera's audio over the same span, joined by stream copy beside the video (which stays as recorded)
    const audio = clipAudio(this.recordings, this.o.recordingsDir, p.cameraId, pieces[0]!.start, recordedTo);
    const audioFiles = audio?.pieces.map((_, i) => `${output}.audio${i}.mp4`) ?? [];
    const audioList = `${output}.audio.txt`;
    try {
      pieces.forEach((piece, i) => writePiece(piece, pieceFiles[i]!));
      fs.writeFileSync(listFile, buildConcatList(pieceFiles));
      audio?.pieces.forEach((piece, i) => writePiece(piece, audioFiles[i]!));
      if (audio) fs.writeFileSync(audioList, buildConcatList(audioFiles));
      await runFfmpegToFile(this.o.ffmpegPath, buildClipArgs({
        listFile, output: tmp, audio: audio ? { listFile: audioList, offsetSec: audio.offsetSec } : undefined,
      }));
      fs.chmodSync(tmp, 0o600); // evidence: the hub user's alone, whatever the umask
      fs.renameSync(tmp, output);
      const sha256 = await sha256File(output);
      this.incidents.setClip(p.incidentId, p.cameraId, {
        clipStatus: 'ready', clipPath: path.relative(this.o.evidenceDir, output), clipSha256: sha256,
        clipBytes: fs.statSync(output).size, clipError: null,
        clipStart: new Date(pieces[0]!.start).toISOString(), clipEnd: new Date(recordedTo).toISOString(),
      });
      this.emit('ready', { incidentId: p.incidentId, cameraId: p.cameraId, sha256 });
    } finally {
      for (const f of [tmp, listFile, ...pieceFiles, audioList, ...audioFiles]) fs.rmSync(f, { force: true });
    }
  }

  /** The GOPs of one segment file overlapping [from, to), with their wall-clock span. */
  private selectGops(s: RecordingRow, from: number, to: number) {
    const file = path.join(this.o.recordingsDir, s.path);
    let scan: ReturnType<typeof scanSegmentFile>;
    try {
      scan = scanSegmentFile(file);
    } catch (err) {
      throw new UnreadableSegment(s.path, err as NodeJS.ErrnoException);
    }
    let t = s.startAt;
    const gops: SegmentGop[] = [];
    let start = 0;
    let end = 0;
    for (const g of scan.gops) {
      const gEnd = t + g.durationSec * 1000;
      if (gEnd > from && t < to) {
        if (gops.length === 0) start = t;
        gops.push(g);
        end = gEnd;
      }
      t = gEnd;
    }
    return { file, initBytes: scan.initBytes, gops, start, end };
  }

  private fail(p: PendingClip, error: string) {
    this.incidents.setClip(p.incidentId, p.cameraId, { clipStatus: 'failed', clipError: error });
    this.emit('failed', { incidentId: p.incidentId, cameraId: p.cameraId, error });
  }
}
