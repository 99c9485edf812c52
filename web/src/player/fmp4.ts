// Just enough ISO-BMFF reading for the push player (ISO/IEC 14496-12): the video timescale from an init
// segment (moov/trak/mdia/mdhd of the `vide` track) and the decode time of a fragment (moof/traf/tfdt).
// Pure; never reads sample data. Returns null on anything it cannot read, never throws.

interface Box {
  type: string;
  start: number; // payload start
  end: number;
}

function* boxes(v: DataView, start: number, end: number): Generator<Box> {
  let off = start;
  while (off + 8 <= end) {
    let size = v.getUint32(off);
    const type = String.fromCharCode(v.getUint8(off + 4), v.getUint8(off + 5), v.getUint8(off + 6), v.getUint8(off + 7));
    let header = 8;
    if (size === 1) {
      if (off + 16 > end) return;
      size = Number(v.getBigUint64(off + 8));
      header = 16;
    } else if (size === 0) {
      size = end - off;
    }
    if (size < header || off + size > end) return;
    yield { type, start: off + header, end: off + size };
    off += size;
  }
}

function child(v: DataView, parent: Box, type: string): Box | undefined {
  for (const b of boxes(v, parent.start, parent.end)) if (b.type === type) return b;
  return undefined;
}

function top(v: DataView, type: string): Box | undefined {
  for (const b of boxes(v, 0, v.byteLength)) if (b.type === type) return b;
  return undefined;
}

function view(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** The timescale (units per second) of the video track of an init segment (ftyp+moov); null if absent. */
export function videoTimescale(init: Uint8Array): number | null {
  const v = view(init);
  const moov = top(v, 'moov');
  if (!moov) return null;
  for (const trak of boxes(v, moov.start, moov.end)) {
    if (trak.type !== 'trak') continue;
    const mdia = child(v, trak, 'mdia');
    const hdlr = mdia && child(v, mdia, 'hdlr');
    const mdhd = mdia && child(v, mdia, 'mdhd');
    if (!hdlr || !mdhd || hdlr.end - hdlr.start < 12) continue;
    const handler = String.fromCharCode(...new Uint8Array(v.buffer, v.byteOffset + hdlr.start + 8, 4));
    if (handler !== 'vide') continue;
    const v1 = v.getUint8(mdhd.start) === 1;
    if (mdhd.end - mdhd.start < (v1 ? 24 : 16)) return null;
    const scale = v.getUint32(mdhd.start + (v1 ? 20 : 12));
    return scale > 0 ? scale : null;
  }
  return null;
}

/** The base media decode time (tfdt) of a fragment's first track run, in the track's timescale; null if absent. */
export function fragmentDecodeTime(fragment: Uint8Array): number | null {
  const v = view(fragment);
  const moof = top(v, 'moof');
  if (!moof) return null;
  for (const traf of boxes(v, moof.start, moof.end)) {
    if (traf.type !== 'traf') continue;
    const tfdt = child(v, traf, 'tfdt');
    if (!tfdt) continue;
    const v1 = v.getUint8(tfdt.start) === 1;
    if (tfdt.end - tfdt.start < (v1 ? 12 : 8)) return null;
    return v1 ? Number(v.getBigUint64(tfdt.start + 4)) : v.getUint32(tfdt.start + 4);
  }
  return null;
}
