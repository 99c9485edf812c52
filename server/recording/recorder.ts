import { EventEmitter } from 'node:events';
import type { Logger } from 'pino';
import type { StreamName } from '../contracts.ts';
import { AUDIO_STREAM, type RecordingsRepo } from '../db/recordings-repo.ts';
import type { MediaSink } from '../media/stream-consumers.ts';
import { repairRow } from './repair.ts';
import type { Retention } from './retention.ts';
import { SegmentWriter, type FragmentSink, type SegmentWriterOptions } from './segment-writer.ts';

/** The media side as the recorder sees it: a consumer that keeps the stream alive and receives its fragments. */
export interface FragmentSource {
  acquire(cameraId: string, stream: StreamName, consumer: string, sink: FragmentSink & Pick<MediaSink, 'audio'>): () => void;
}

export interface RecordingPlan {
  cameraId: string;
  stream: StreamName;
}

export interface RecorderOptions {
  dir: string;
  segmentMs: number;
  openFile?: SegmentWriterOptions['openFile'];
}

export interface StorageAlert {
  code: 'disk-full' | 'write-failed';
  message: string;
  cameraId: string;
  freedBytes: number;
  at: string;
}

interface Active {
  plan: RecordingPlan;
  writer: SegmentWriter;
  /** the camera's audio (AAC), in files cut when the video's are */
  audio: SegmentWriter;
  unsubscribe: () => void;
}

/**
 * Keeps one SegmentWriter per recorded camera, fed by the stream hub (no second camera session).
 * A failing write (ENOSPC) closes the file, purges the oldest footage at once, raises `storage-alert`, and
 * resumes; the hub does not crash.
 */
export class Recorder extends EventEmitter<{ 'storage-alert': [StorageAlert] }> {
  private readonly active = new Map<string, Active>();

  constructor(
    private readonly source: FragmentSource,
    private readonly repo: RecordingsRepo,
    private readonly retention: Retention,
    private readonly o: RecorderOptions,
    private readonly logger: Logger,
  ) {
    super();
  }

  /** Starts, stops or switches recordings so that exactly the planned cameras are recorded. */
  apply(plans: RecordingPlan[]): void {
    const wanted = new Map(plans.map((p) => [p.cameraId, p]));
    for (const [id, a] of this.active) {
      const p = wanted.get(id);
      if (!p || p.stream !== a.plan.stream) void this.stop(id);
    }
    for (const p of plans) if (!this.active.has(p.cameraId)) this.start(p);
  }

  recording(): RecordingPlan[] {
    return [...this.active.values()].map((a) => a.plan);
  }

  async stop(cameraId: string): Promise<void> {
    const a = this.active.get(cameraId);
    if (!a) return;
    this.active.delete(cameraId);
    a.unsubscribe();
    await Promise.all([a.writer.closeFile(), a.audio.closeFile()]);
  }

  async close(): Promise<void> {
    await Promise.all([...this.active.keys()].map((id) => this.stop(id)));
  }

  private start(plan: RecordingPlan) {
    const writerFor = (stream: string, segmentMs: number): SegmentWriter => {
      const w: SegmentWriter = new SegmentWriter(plan.cameraId, stream, this.repo, {
        dir: this.o.dir, segmentMs, openFile: this.o.openFile,
        onWriteError: (err) => this.onWriteError(plan.cameraId, w, err),
      });
      return w;
    };
    const writer = writerFor(plan.stream, this.o.segmentMs);
    // audio files are cut when the video's are (never by themselves), so each video file has its audio beside it
    const audio = writerFor(AUDIO_STREAM, Infinity);
    const sink = {
      onInit: (i: Parameters<SegmentWriter['onInit']>[0]) => writer.onInit(i),
      onFragment: (f: Parameters<SegmentWriter['onFragment']>[0]) => {
        const file = writer.fileId;
        writer.onFragment(f);
        if (writer.fileId !== file) void audio.closeFile();
      },
      onDrop: () => writer.onDrop(),
      audio: { onInit: audio.onInit.bind(audio), onFragment: audio.onFragment.bind(audio), onDrop: audio.onDrop.bind(audio) },
    };
    let unsubscribe: () => void;
    try {
      unsubscribe = this.source.acquire(plan.cameraId, plan.stream, 'recorder', sink);
    } catch (err) {
      this.logger.warn({ err, cameraId: plan.cameraId }, 'cannot record this camera');
      return;
    }
    this.active.set(plan.cameraId, { plan, writer, audio, unsubscribe });
    this.logger.info({ cameraId: plan.cameraId, stream: plan.stream }, 'recording started');
  }

  private onWriteError(cameraId: string, writer: SegmentWriter, err: NodeJS.ErrnoException) {
    // the failed file is cut back to its last whole fragment and closed in the index
    for (const row of this.repo.incomplete()) {
      if (row.cameraId === cameraId) repairRow(this.repo, this.o.dir, row);
    }
    const full = err.code === 'ENOSPC' || err.code === 'EDQUOT';
    const purge = full ? this.retention.purgeForSpace() : { freedBytes: 0, deleted: 0, stillShort: false };
    const alert: StorageAlert = {
      code: full ? 'disk-full' : 'write-failed',
      message: full
        ? `Recordings disk full: ${purge.deleted} oldest segment(s) deleted${purge.stillShort ? ', still short of space (footage under incident hold is kept)' : ''}.`
        : `Recording of ${cameraId} failed to write (${err.code ?? err.message}).`,
      cameraId,
      freedBytes: purge.freedBytes,
      at: new Date().toISOString(),
    };
    this.logger.error({ cameraId, code: err.code }, alert.message);
    this.emit('storage-alert', alert);
    if (full && purge.freedBytes > 0) writer.resume();
  }
}
