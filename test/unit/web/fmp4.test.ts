// The push player's tiny fMP4 reader, on real fragmented MP4 from ffmpeg (the flags the hub's camera sessions use)
// and on hand-made boxes for the 64-bit and broken cases.
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { fragmentDecodeTime, videoTimescale } from '../../../web/src/player/fmp4.ts';

function topBoxes(buf: Uint8Array): { type: string; bytes: Uint8Array }[] {
  const v = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const out: { type: string; bytes: Uint8Array }[] = [];
  for (let off = 0; off + 8 <= buf.byteLength; ) {
    const size = v.getUint32(off);
    out.push({ type: String.fromCharCode(...buf.subarray(off + 4, off + 8)), bytes: buf.subarray(off, off + size) });
    off += size;
  }
  return out;
}

function box(type: string, ...payload: Uint8Array[]): Uint8Array {
  const len = 8 + payload.reduce((n, p) => n + p.byteLength, 0);
  const out = new Uint8Array(len);
  new DataView(out.buffer).setUint32(0, len);
  out.set([...type].map((c) => c.charCodeAt(0)), 4);
  let off = 8;
  for (const p of payload) {
    out.set(p, off);
    off += p.byteLength;
  }
  return out;
}

describe('fMP4 reader', () => {
  it('reads the video timescale and each fragment decode time of ffmpeg fMP4 output', () => {
    // 2 s of 15 fps video, 1 s GOP, one fragment per frame
    const mp4 = execFileSync('ffmpeg', [
      '-hide_banner', '-loglevel', 'error', '-f', 'lavfi', '-i', 'testsrc2=size=160x90:rate=15:duration=2',
      '-c:v', 'libx264', '-g', '15', '-bf', '0', '-video_track_timescale', '90000',
      '-f', 'mp4', '-movflags', 'frag_keyframe+empty_moov+default_base_moof', '-frag_duration', '1', 'pipe:1',
    ]);
    const boxes = topBoxes(new Uint8Array(mp4.buffer, mp4.byteOffset, mp4.byteLength));
    const moov = boxes.find((b) => b.type === 'moov');
    expect(moov).toBeDefined();
    const init = new Uint8Array([...(boxes.find((b) => b.type === 'ftyp')?.bytes ?? []), ...moov!.bytes]);
    expect(videoTimescale(init)).toBe(90000);
    const times = boxes.filter((b) => b.type === 'moof').map((b) => fragmentDecodeTime(b.bytes));
    expect(times.length).toBe(30);
    expect(times[0]).toBe(0);
    // one frame per fragment: 90000 / 15 = 6000 per step
    expect(times.map((t, i) => (t ?? -1) - i * 6000).every((d) => d === 0)).toBe(true);
  });

  it('reads a version-1 (64-bit) tfdt and a version-1 mdhd', () => {
    const tfdt = new Uint8Array(12);
    const tv = new DataView(tfdt.buffer);
    tv.setUint8(0, 1);
    tv.setBigUint64(4, 2n ** 40n + 5n);
    const frag = box('moof', box('mfhd', new Uint8Array(8)), box('traf', box('tfhd', new Uint8Array(8)), box('tfdt', tfdt)));
    expect(fragmentDecodeTime(frag)).toBe(2 ** 40 + 5);

    const mdhd = new Uint8Array(32);
    const mv = new DataView(mdhd.buffer);
    mv.setUint8(0, 1);
    mv.setUint32(20, 15360);
    const hdlr = new Uint8Array(24);
    hdlr.set([...'vide'].map((c) => c.charCodeAt(0)), 8);
    const init = box('moov', box('trak', box('mdia', box('mdhd', mdhd), box('hdlr', hdlr))));
    expect(videoTimescale(init)).toBe(15360);
  });

  it('answers null for what it cannot read, without throwing', () => {
    expect(videoTimescale(new Uint8Array(0))).toBeNull();
    expect(fragmentDecodeTime(new Uint8Array([0, 0, 0, 99, 0x6d, 0x6f, 0x6f, 0x66]))).toBeNull(); // size past the end
    expect(fragmentDecodeTime(box('moof', box('traf', box('tfhd', new Uint8Array(8)))))).toBeNull(); // no tfdt
    const soundOnly = new Uint8Array(24);
    soundOnly.set([...'soun'].map((c) => c.charCodeAt(0)), 8);
    expect(videoTimescale(box('moov', box('trak', box('mdia', box('mdhd', new Uint8Array(24)), box('hdlr', soundOnly)))))).toBeNull();
  });
});
