import crypto from 'node:crypto';
import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import type { Logger } from 'pino';
import type { IncidentCameraRow, IncidentsRepo } from '../db/incidents-repo.ts';
import type { RecordingsRepo } from '../db/recordings-repo.ts';
import { buildClipArgs, buildConcatList, type ClipPiece } from '../media/clip-args.ts';
import { runFfmpegToFile } from '../media/ffmpeg-runner.ts';

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

type PendingClip = Pick<IncidentCameraRow, 'incidentId' | 'cameraId'> & { occurredAt: string; preRollSec: number; postRollSec: number };

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

  async cut(p: PendingClip): Promise<void> {
    const from = Date.parse(p.occurredAt) - p.preRollSec * 1000;
    const to = Date.parse(p.occurredAt) + p.postRollSec * 1000;
    const segments = this.recordings.overlapping(p.cameraId, from, to);
    if (segments.length === 0) {
      return this.fail(p, 'No recorded footage of this camera at that time (is recording on for it?).');
    }
    const pieces: ClipPiece[] = segments.map((s) => ({
      file: path.join(this.o.recordingsDir, s.path),
      inpoint: from > s.startAt ? (from - s.startAt) / 1000 : undefined,
      outpoint: to < s.endAt ? (to - s.startAt) / 1000 : undefined,
    }));
    const output = this.clipPath(p.incidentId, p.cameraId);
    fs.mkdirSync(path.dirname(output), { recursive: true });
    const listFile = `${output}.concat.txt`;
    const tmp = `${output}.part.mp4`;
    try {
      fs.writeFileSync(listFile, buildConcatList(pieces));
      await runFfmpegToFile(this.o.ffmpegPath, buildClipArgs({ listFile, output: tmp }));
      fs.renameSync(tmp, output);
      const sha256 = await sha256File(output);
      this.incidents.setClip(p.incidentId, p.cameraId, {
        clipStatus: 'ready', clipPath: path.relative(this.o.evidenceDir, output), clipSha256: sha256,
        clipBytes: fs.statSync(output).size, clipError: null,
        clipStart: new Date(Math.max(from, segments[0]!.startAt)).toISOString(),
        clipEnd: new Date(Math.min(to, segments.at(-1)!.endAt)).toISOString(),
      });
      this.emit('ready', { incidentId: p.incidentId, cameraId: p.cameraId, sha256 });
    } catch (err) {
      fs.rmSync(tmp, { force: true });
      this.logger.error({ err, incidentId: p.incidentId, cameraId: p.cameraId }, 'clip failed');
      this.fail(p, 'The clip could not be cut from the recordings.');
    } finally {
      fs.rmSync(listFile, { force: true });
    }
  }

  private fail(p: PendingClip, error: string) {
    this.incidents.setClip(p.incidentId, p.cameraId, { clipStatus: 'failed', clipError: error });
    this.emit('failed', { incidentId: p.incidentId, cameraId: p.cameraId, error });
  }
}
