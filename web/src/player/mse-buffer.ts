// The media side of the push player: one MediaSource (or ManagedMediaSource where only that exists: iOS 17.1+)
// on a <video>, one SourceBuffer for the stream's codec, and a queue of appends applied one at a time. With the
// camera's audio (the focused view), a second SourceBuffer for it, added with the video's before any append (Chromium
// accepts no SourceBuffer after the first init segment), fed by its own queue; the play head is then steered within
// the time both have (a play head past the audio's end would stall).
// Media more than a few seconds behind the play head is removed; a log keeps each appended frame's hub arrival
// time and whether it is a keyframe (live-edge.ts's FrameLog). Any SourceBuffer failure (append refused, quota,
// decode error) is reported once through onFailure; the owner then starts again with a fresh MediaSource.
import { fragmentDecodeTime, videoTimescale } from './fmp4.ts';
import { FrameLog, trimSpan, type Range } from './live-edge.ts';

type MediaSourceCtor = typeof MediaSource;

/** MediaSource, or ManagedMediaSource where only that exists (iOS 17.1+); null: no MSE at all. */
export function mediaSourceClass(): { ctor: MediaSourceCtor; managed: boolean } | null {
  const g = globalThis as { MediaSource?: MediaSourceCtor; ManagedMediaSource?: MediaSourceCtor };
  if (g.MediaSource) return { ctor: g.MediaSource, managed: false };
  if (g.ManagedMediaSource) return { ctor: g.ManagedMediaSource, managed: true };
  return null;
}

export function mimeOf(codec: string): string {
  return `video/mp4; codecs="${codec}"`;
}

export function audioMimeOf(codec: string): string {
  return `audio/mp4; codecs="${codec}"`;
}

/** the parts of `a` also in `b` (both sorted, disjoint) */
function intersect(a: Range[], b: Range[]): Range[] {
  const out: Range[] = [];
  for (const [s1, e1] of a) {
    for (const [s2, e2] of b) {
      const s = Math.max(s1, s2);
      const e = Math.min(e1, e2);
      if (e > s) out.push([s, e]);
    }
  }
  return out;
}

type AudioOp = { kind: 'data'; data: Uint8Array } | { kind: 'remove'; from: number; to: number };

type Op =
  | { kind: 'init'; data: Uint8Array }
  | { kind: 'frag'; data: Uint8Array; decodeSec: number | null; wallMs: number; key: boolean }
  | { kind: 'remove'; from: number; to: number };

/** more appends than this waiting (a throttled tab): drop to the newest keyframe */
const MAX_QUEUE = 90;
/** at most this many queued frames in one append */
const MAX_BATCH = 30;

type FragOp = Extract<Op, { kind: 'frag' }>;

function concat(parts: Uint8Array[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.byteLength;
  }
  return out;
}

export interface MseBuffer {
  /** a fresh MediaSource on the video for this codec, and `audioCodec` (the old one and its buffers are dropped) */
  open(codec: string, audioCodec?: string | null): void;
  /** detach and free everything */
  close(): void;
  appendInit(data: Uint8Array): void;
  appendFragment(data: Uint8Array, wallMs: number, keyframe: boolean): void;
  /** the audio init segment, then its fragments (only after open() with an audio codec) */
  appendAudio(data: Uint8Array): void;
  /** the buffered ranges of the video (intersected with the audio's when there is audio) */
  ranges(): Range[];
  /** the audio's buffered ranges ([] without audio) */
  audioRanges(): Range[];
  readonly log: FrameLog;
}

export interface MseBufferOptions {
  video: HTMLVideoElement;
  /** a fragment was appended; `have` are the buffered ranges after it */
  onAppended(have: Range[]): void;
  onFailure(): void;
}

export function createMseBuffer(opts: MseBufferOptions): MseBuffer {
  const { video } = opts;
  const mse = mediaSourceClass();
  const log = new FrameLog();
  let ms: MediaSource | null = null;
  let objectUrl: string | null = null;
  let sb: SourceBuffer | null = null;
  let codec: string | null = null;
  let timescale = 90_000;
  /** presentation time − decode time (s), measured on the first fragment of a MediaSource (edit lists) */
  let offset: number | null = null;
  let queue: Op[] = [];
  let applying: Op | null = null;
  /** the fragments of the append in progress (several when frames queued up while the last one was applied) */
  let applyingFrags: FragOp[] = [];
  let failed = false;
  let audioCodec: string | null = null;
  let asb: SourceBuffer | null = null;
  let audioQueue: AudioOp[] = [];

  const rangesOf = (buf: SourceBuffer | null): Range[] => {
    const out: Range[] = [];
    try {
      const b = buf?.buffered;
      if (b) for (let i = 0; i < b.length; i++) out.push([b.start(i), b.end(i)]);
    } catch {
      // the SourceBuffer was removed from its MediaSource
    }
    return out;
  };
  const audioRanges = () => rangesOf(asb);
  const ranges = (): Range[] => (asb ? intersect(rangesOf(sb), audioRanges()) : rangesOf(sb));

  const pumpAudio = () => {
    if (!asb || asb.updating || !ms || ms.readyState !== 'open' || audioQueue.length === 0) return;
    try {
      const op = audioQueue.shift()!;
      if (op.kind === 'remove') asb.remove(op.from, op.to);
      else {
        // what queued up goes in as one append
        const parts = [op.data];
        while (audioQueue[0]?.kind === 'data') parts.push((audioQueue.shift() as { data: Uint8Array }).data);
        asb.appendBuffer(parts.length === 1 ? parts[0] as Uint8Array<ArrayBuffer> : concat(parts));
      }
    } catch {
      fail();
    }
  };

  const fail = () => {
    if (failed) return;
    failed = true;
    opts.onFailure();
  };

  const close = () => {
    if (sb) {
      sb.removeEventListener('updateend', onUpdateEnd);
      sb.removeEventListener('error', fail);
    }
    if (asb) {
      asb.removeEventListener('updateend', pumpAudio);
      asb.removeEventListener('error', fail);
    }
    asb = null;
    audioCodec = null;
    audioQueue = [];
    ms?.removeEventListener('sourceopen', ensureBuffer);
    sb = null;
    ms = null;
    codec = null;
    queue = [];
    applying = null;
    applyingFrags = [];
    offset = null;
    log.clear();
    video.removeAttribute('src');
    video.load(); // detach the old MediaSource and free its buffers
    if (objectUrl) URL.revokeObjectURL(objectUrl);
    objectUrl = null;
  };

  const ensureBuffer = () => {
    if (sb || !ms || ms.readyState !== 'open' || !codec) return;
    try {
      sb = ms.addSourceBuffer(mimeOf(codec));
      if (audioCodec) asb = ms.addSourceBuffer(audioMimeOf(audioCodec));
    } catch {
      fail();
      return;
    }
    sb.mode = 'segments';
    sb.addEventListener('updateend', onUpdateEnd);
    sb.addEventListener('error', fail);
    if (asb) {
      asb.mode = 'segments';
      asb.addEventListener('updateend', pumpAudio);
      asb.addEventListener('error', fail);
    }
    pump();
    pumpAudio();
  };

  const pump = () => {
    if (!sb || sb.updating || applying || !ms || ms.readyState !== 'open') return;
    const op = queue.shift();
    if (!op) return;
    applying = op;
    applyingFrags = [];
    try {
      if (op.kind === 'remove') sb.remove(op.from, op.to);
      else if (op.kind === 'init') sb.appendBuffer(op.data as Uint8Array<ArrayBuffer>);
      else {
        // frames that arrived while the last append ran go in together: one append (and one updateend) for all,
        // which is what keeps a 36-tile wall's main thread free when the tab falls a little behind
        applyingFrags = [op];
        while (queue[0]?.kind === 'frag' && applyingFrags.length < MAX_BATCH) applyingFrags.push(queue.shift() as FragOp);
        sb.appendBuffer(applyingFrags.length === 1 ? op.data as Uint8Array<ArrayBuffer> : concat(applyingFrags.map((f) => f.data)));
      }
    } catch {
      applying = null;
      fail(); // QuotaExceededError, InvalidStateError
    }
  };

  const onUpdateEnd = () => {
    const op = applying;
    applying = null;
    if (op?.kind === 'frag') {
      const have = ranges();
      for (const f of applyingFrags) {
        if (f.decodeSec === null) continue;
        const last = have[have.length - 1];
        if (offset === null && last) offset = last[0] - f.decodeSec;
        log.add(f.decodeSec + (offset ?? 0), f.wallMs, f.key);
      }
      applyingFrags = [];
      opts.onAppended(have);
      const span = trimSpan(video.currentTime, have);
      if (span && !queue.some((q) => q.kind === 'remove')) {
        queue.unshift({ kind: 'remove', from: span[0], to: span[1] });
        log.dropBefore(span[1]);
        if (asb && !audioQueue.some((q) => q.kind === 'remove')) {
          audioQueue.push({ kind: 'remove', from: span[0], to: span[1] });
          pumpAudio();
        }
      }
    }
    pump();
  };

  const enqueue = (op: Op) => {
    queue.push(op);
    if (queue.length > MAX_QUEUE) {
      // keep a pending init and the newest keyframe onwards
      let k = -1;
      for (let i = queue.length - 1; i >= 0 && k < 0; i--) {
        const q = queue[i]!;
        if (q.kind === 'frag' && q.key) k = i;
      }
      if (k > 0) queue = [...queue.slice(0, k).filter((q) => q.kind === 'init'), ...queue.slice(k)];
    }
    pump();
  };

  return {
    log,
    ranges,
    audioRanges,
    close,
    open(nextCodec, nextAudio) {
      close();
      failed = false;
      if (!mse) return;
      codec = nextCodec;
      audioCodec = nextAudio ?? null;
      const source = new mse.ctor();
      ms = source;
      source.addEventListener('sourceopen', ensureBuffer);
      if (mse.managed) video.disableRemotePlayback = true; // ManagedMediaSource needs it (no AirPlay of MSE)
      objectUrl = URL.createObjectURL(source);
      video.src = objectUrl;
    },
    appendInit(data) {
      timescale = videoTimescale(data) ?? timescale;
      enqueue({ kind: 'init', data });
    },
    appendAudio(data) {
      if (!audioCodec) return;
      audioQueue.push({ kind: 'data', data });
      pumpAudio();
    },
    appendFragment(data, wallMs, key) {
      const dt = fragmentDecodeTime(data);
      enqueue({ kind: 'frag', data, decodeSec: dt === null ? null : dt / timescale, wallMs, key });
    },
  };
}
