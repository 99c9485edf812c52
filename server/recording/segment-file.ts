// Reading our own segment files: fragmented MP4 with ftyp+moov first, then moof+mdat pairs.
// Only box headers and moof boxes are read (by offset), never the media.
import fs from 'node:fs';
import { parseMoof, parseMoov, type TrackInfo } from '../media/mp4-boxes.ts';

export interface SegmentGop {
  /** byte offset of the first moof of the group (starts with a keyframe) */
  offset: number;
  length: number;
  durationSec: number;
  /** decode time of its first fragment (tfdt), seconds on the run's media timeline; null when absent */
  decodeSec: number | null;
}

export interface SegmentScan {
  initBytes: number;
  /** bytes up to the end of the last complete moof+mdat pair */
  validBytes: number;
  durationSec: number;
  fragments: number;
  /** keyframe-to-keyframe groups: the units of VOD playlists */
  gops: SegmentGop[];
}

function readAt(fd: number, offset: number, length: number): Buffer {
  const buf = Buffer.alloc(length);
  const n = fs.readSync(fd, buf, 0, length, offset);
  return buf.subarray(0, n);
}

/** Scans a segment file; a torn tail (a crash mid-write) is simply not counted. */
export function scanSegmentFile(file: string): SegmentScan {
  const fd = fs.openSync(file, 'r');
  try {
    const size = fs.fstatSync(fd).size;
    let pos = 0;
    let track: TrackInfo | null = null;
    let initBytes = 0;
    let validBytes = 0;
    let fragments = 0;
    let durationUnits = 0;
    let pendingMoof: { offset: number; duration: number; keyframe: boolean; decode: number | null } | null = null;
    const gops: SegmentGop[] = [];
    while (pos + 8 <= size) {
      const head = readAt(fd, pos, 16);
      let boxSize = head.readUInt32BE(0);
      const type = head.toString('latin1', 4, 8);
      if (boxSize === 1 && head.length >= 16) boxSize = Number(head.readBigUInt64BE(8));
      if (boxSize < 8 || pos + boxSize > size) break;
      if (type === 'moov') {
        const box = readAt(fd, pos, boxSize);
        track = parseMoov(box, 8, box.length);
        initBytes = pos + boxSize;
        validBytes = initBytes;
      } else if (type === 'moof' && track) {
        const box = readAt(fd, pos, boxSize);
        const info = parseMoof(box, 8, box.length, track);
        pendingMoof = info ? { offset: pos, duration: info.duration, keyframe: info.keyframe, decode: info.baseDecodeTime } : null;
      } else if (type === 'mdat' && pendingMoof && track) {
        const end = pos + boxSize;
        const dur = pendingMoof.duration / track.timescale;
        const last = gops.at(-1);
        if (pendingMoof.keyframe || !last) {
          const decodeSec = pendingMoof.decode === null ? null : pendingMoof.decode / track.timescale;
          gops.push({ offset: pendingMoof.offset, length: end - pendingMoof.offset, durationSec: dur, decodeSec });
        }
        else {
          last.length = end - last.offset;
          last.durationSec += dur;
        }
        durationUnits += pendingMoof.duration;
        fragments++;
        validBytes = end;
        pendingMoof = null;
      }
      pos += boxSize;
    }
    return {
      initBytes, validBytes, fragments, gops,
      durationSec: track ? durationUnits / track.timescale : 0,
    };
  } finally {
    fs.closeSync(fd);
  }
}
