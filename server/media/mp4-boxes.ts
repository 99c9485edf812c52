// Parsers for the few small ISO-BMFF structural boxes we need (ISO/IEC 14496-12). Header fields only;
// sample data (mdat) is never read.

export class Mp4StreamError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'Mp4StreamError';
  }
}

export interface TrackInfo {
  trackId: number;
  timescale: number;
  /** sample entry fourcc, e.g. avc1, hvc1 */
  codec: string | null;
  /** coded size from the visual sample entry; null when unreadable */
  width: number | null;
  height: number | null;
  defaultSampleDuration: number;
  defaultSampleFlags: number;
  /** 'soun' for an audio-only init (the audio fMP4 of a session); absent = video */
  handler?: 'vide' | 'soun';
}

export interface MoofInfo {
  keyframe: boolean;
  /** in the track's timescale */
  duration: number;
  sampleCount: number;
  /** tfdt, in the track's timescale; null when absent */
  baseDecodeTime: number | null;
}

interface Child {
  type: string;
  start: number; // payload start
  end: number;
}

/** A sample that is not a sync sample (ISO/IEC 14496-12 §8.8.3.1, sample_is_non_sync_sample). */
export const NON_SYNC_SAMPLE = 0x00010000;

export function* children(buf: Buffer, start: number, end: number): Generator<Child> {
  let off = start;
  while (off + 8 <= end) {
    let size = buf.readUInt32BE(off);
    const type = buf.toString('latin1', off + 4, off + 8);
    let header = 8;
    if (size === 1) {
      if (off + 16 > end) throw new Mp4StreamError(`truncated largesize in ${type}`);
      size = Number(buf.readBigUInt64BE(off + 8));
      header = 16;
    } else if (size === 0) {
      size = end - off;
    }
    if (size < header || off + size > end) throw new Mp4StreamError(`bad size of box ${JSON.stringify(type)}`);
    yield { type, start: off + header, end: off + size };
    off += size;
  }
}

function find(buf: Buffer, start: number, end: number, type: string): Child | undefined {
  for (const c of children(buf, start, end)) if (c.type === type) return c;
  return undefined;
}

function need(c: Child, bytes: number): void {
  if (c.end - c.start < bytes) throw new Mp4StreamError(`${c.type} too short`);
}

/**
 * Reads the video track of a `moov` payload (the box's bytes after its header); an init without video (the audio
 * fMP4 of a session) gives its audio track, with `handler: 'soun'`.
 */
export function parseMoov(buf: Buffer, start: number, end: number): TrackInfo {
  return parseTrack(buf, start, end, 'vide') ?? parseTrack(buf, start, end, 'soun') ?? noTrack();
}

function noTrack(): never {
  throw new Mp4StreamError('no video track in moov');
}

function parseTrack(buf: Buffer, start: number, end: number, handler: 'vide' | 'soun'): TrackInfo | null {
  const trex = new Map<number, { duration: number; flags: number }>();
  const mvex = find(buf, start, end, 'mvex');
  if (mvex) {
    for (const c of children(buf, mvex.start, mvex.end)) {
      if (c.type !== 'trex') continue;
      need(c, 24);
      trex.set(buf.readUInt32BE(c.start + 4), {
        duration: buf.readUInt32BE(c.start + 12),
        flags: buf.readUInt32BE(c.start + 20),
      });
    }
  }
  for (const trak of children(buf, start, end)) {
    if (trak.type !== 'trak') continue;
    const mdia = find(buf, trak.start, trak.end, 'mdia');
    const hdlr = mdia && find(buf, mdia.start, mdia.end, 'hdlr');
    if (!mdia || !hdlr) continue;
    need(hdlr, 12);
    if (buf.toString('latin1', hdlr.start + 8, hdlr.start + 12) !== handler) continue;
    const tkhd = find(buf, trak.start, trak.end, 'tkhd');
    const mdhd = find(buf, mdia.start, mdia.end, 'mdhd');
    if (!tkhd || !mdhd) throw new Mp4StreamError('video trak without tkhd/mdhd');
    const tkV1 = buf[tkhd.start] === 1;
    need(tkhd, tkV1 ? 24 : 16);
    const trackId = buf.readUInt32BE(tkhd.start + (tkV1 ? 20 : 12));
    const mdV1 = buf[mdhd.start] === 1;
    need(mdhd, mdV1 ? 24 : 16);
    const timescale = buf.readUInt32BE(mdhd.start + (mdV1 ? 20 : 12));
    if (timescale === 0) throw new Mp4StreamError('video timescale is 0');
    const t = trex.get(trackId);
    const entry = sampleEntry(buf, mdia);
    if (handler === 'soun') {
      return { trackId, timescale, codec: entry.type, width: null, height: null,
        defaultSampleDuration: t?.duration ?? 0, defaultSampleFlags: t?.flags ?? 0, handler };
    }
    return {
      trackId,
      timescale,
      codec: entry.type,
      width: entry.width,
      height: entry.height,
      defaultSampleDuration: t?.duration ?? 0,
      defaultSampleFlags: t?.flags ?? 0,
    };
  }
  return null;
}

/** The first sample entry of `stsd`: its type and, for a VisualSampleEntry, width and height (§12.1.3). */
function sampleEntry(buf: Buffer, mdia: Child): { type: string | null; width: number | null; height: number | null } {
  const minf = find(buf, mdia.start, mdia.end, 'minf');
  const stbl = minf && find(buf, minf.start, minf.end, 'stbl');
  const stsd = stbl && find(buf, stbl.start, stbl.end, 'stsd');
  if (!stsd || stsd.end - stsd.start < 16) return { type: null, width: null, height: null };
  const type = buf.toString('latin1', stsd.start + 12, stsd.start + 16);
  // entry: size, type, 6 reserved, data_reference_index, 16 bytes pre_defined/reserved, then width, height
  const at = stsd.start + 8 + 8 + 24;
  if (at + 4 > stsd.end) return { type, width: null, height: null };
  return { type, width: buf.readUInt16BE(at) || null, height: buf.readUInt16BE(at + 2) || null };
}

/**
 * Rewrites, in place, the decode time (tfdt) of every traf of every top-level moof in `buf`: t → map(t). Only that
 * field is touched, never the media.
 */
export function mapDecodeTimes(buf: Buffer, map: (t: bigint) => bigint): void {
  for (const top of children(buf, 0, buf.length)) {
    if (top.type !== 'moof') continue;
    for (const traf of children(buf, top.start, top.end)) {
      if (traf.type !== 'traf') continue;
      for (const box of children(buf, traf.start, traf.end)) {
        if (box.type !== 'tfdt') continue;
        const v1 = buf[box.start] === 1;
        const t = map(v1 ? buf.readBigUInt64BE(box.start + 4) : BigInt(buf.readUInt32BE(box.start + 4)));
        if (v1) buf.writeBigUInt64BE(t, box.start + 4);
        else buf.writeUInt32BE(Number(t), box.start + 4);
      }
    }
  }
}

/** Reads the video `traf` of a `moof` payload: decode time, duration, sample count, first-sample sync flag. */
export function parseMoof(buf: Buffer, start: number, end: number, track: TrackInfo): MoofInfo | null {
  for (const traf of children(buf, start, end)) {
    if (traf.type !== 'traf') continue;
    const tfhd = find(buf, traf.start, traf.end, 'tfhd');
    if (!tfhd) throw new Mp4StreamError('traf without tfhd');
    need(tfhd, 8);
    const tfFlags = buf.readUInt32BE(tfhd.start) & 0xffffff;
    if (buf.readUInt32BE(tfhd.start + 4) !== track.trackId) continue;
    let p = tfhd.start + 8;
    if (tfFlags & 0x01) p += 8; // base_data_offset
    if (tfFlags & 0x02) p += 4; // sample_description_index
    let defDuration = track.defaultSampleDuration;
    let defFlags = track.defaultSampleFlags;
    if (tfFlags & 0x08) {
      if (p + 4 > tfhd.end) throw new Mp4StreamError('tfhd too short');
      defDuration = buf.readUInt32BE(p);
      p += 4;
    }
    if (tfFlags & 0x10) p += 4; // default_sample_size
    if (tfFlags & 0x20) {
      if (p + 4 > tfhd.end) throw new Mp4StreamError('tfhd too short');
      defFlags = buf.readUInt32BE(p);
    }

    let baseDecodeTime: number | null = null;
    let duration = 0;
    let sampleCount = 0;
    let firstFlags: number | null = null;
    for (const c of children(buf, traf.start, traf.end)) {
      if (c.type === 'tfdt') {
        const v1 = buf[c.start] === 1;
        need(c, v1 ? 12 : 8);
        baseDecodeTime = v1 ? Number(buf.readBigUInt64BE(c.start + 4)) : buf.readUInt32BE(c.start + 4);
      } else if (c.type === 'trun') {
        need(c, 8);
        const f = buf.readUInt32BE(c.start) & 0xffffff;
        const count = buf.readUInt32BE(c.start + 4);
        let q = c.start + 8;
        if (f & 0x01) q += 4; // data_offset
        let firstSampleFlags: number | null = null;
        if (f & 0x04) {
          need(c, q - c.start + 4);
          firstSampleFlags = buf.readUInt32BE(q);
          q += 4;
        }
        const stride = 4 * ((f & 0x100 ? 1 : 0) + (f & 0x200 ? 1 : 0) + (f & 0x400 ? 1 : 0) + (f & 0x800 ? 1 : 0));
        if (q + stride * count > c.end) throw new Mp4StreamError('trun too short');
        for (let i = 0; i < count; i++, q += stride) {
          let r = q;
          if (f & 0x100) {
            duration += buf.readUInt32BE(r);
            r += 4;
          } else {
            duration += defDuration;
          }
          if (f & 0x200) r += 4;
          if (i === 0 && sampleCount === 0 && firstFlags === null) {
            firstFlags = firstSampleFlags ?? (f & 0x400 ? buf.readUInt32BE(r) : defFlags);
          }
        }
        sampleCount += count;
      }
    }
    return {
      keyframe: firstFlags !== null && (firstFlags & NON_SYNC_SAMPLE) === 0,
      duration,
      sampleCount,
      baseDecodeTime,
    };
  }
  return null;
}
