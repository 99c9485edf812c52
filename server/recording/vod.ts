import path from 'node:path';
import { AUDIO_STREAM, type RecordingRow, type RecordingsRepo } from '../db/recordings-repo.ts';
import { AppError } from '../errors.ts';
import { scanSegmentFile, type SegmentScan } from './segment-file.ts';
import { muxedInit, muxedSegment, pairedAudio } from './vod-mux.ts';

export interface RecordedRange {
  start: string;
  end: string;
}

/** gaps shorter than this between two segment files do not split a recorded range */
const JOIN_GAP_MS = 3000;
const MAX_SPAN_MS = 24 * 3600_000;
const SCAN_CACHE = 2000;

export function parseSpan(from: unknown, to: unknown): { from: number; to: number } {
  const f = typeof from === 'string' ? Date.parse(from) : NaN;
  const t = typeof to === 'string' ? Date.parse(to) : NaN;
  if (Number.isNaN(f) || Number.isNaN(t)) throw new AppError('bad-time-range', '`from` and `to` must be ISO times.');
  if (t <= f) throw new AppError('bad-time-range', '`to` must be after `from`.');
  if (t - f > MAX_SPAN_MS) throw new AppError('bad-time-range', 'At most 24 hours at a time.');
  return { from: f, to: t };
}

/** Recorded footage for playback: ranges for the timeline, VOD playlists by byte range over segment files. */
export class VodService {
  /** scans of complete (immutable) files, least recently used first out */
  private readonly scans = new Map<number, SegmentScan>();

  constructor(private readonly repo: RecordingsRepo, private readonly dir: string) {}

  ranges(cameraId: string, from: number, to: number): RecordedRange[] {
    const out: { start: number; end: number }[] = [];
    for (const s of this.repo.spans(cameraId, from, to)) {
      const last = out.at(-1);
      if (last && s.startAt - last.end <= JOIN_GAP_MS) last.end = Math.max(last.end, s.endAt);
      else out.push({ start: s.startAt, end: s.endAt });
    }
    return out.map((r) => ({
      start: new Date(Math.max(r.start, from)).toISOString(), end: new Date(Math.min(r.end, to)).toISOString(),
    }));
  }

  segmentFile(cameraId: string, recordingId: number): string | undefined {
    const row = this.repo.get(recordingId);
    return row && row.cameraId === cameraId ? path.join(this.dir, row.path) : undefined;
  }

  /**
   * An HLS VOD playlist (fMP4, one media segment per GOP) of what was recorded in [from, to): byte ranges of the
   * segment files, or, for a file with its audio beside it, GOPs muxed with that audio (vod-mux.ts, `av/…`).
   */
  playlist(cameraId: string, from: number, to: number): string {
    const files = this.repo.overlapping(cameraId, from, to);
    if (files.length === 0) throw new AppError('no-recording', 'Nothing was recorded by this camera in that time.');
    const body: string[] = [];
    let target = 1;
    let listed = 0;
    files.forEach((f) => {
      const scan = this.scan(f);
      // a file gone or unreadable since it was indexed (crash repair drops its row at the next start): a gap
      if (!scan || scan.gops.length === 0) return;
      const uri = `file/${f.id}.mp4`;
      const audio = pairedAudio(this.repo, f);
      const av = audio && this.scan(audio)?.gops.length ? `av/${f.id}/${audio.id}` : null;
      if (listed++ > 0) body.push('#EXT-X-DISCONTINUITY');
      body.push(av ? `#EXT-X-MAP:URI="${av}/init.mp4"` : `#EXT-X-MAP:URI="${uri}",BYTERANGE="${scan.initBytes}@0"`);
      body.push(`#EXT-X-PROGRAM-DATE-TIME:${new Date(f.startAt).toISOString()}`);
      scan.gops.forEach((g, i) => {
        target = Math.max(target, Math.ceil(g.durationSec));
        body.push(`#EXTINF:${g.durationSec.toFixed(3)},`, ...(av ? [`${av}/${i}.m4s`] : [`#EXT-X-BYTERANGE:${g.length}@${g.offset}`, uri]));
      });
    });
    if (listed === 0) throw new AppError('no-recording', 'Nothing playable was recorded by this camera in that time.');
    return ['#EXTM3U', '#EXT-X-VERSION:7', `#EXT-X-TARGETDURATION:${target}`, '#EXT-X-PLAYLIST-TYPE:VOD',
      '#EXT-X-MEDIA-SEQUENCE:0', '#EXT-X-INDEPENDENT-SEGMENTS', ...body, '#EXT-X-ENDLIST', ''].join('\n');
  }

  /** The muxed init (`part` 'init') or GOP `part` of a video file and its audio file; undefined when not theirs. */
  muxed(cameraId: string, videoId: number, audioId: number, part: 'init' | number): Buffer | undefined {
    const v = this.repo.get(videoId);
    const a = this.repo.get(audioId);
    if (!v || !a || v.cameraId !== cameraId || a.cameraId !== cameraId || v.stream === AUDIO_STREAM || a.stream !== AUDIO_STREAM) return undefined;
    const vs = this.scan(v);
    const as = this.scan(a);
    if (!vs || !as) return undefined;
    const video = { file: path.join(this.dir, v.path), scan: vs };
    const audio = { file: path.join(this.dir, a.path), scan: as };
    return (part === 'init' ? muxedInit(video, audio) : muxedSegment(video, audio, part)) ?? undefined;
  }

  private scan(f: RecordingRow): SegmentScan | null {
    const cached = this.scans.get(f.id);
    if (cached) {
      this.scans.delete(f.id);
      this.scans.set(f.id, cached);
      return cached;
    }
    let scan: SegmentScan;
    try {
      scan = scanSegmentFile(path.join(this.dir, f.path));
    } catch {
      return null;
    }
    if (f.complete) {
      this.scans.set(f.id, scan);
      if (this.scans.size > SCAN_CACHE) this.scans.delete(this.scans.keys().next().value!);
    }
    return scan;
  }
}
