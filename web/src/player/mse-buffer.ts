// The media side of the push player: one MediaSource (or ManagedMediaSource where only that exists: iOS 17.1+)
// on a <video>, one SourceBuffer for the stream's codec, and a queue of appends applied one at a time.
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

type Op =
  | { kind: 'init'; data: Uint8Array }
  | { kind: 'frag'; data: Uint8Array; decodeSec: number | null; wallMs: number; key: boolean }
  | { kind: 'remove'; from: number; to: number };

/** more appends than this waiting (a throttled tab): drop to the newest keyframe */
const MAX_QUEUE = 90;
/** at most this many queued frames in one append */
const MAX_BATCH = 30;

type FragOp = Extract<Op, { kind: 'frag' }>;

function concat(frags: FragOp[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(frags.reduce((n, f) => n + f.data.byteLength, 0));
  let at = 0;
  for (const f of frags) {
    out.set(f.data, at);
    at += f.data.byteLength;
  }
  return out;
}

export interface MseBuffer {
  /** a fresh MediaSource on the video for this codec (the old one and its buffers are dropped) */
  open(codec: string): void;
  /** detach and free everything */
  close(): void;
  appendInit(data: Uint8Array): void;
  appendFragment(data: Uint8Array, wallMs: number, keyframe: boolean): void;
  ranges(): Range[];
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

  const ranges = (): Range[] => {
    const out: Range[] = [];
    try {
      const b = sb?.buffered;
      if (b) for (let i = 0; i < b.length; i++) out.push([b.start(i), b.end(i)]);
    } catch {
      // the SourceBuffer was removed from its MediaSource
    }
    return out;
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
    } catch {
      fail();
      return;
    }
    sb.mode = 'segments';
    sb.addEventListener('updateend', onUpdateEnd);
    sb.addEventListener('error', fail);
    pump();
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
        sb.appendBuffer(applyingFrags.length === 1 ? op.data as Uint8Array<ArrayBuffer> : concat(applyingFrags));
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
    close,
    open(nextCodec) {
      close();
      failed = false;
      if (!mse) return;
      codec = nextCodec;
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
    appendFragment(data, wallMs, key) {
      const dt = fragmentDecodeTime(data);
      enqueue({ kind: 'frag', data, decodeSec: dt === null ? null : dt / timescale, wallMs, key });
    },
  };
}
