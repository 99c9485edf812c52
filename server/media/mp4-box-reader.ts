// Incremental reader of top-level ISO-BMFF boxes from ffmpeg's fragmented-MP4 byte stream.
// Chunks may split anywhere (even inside a box header). Emits the init segment (ftyp+moov) once per stream,
// then one fragment per moof+mdat pair. mdat bytes are only sliced and copied once, into the fragment buffer.
import { Mp4StreamError, parseMoof, parseMoov, type TrackInfo } from './mp4-boxes.ts';

export { Mp4StreamError };

export interface InitSegment {
  /** ftyp + moov bytes */
  data: Buffer;
  track: TrackInfo;
}

export interface Fragment {
  /** moof + mdat bytes: one LL-HLS part */
  data: Buffer;
  /** the first sample is a sync sample (IDR): a segment may start here */
  keyframe: boolean;
  durationSec: number;
  /** base media decode time, in seconds */
  decodeTime: number;
  sampleCount: number;
  /** wall clock (ms since epoch) when the fragment's last byte arrived */
  arrivedAt: number;
}

export interface BoxReaderOptions {
  onInit: (init: InitSegment) => void;
  onFragment: (fragment: Fragment) => void;
  /** a box claiming more than this is refused (the stream is broken or hostile) */
  maxBoxBytes?: number;
  now?: () => number;
}

const DEFAULT_MAX_BOX_BYTES = 64 * 1024 * 1024;
/** boxes whose bytes we must parse; anything else between them is skipped */
const PARSED = new Set(['ftyp', 'moov', 'moof']);

export class Mp4BoxReader {
  private readonly chunks: Buffer[] = [];
  private queued = 0;
  private ftyp: Buffer | null = null;
  private track: TrackInfo | null = null;
  private moof: Buffer | null = null;
  private moofInfo: ReturnType<typeof parseMoof> = null;
  private nextDecodeTime = 0;
  private readonly maxBoxBytes: number;
  private readonly now: () => number;
  private failed: Error | null = null;

  constructor(private readonly o: BoxReaderOptions) {
    this.maxBoxBytes = o.maxBoxBytes ?? DEFAULT_MAX_BOX_BYTES;
    this.now = o.now ?? Date.now;
  }

  /** Feeds bytes; throws Mp4StreamError on a malformed or hostile stream (then every later push throws too). */
  push(chunk: Buffer): void {
    if (this.failed) throw this.failed;
    if (chunk.length === 0) return;
    this.chunks.push(chunk);
    this.queued += chunk.length;
    try {
      this.drain();
    } catch (e) {
      this.failed = e instanceof Error ? e : new Error(String(e));
      this.chunks.length = 0;
      this.queued = 0;
      throw this.failed;
    }
  }

  /** bytes held while waiting for the rest of a box */
  get bufferedBytes(): number {
    return this.queued;
  }

  private drain(): void {
    for (;;) {
      if (this.queued < 8) return;
      const head = this.peek(Math.min(16, this.queued));
      let size = head.readUInt32BE(0);
      const type = head.toString('latin1', 4, 8);
      let header = 8;
      if (!/^[\x20-\x7e]{4}$/.test(type)) throw new Mp4StreamError('not an MP4 box stream');
      if (size === 1) {
        if (head.length < 16) return;
        const large = head.readBigUInt64BE(8);
        if (large > BigInt(this.maxBoxBytes)) throw new Mp4StreamError(`box ${type} too large`);
        size = Number(large);
        header = 16;
      } else if (size === 0) {
        throw new Mp4StreamError(`box ${type} of unbounded size`);
      }
      if (size < header) throw new Mp4StreamError(`box ${type} has a bad size`);
      if (size > this.maxBoxBytes) throw new Mp4StreamError(`box ${type} too large`);
      if (this.queued < size) return;
      const slices = this.take(size);
      this.onBox(type, header, slices, size);
    }
  }

  private onBox(type: string, header: number, slices: Buffer[], size: number): void {
    if (type === 'mdat') {
      if (!this.moof || !this.track) return; // stray mdat: skip
      const info = this.moofInfo;
      const data = Buffer.concat([this.moof, ...slices], this.moof.length + size);
      this.moof = null;
      this.moofInfo = null;
      if (!info) return; // no video traf in this moof
      const ts = this.track.timescale;
      const decode = info.baseDecodeTime ?? this.nextDecodeTime;
      this.nextDecodeTime = decode + info.duration;
      this.o.onFragment({
        data,
        keyframe: info.keyframe,
        durationSec: info.duration / ts,
        decodeTime: decode / ts,
        sampleCount: info.sampleCount,
        arrivedAt: this.now(),
      });
      return;
    }
    if (!PARSED.has(type)) return;
    const box = slices.length === 1 ? slices[0]! : Buffer.concat(slices, size);
    if (type === 'ftyp') {
      this.ftyp = box;
    } else if (type === 'moov') {
      this.track = parseMoov(box, header, box.length);
      const data = this.ftyp ? Buffer.concat([this.ftyp, box]) : Buffer.from(box);
      this.nextDecodeTime = 0;
      this.o.onInit({ data, track: this.track });
    } else if (type === 'moof') {
      if (!this.track) throw new Mp4StreamError('moof before moov');
      this.moof = box;
      this.moofInfo = parseMoof(box, header, box.length, this.track);
    }
  }

  /** First `n` queued bytes (copied only when they span chunks). */
  private peek(n: number): Buffer {
    const first = this.chunks[0]!;
    if (first.length >= n) return first;
    const parts: Buffer[] = [];
    let got = 0;
    for (const c of this.chunks) {
      parts.push(c);
      got += c.length;
      if (got >= n) break;
    }
    return Buffer.concat(parts, got).subarray(0, n);
  }

  /** Removes and returns the first `n` queued bytes as views on the chunks (no copy). */
  private take(n: number): Buffer[] {
    const out: Buffer[] = [];
    let left = n;
    while (left > 0) {
      const c = this.chunks[0]!;
      if (c.length <= left) {
        out.push(c);
        this.chunks.shift();
        left -= c.length;
      } else {
        out.push(c.subarray(0, left));
        this.chunks[0] = c.subarray(left);
        left = 0;
      }
    }
    this.queued -= n;
    return out;
  }
}
