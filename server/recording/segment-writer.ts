import fs from 'node:fs';
import path from 'node:path';
import type { RecordingsRepo } from '../db/recordings-repo.ts';
import type { Fragment, InitSegment } from '../media/mp4-box-reader.ts';

export interface FragmentSink {
  onInit(init: InitSegment): void;
  onFragment(fragment: Fragment): void;
  /** the source dropped: the file in progress is complete */
  onDrop?(): void;
}

export interface SegmentWriterOptions {
  dir: string;
  segmentMs: number;
  /** a write failed (ENOSPC, EACCES…): the file is closed and indexed up to what was written */
  onWriteError(err: NodeJS.ErrnoException): void;
  /** opens a new segment file for writing (default: create it, failing if it exists); may throw */
  openFile?: (abs: string) => fs.WriteStream;
}

/** The file exists (opened synchronously) before its index row does: a clip never meets a row without a file. */
const createExclusive = (abs: string) => fs.createWriteStream(abs, { fd: fs.openSync(abs, 'wx'), flags: 'wx' });

const PROGRESS_EVERY_MS = 5000;

/** Local date and time in Asia/Ho_Chi_Minh (UTC+7, no daylight saving) for folder and file names. */
function vnParts(ms: number) {
  const iso = new Date(ms + 7 * 3600_000).toISOString();
  return { day: iso.slice(0, 10), time: iso.slice(11, 19).replace(/:/g, '') };
}

/**
 * Writes one camera stream into segment files: each starts with the init segment (ftyp+moov) and a keyframe, so
 * every file plays alone and stays readable up to its last whole fragment if the hub dies mid-write.
 * A new file starts at the first keyframe after `segmentMs`, and whenever the init segment changes.
 */
export class SegmentWriter implements FragmentSink {
  private init: Buffer | null = null;
  private file: { id: number; stream: fs.WriteStream; startAt: number; bytes: number; endAt: number; savedAt: number } | null = null;
  private failed = false;

  constructor(
    readonly cameraId: string,
    readonly stream: string,
    private readonly repo: RecordingsRepo,
    private readonly o: SegmentWriterOptions,
  ) {
    if (!/^[\w-]{1,64}$/.test(cameraId)) throw new Error('camera id not usable as a folder name');
  }

  onInit(init: InitSegment): void {
    if (this.init && !this.init.equals(init.data)) this.closeFile();
    this.init = init.data;
  }

  onFragment(f: Fragment): void {
    if (!this.init || this.failed) return;
    const startAt = f.arrivedAt - Math.round(f.durationSec * 1000);
    if (this.file && f.keyframe && startAt - this.file.startAt >= this.o.segmentMs) this.closeFile();
    if (!this.file) {
      if (!f.keyframe) return;
      this.openFile(startAt);
      if (!this.file) return;
    }
    const file = this.file;
    file.stream.write(f.data);
    file.bytes += f.data.length;
    file.endAt = f.arrivedAt;
    if (f.arrivedAt - file.savedAt >= PROGRESS_EVERY_MS) {
      this.repo.progress(file.id, file.endAt, file.bytes);
      file.savedAt = f.arrivedAt;
    }
  }

  onDrop(): void {
    void this.closeFile(); // never rejects
  }

  /** the id of the file being written; null between files */
  get fileId(): number | null {
    return this.file?.id ?? null;
  }

  /** Closes the current file (it is complete and indexed); the next keyframe opens a new one. */
  closeFile(): Promise<void> {
    const file = this.file;
    if (!file) return Promise.resolve();
    this.file = null;
    this.repo.progress(file.id, file.endAt, file.bytes, true);
    return new Promise((resolve) => file.stream.end(resolve));
  }

  /** After a write error has been dealt with (space freed), writing may resume. */
  resume(): void {
    this.failed = false;
  }

  private openFile(startAt: number) {
    const { day, time } = vnParts(startAt);
    const rel = path.join(this.cameraId, day, `${time}-${startAt}-${this.stream}.mp4`);
    const abs = path.join(this.o.dir, rel);
    let stream: fs.WriteStream;
    try {
      fs.mkdirSync(path.dirname(abs), { recursive: true });
      stream = (this.o.openFile ?? createExclusive)(abs);
    } catch (err) {
      this.failed = true;
      this.o.onWriteError(err as NodeJS.ErrnoException);
      return;
    }
    const id = this.repo.open({ cameraId: this.cameraId, stream: this.stream, startAt, initBytes: this.init!.length, path: rel });
    const file = { id, stream, startAt, bytes: this.init!.length, endAt: startAt, savedAt: startAt };
    stream.on('error', (err: NodeJS.ErrnoException) => {
      if (this.file === file) this.file = null;
      this.failed = true;
      this.o.onWriteError(err);
    });
    stream.write(this.init);
    this.file = file;
  }
}
