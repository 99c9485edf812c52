// Recorded audio in playback: hls.js's light build (the web app's) has no alternate audio renditions, so a VOD
// segment of a camera with audio is muxed here, from the bytes of the two recorded files, never decoded or
// re-encoded: one init with both tracks (the video's moov, plus the audio's trak as track 2 and its trex), and per
// GOP the video GOP's fragments followed by the audio fragments of the same media time (their tfhd says track 2).
// The video bytes are the recorded ones; only the audio's track numbers are rewritten.
import fs from 'node:fs';
import type { RecordingRow, RecordingsRepo } from '../db/recordings-repo.ts';
import { children, Mp4StreamError } from '../media/mp4-boxes.ts';
import type { SegmentScan } from './segment-file.ts';

const AUDIO_TRACK = 2;

function box(type: string, ...payload: Buffer[]): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(8 + payload.reduce((n, p) => n + p.length, 0), 0);
  head.write(type, 4, 'latin1');
  return Buffer.concat([head, ...payload]);
}

/** top-level boxes of `buf` as [type, whole box bytes] */
function boxes(buf: Buffer, start = 0, end = buf.length): [string, Buffer][] {
  return [...children(buf, start, end)].map((c) => [c.type, buf.subarray(c.start - 8, c.end)]);
}

function payload(b: Buffer): Buffer {
  return b.subarray(8);
}

/** a copy of a full box whose track_ID sits `at` bytes into its payload (after version/flags when counted) */
function withTrackId(b: Buffer, at: number): Buffer {
  const copy = Buffer.from(b);
  copy.writeUInt32BE(AUDIO_TRACK, 8 + at);
  return copy;
}

function only(list: [string, Buffer][], type: string): Buffer {
  const found = list.find(([t]) => t === type);
  if (!found) throw new Mp4StreamError(`no ${type}`);
  return found[1];
}

/** ftyp+moov of both files → one init with the video as recorded and the audio as track 2 */
export function muxInit(videoInit: Buffer, audioInit: Buffer): Buffer {
  const top = boxes(videoInit);
  const moov = boxes(only(top, 'moov'), 8);
  const aMoov = boxes(only(boxes(audioInit), 'moov'), 8);
  const aTrak = boxes(only(aMoov, 'trak'), 8).map(([t, b]) => (t === 'tkhd' ? withTrackId(b, b[8] === 1 ? 20 : 12) : b));
  const aTrex = boxes(only(aMoov, 'mvex'), 8).filter(([t]) => t === 'trex').map(([, b]) => withTrackId(b, 4));
  const mvhd = Buffer.from(only(moov, 'mvhd'));
  mvhd.writeUInt32BE(AUDIO_TRACK + 1, mvhd.length - 4); // next_track_ID
  const out: Buffer[] = [mvhd];
  for (const [t, b] of moov) {
    if (t === 'mvhd') continue;
    if (t === 'mvex') out.push(box('trak', ...aTrak), box('mvex', payload(b), ...aTrex));
    else out.push(b);
  }
  return Buffer.concat([only(top, 'ftyp'), box('moov', ...out)]);
}

/** moof+mdat pairs with every traf's tfhd set to the audio's track number (a copy) */
function asAudioTrack(frags: Buffer): Buffer {
  const copy = Buffer.from(frags);
  for (const top of children(copy, 0, copy.length)) {
    if (top.type !== 'moof') continue;
    for (const traf of children(copy, top.start, top.end)) {
      if (traf.type !== 'traf') continue;
      for (const b of children(copy, traf.start, traf.end)) if (b.type === 'tfhd') copy.writeUInt32BE(AUDIO_TRACK, b.start + 4);
    }
  }
  return copy;
}

function read(file: string, offset: number, length: number): Buffer {
  const fd = fs.openSync(file, 'r');
  try {
    const buf = Buffer.alloc(length);
    const n = fs.readSync(fd, buf, 0, length, offset);
    return buf.subarray(0, n);
  } finally {
    fs.closeSync(fd);
  }
}

export interface MuxSource {
  file: string;
  scan: SegmentScan;
}

export function muxedInit(video: MuxSource, audio: MuxSource): Buffer {
  return muxInit(read(video.file, 0, video.scan.initBytes), read(audio.file, 0, audio.scan.initBytes));
}

/** GOP `index` of the video file, with the audio fragments whose media time falls in it (the last GOP takes the rest) */
export function muxedSegment(video: MuxSource, audio: MuxSource, index: number): Buffer | null {
  const gops = video.scan.gops;
  const g = gops[index];
  if (!g) return null;
  const parts = [read(video.file, g.offset, g.length)];
  if (g.decodeSec !== null) {
    const from = index === 0 ? -Infinity : g.decodeSec;
    const to = index === gops.length - 1 ? Infinity : g.decodeSec + g.durationSec;
    const picked = audio.scan.gops.filter((a) => a.decodeSec !== null && a.decodeSec >= from && a.decodeSec < to);
    if (picked.length > 0) {
      const first = picked[0]!;
      const last = picked.at(-1)!;
      parts.push(asAudioTrack(read(audio.file, first.offset, last.offset + last.length - first.offset)));
    }
  }
  return Buffer.concat(parts);
}

/** The audio file recorded beside a video file (cut with it): the audio row overlapping it most, if any. */
export function pairedAudio(repo: RecordingsRepo, video: RecordingRow): RecordingRow | undefined {
  let best: RecordingRow | undefined;
  let bestOverlap = 0;
  for (const a of repo.overlapping(video.cameraId, video.startAt, Math.max(video.endAt, video.startAt + 1), 'audio')) {
    const overlap = Math.min(a.endAt, video.endAt) - Math.max(a.startAt, video.startAt);
    if (overlap > bestOverlap) {
      best = a;
      bestOverlap = overlap;
    }
  }
  return best;
}
