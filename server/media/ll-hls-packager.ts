// In-memory LL-HLS for one stream: fMP4 fragments gather into parts, parts group into segments cut at keyframes.
// Holds `segmentsKept` complete segments plus the one being built; answers blocking requests (RFC 8216bis §6.2.5.2).
import { AppError } from '../errors.ts';
import type { Fragment } from './mp4-box-reader.ts';
import { renderPlaylist, type HlsPart, type HlsSegment } from './ll-hls-playlist.ts';
import { PartGatherer, type GatheredPart } from './part-gatherer.ts';

export type { HlsPart, HlsSegment };

export interface PackagerOptions {
  /** target duration of a part (the fragment duration asked of ffmpeg) */
  partTargetMs: number;
  minSegmentMs: number;
  segmentsKept: number;
  /** how long a blocking request may wait; default 3 target durations */
  waitTimeoutMs?: number;
  /**
   * Cut the first segment of each epoch after FIRST_SEGMENT_PARTS parts, keyframe or not, so that the first viewer
   * of a cold stream does not wait a whole GOP for a playable playlist (the hub turns it on; see `firstOfEpoch`).
   */
  shortFirstSegment?: boolean;
}

interface Waiter {
  ready: () => boolean;
  resolve: () => void;
  reject: (e: unknown) => void;
}

/**
 * A keyframe that comes a little early still cuts: a GOP of 24 frames at 25 fps (0.96 s; GStreamer forces a
 * keyframe when a client joins, cameras' clocks jitter) must not make a 2 s segment when 1 s is asked.
 */
/** parts in the short first segment of an epoch */
const FIRST_SEGMENT_PARTS = 2;
const SEGMENT_CUT_TOLERANCE = 0.9;

const abortError = () => new DOMException('The request was aborted', 'AbortError');

export class LlHlsPackager {
  private init: Buffer | null = null;
  private epoch = 0;
  private discontinuitySequence = 0;
  private mediaInEpoch = false;
  private readonly complete: HlsSegment[] = [];
  private current: HlsSegment | null = null;
  private readonly parts = new Map<number, HlsPart>();
  private readonly gatherer: PartGatherer;
  private nextMsn = 0;
  private nextPartId = 0;
  /** min over the epoch's fragments of (arrival − media end): wall clock at media time 0 */
  private wallAtZeroMs = Infinity;
  private targetDurationSec: number;
  private partTargetSec: number;
  private version = 0;
  private cache: { version: number; text: string; bytes: Buffer } | null = null;
  private readonly waiters = new Set<Waiter>();
  private closed = false;

  constructor(private readonly o: PackagerOptions) {
    this.targetDurationSec = Math.max(1, Math.ceil(o.minSegmentMs / 1000));
    this.partTargetSec = o.partTargetMs / 1000;
    this.gatherer = new PartGatherer(o.partTargetMs);
  }

  /** A new init segment starts a new epoch: media of the previous one is dropped behind a discontinuity. */
  setInit(data: Buffer): void {
    this.dropMedia();
    this.init = data;
    this.epoch++;
    this.changed();
  }

  /**
   * A fragment from ffmpeg (one frame, or a whole part when ffmpeg cuts by duration): gathered into parts of at
   * least `partTargetMs` (see PartGatherer); a part is listed the moment it is complete.
   */
  pushFragment(f: Fragment): void {
    if (!this.init || this.closed) return;
    // a segment must start with an IDR frame
    this.gatherer.push(f, (part) => this.addPart(part), (x) => this.current !== null || x.keyframe);
  }

  /** fragments gathered for the part being built (not yet listed) */
  get pendingFragments(): number {
    return this.gatherer.size;
  }

  private addPart(f: GatheredPart): void {
    let seg = this.current;
    if (!seg) {
      seg = this.startSegment(f);
    } else if (
      (f.keyframe && (seg.durationSec * 1000 >= this.o.minSegmentMs * SEGMENT_CUT_TOLERANCE || !seg.parts[0]?.independent))
      || (this.o.shortFirstSegment && this.firstOfEpoch() && seg.durationSec * 1000 >= FIRST_SEGMENT_PARTS * this.o.partTargetMs * SEGMENT_CUT_TOLERANCE)
    ) {
      this.finishSegment(seg);
      seg = this.startSegment(f);
    }
    // Arrivals are never early, only late (the probe burst at start, network jitter): the earliest one, measured
    // against its media end time, anchors the media clock to the wall clock. PROGRAM-DATE-TIME derived from it
    // advances exactly with EXTINF, which hls.js relies on to align playlist reloads.
    this.wallAtZeroMs = Math.min(this.wallAtZeroMs, f.arrivedAt - (f.decodeTime + f.durationSec) * 1000);
    const part: HlsPart = {
      id: this.nextPartId++,
      msn: seg.msn,
      data: f.data,
      durationSec: f.durationSec,
      independent: f.keyframe,
    };
    seg.parts.push(part);
    seg.durationSec += f.durationSec;
    seg.bytes += f.data.length;
    this.parts.set(part.id, part);
    this.partTargetSec = Math.max(this.partTargetSec, Math.ceil(f.durationSec * 1000 - 1e-6) / 1000);
    this.changed();
  }

  /**
   * The first segment of an epoch is cut after a few parts, keyframe or not: players need one complete segment
   * before they start (see `ready`), and waiting a whole GOP for it was most of a cold start. The next segment
   * then begins mid-GOP (its first part is not INDEPENDENT); players starting at the first segment decode straight
   * through, and later viewers start in segments that begin with a keyframe.
   */
  private firstOfEpoch(): boolean {
    return this.complete.length === 0;
  }

  /** The source went away: drop the media (a playlist of stale video helps nobody); numbering continues. */
  reset(): void {
    this.dropMedia();
    this.init = null;
    this.changed();
  }

  /** The stream stopped: every waiting request fails now. */
  close(): void {
    this.closed = true;
    this.reset();
    for (const w of [...this.waiters]) w.reject(new AppError('stream-stopped', 'The stream stopped.'));
    this.waiters.clear();
  }

  /**
   * An init segment and at least one complete segment: hls.js (1.7) refuses a playlist whose only media is the
   * parts of a segment in progress (levelEmptyError), so nothing is served before that.
   */
  get ready(): boolean {
    return this.init !== null && this.complete.length > 0;
  }

  /** requests blocked on this stream right now */
  get waiting(): number {
    return this.waiters.size;
  }

  get initSegment(): Buffer | null {
    return this.init;
  }

  /** The newest part that starts with a keyframe (decodable with the init segment alone), for snapshots. */
  latestKeyframePart(): HlsPart | null {
    for (const seg of [this.current, ...[...this.complete].reverse()]) {
      const parts = seg?.parts ?? [];
      for (let i = parts.length - 1; i >= 0; i--) if (parts[i]!.independent) return parts[i]!;
    }
    return null;
  }

  /** Playlist text, rebuilt only when something changed since the last call. */
  playlist(): string {
    return this.rendered().text;
  }

  /** The same, as bytes ready to send (shared by every request for this version). */
  playlistBytes(): Buffer {
    return this.rendered().bytes;
  }

  private rendered(): { text: string; bytes: Buffer } {
    if (this.cache?.version === this.version) return this.cache;
    const text = renderPlaylist({
      targetDurationSec: this.targetDurationSec,
      partTargetSec: this.partTargetSec,
      discontinuitySequence: this.discontinuitySequence,
      initUri: `init.mp4?v=${this.epoch}`,
      wallAtZeroMs: this.wallAtZeroMs,
      complete: this.complete,
      current: this.current,
      nextPartId: this.nextPartId,
    });
    this.cache = { version: this.version, text, bytes: Buffer.from(text) };
    return this.cache;
  }

  /** Blocking playlist reload: resolves once segment `msn` (or part `part` of it) or anything later exists. */
  async waitForPlaylist(msn: number, part?: number, signal?: AbortSignal): Promise<void> {
    const liveMsn = this.current?.msn ?? this.nextMsn;
    // "greater than the last Media Segment plus two": the last complete one is liveMsn - 1
    if (msn > liveMsn + 1) throw new AppError('hls-msn-too-far', 'The requested segment is too far ahead.');
    if (part !== undefined) {
      const limit = this.partTargetSec < 1 ? Math.floor(3 / this.partTargetSec) : 3;
      const lastPart = this.current ? this.current.parts.length - 1 : -1;
      const ahead = msn === liveMsn ? part - lastPart : msn > liveMsn ? part + 1 : 0;
      if (ahead > limit) throw new AppError('hls-part-too-far', 'The requested part is too far ahead.');
    }
    await this.waitUntil(() => {
      const cur = this.current;
      if (!this.ready || !cur) return false;
      if (msn < cur.msn) return true;
      return part !== undefined && msn === cur.msn && cur.parts.length > part;
    }, signal);
  }

  /** A part; the hinted next part is waited for. */
  async getPart(id: number, signal?: AbortSignal): Promise<HlsPart> {
    const have = this.parts.get(id);
    if (have) return have;
    if (id !== this.nextPartId) throw new AppError('hls-part-not-found', 'No such part.');
    await this.waitUntil(() => this.parts.has(id), signal);
    return this.parts.get(id)!;
  }

  /** A complete segment; the one being built is waited for. */
  async getSegment(msn: number, signal?: AbortSignal): Promise<HlsSegment> {
    const find = () => this.complete.find((s) => s.msn === msn);
    const have = find();
    if (have) return have;
    if (msn !== this.current?.msn) throw new AppError('hls-segment-not-found', 'No such segment.');
    await this.waitUntil(() => find() !== undefined, signal);
    return find()!;
  }

  /** Resolves when `ready`; AppError 503 after `timeoutMs`. */
  waitReady(timeoutMs: number, signal?: AbortSignal): Promise<void> {
    return this.waitUntil(() => this.ready, signal, timeoutMs);
  }

  private waitUntil(ready: () => boolean, signal?: AbortSignal, timeoutMs?: number): Promise<void> {
    if (this.closed) return Promise.reject(new AppError('stream-stopped', 'The stream stopped.'));
    if (ready()) return Promise.resolve();
    if (signal?.aborted) return Promise.reject(abortError());
    const ms = timeoutMs ?? this.o.waitTimeoutMs ?? 3000 * this.targetDurationSec;
    return new Promise<void>((resolve, reject) => {
      const done = () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        this.waiters.delete(w);
      };
      const w: Waiter = {
        ready,
        resolve: () => (done(), resolve()),
        reject: (e) => (done(), reject(e)),
      };
      const onAbort = () => w.reject(abortError());
      const timer = setTimeout(
        () => w.reject(new AppError('hls-wait-timeout', 'The stream has no new media yet.')),
        ms,
      );
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiters.add(w);
    });
  }

  private startSegment(f: GatheredPart): HlsSegment {
    const seg: HlsSegment = {
      msn: this.nextMsn++,
      parts: [],
      durationSec: 0,
      bytes: 0,
      startDecodeSec: f.decodeTime,
    };
    this.current = seg;
    this.mediaInEpoch = true;
    return seg;
  }

  private finishSegment(seg: HlsSegment): void {
    this.complete.push(seg);
    this.targetDurationSec = Math.max(this.targetDurationSec, Math.ceil(seg.durationSec - 1e-3));
    while (this.complete.length > this.o.segmentsKept) {
      for (const p of this.complete.shift()!.parts) this.parts.delete(p.id);
    }
  }

  private dropMedia(): void {
    if (this.mediaInEpoch) this.discontinuitySequence++;
    this.mediaInEpoch = false;
    this.wallAtZeroMs = Infinity;
    this.current = null;
    this.complete.length = 0;
    this.parts.clear();
    this.gatherer.reset();
  }

  private changed(): void {
    this.version++;
    for (const w of [...this.waiters]) if (w.ready()) w.resolve();
  }
}
