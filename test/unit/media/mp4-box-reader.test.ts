import { execFileSync } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import { Mp4BoxReader, Mp4StreamError, type Fragment, type InitSegment } from '../../../server/media/mp4-box-reader.ts';
import { parseMoof } from '../../../server/media/mp4-boxes.ts';

/** fMP4 exactly as the hub asks ffmpeg for it: 25 fps, keyframe every 25 frames, 200 ms fragments, to a pipe. */
function makeFmp4(seconds: number, extra: string[] = []): Buffer {
  return execFileSync('/usr/bin/ffmpeg', [
    '-hide_banner', '-loglevel', 'error', '-f', 'lavfi', '-i', 'testsrc=size=160x90:rate=25', '-t', String(seconds),
    '-c:v', 'libx264', '-preset', 'ultrafast', '-g', '25', '-pix_fmt', 'yuv420p', ...extra,
    '-f', 'mp4', '-movflags', 'frag_keyframe+empty_moov+default_base_moof', '-frag_duration', '200000', 'pipe:1',
  ], { maxBuffer: 64 << 20 });
}

/** independent top-level walk: [type, start, size] */
function topLevel(buf: Buffer): [string, number, number][] {
  const out: [string, number, number][] = [];
  for (let o = 0; o < buf.length; ) {
    const size = buf.readUInt32BE(o);
    out.push([buf.toString('latin1', o + 4, o + 8), o, size]);
    o += size;
  }
  return out;
}

function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function feed(bytes: Buffer, chunkSizes: () => number) {
  const inits: InitSegment[] = [];
  const frags: Fragment[] = [];
  const r = new Mp4BoxReader({ onInit: (i) => inits.push(i), onFragment: (f) => frags.push(f), now: () => 1234 });
  for (let o = 0; o < bytes.length; ) {
    const n = Math.max(1, Math.min(bytes.length - o, chunkSizes()));
    r.push(bytes.subarray(o, o + n));
    o += n;
  }
  return { inits, frags, reader: r };
}

let file: Buffer;
beforeAll(() => {
  file = makeFmp4(3);
});

describe('Mp4BoxReader on real ffmpeg output', () => {
  it.each([
    ['whole file', () => 1 << 30],
    ['1-byte chunks', () => 1],
    ['random 1..20 bytes (splits headers)', (() => { const r = seeded(1); return () => 1 + Math.floor(r() * 20); })()],
    ['random 1..5000 bytes', (() => { const r = seeded(7); return () => 1 + Math.floor(r() * 5000); })()],
    ['random 1..64 KiB', (() => { const r = seeded(42); return () => 1 + Math.floor(r() * 65536); })()],
  ])('%s: one init, fragments = moof+mdat pairs, keyframes at GOP starts', (_name, sizes) => {
    const { inits, frags, reader } = feed(file, sizes);
    const boxes = topLevel(file);
    expect(inits).toHaveLength(1);
    const init = inits[0]!;
    const [ftyp, moov] = [boxes[0]!, boxes[1]!];
    expect(ftyp[0]).toBe('ftyp');
    expect(moov[0]).toBe('moov');
    expect(init.data.equals(file.subarray(0, ftyp[2] + moov[2]))).toBe(true);
    expect(init.track.timescale).toBeGreaterThan(0);
    expect(init.track.codec).toBe('avc1');

    const pairs = boxes.filter((b) => b[0] === 'moof');
    expect(frags).toHaveLength(pairs.length);
    frags.forEach((f, i) => {
      const moof = pairs[i]!;
      const mdat = boxes[boxes.indexOf(moof) + 1]!;
      expect(mdat[0]).toBe('mdat');
      expect(f.data.equals(file.subarray(moof[1], mdat[1] + mdat[2]))).toBe(true);
      expect(f.arrivedAt).toBe(1234);
    });
    // 3 s at 25 fps
    expect(frags.reduce((n, f) => n + f.sampleCount, 0)).toBe(75);
    expect(frags.reduce((d, f) => d + f.durationSec, 0)).toBeCloseTo(3, 6);
    // decode times are contiguous
    for (let i = 1; i < frags.length; i++) {
      expect(frags[i]!.decodeTime).toBeCloseTo(frags[i - 1]!.decodeTime + frags[i - 1]!.durationSec, 6);
    }
    // -g 25: IDR at 0 s, 1 s, 2 s, and only there
    expect(frags.filter((f) => f.keyframe).map((f) => Number(f.decodeTime.toFixed(3)))).toEqual([0, 1, 2]);
    // parts are ~200 ms (frag_duration), never longer
    for (const f of frags) expect(f.durationSec).toBeLessThanOrEqual(0.2 + 1e-9);
    expect(reader.bufferedBytes).toBe(0);
  });

  it('reads 64-bit largesize boxes', () => {
    // rewrite every mdat with a 16-byte header (size = 1, then a 64-bit size)
    const parts: Buffer[] = [];
    for (const [type, start, size] of topLevel(file)) {
      if (type !== 'mdat') {
        parts.push(file.subarray(start, start + size));
        continue;
      }
      const h = Buffer.alloc(16);
      h.writeUInt32BE(1, 0);
      h.write('mdat', 4, 'latin1');
      h.writeBigUInt64BE(BigInt(size + 8), 8);
      parts.push(h, file.subarray(start + 8, start + size));
    }
    const r = seeded(3);
    const { frags } = feed(Buffer.concat(parts), () => 1 + Math.floor(r() * 30));
    expect(frags).toHaveLength(topLevel(file).filter((b) => b[0] === 'moof').length);
    expect(frags.filter((f) => f.keyframe)).toHaveLength(3);
  });
});

describe('Mp4BoxReader refuses broken or hostile streams', () => {
  const box = (type: string, size: number, extra = Buffer.alloc(0)) => {
    const h = Buffer.alloc(8);
    h.writeUInt32BE(size, 0);
    h.write(type, 4, 'latin1');
    return Buffer.concat([h, extra]);
  };
  const reader = (maxBoxBytes?: number) => new Mp4BoxReader({ onInit: () => {}, onFragment: () => {}, maxBoxBytes });

  it('refuses an absurd 32-bit size before buffering it', () => {
    const r = reader();
    expect(() => r.push(box('mdat', 0xfffffff0))).toThrow(Mp4StreamError);
    expect(r.bufferedBytes).toBe(0);
    // stays failed
    expect(() => r.push(Buffer.alloc(8))).toThrow(Mp4StreamError);
  });

  it('refuses an absurd 64-bit largesize', () => {
    const h = Buffer.alloc(16);
    h.writeUInt32BE(1, 0);
    h.write('mdat', 4, 'latin1');
    h.writeBigUInt64BE(1n << 40n, 8);
    expect(() => reader().push(h)).toThrow(/too large/);
  });

  it.each([
    ['size 0 (to end of file)', box('mdat', 0)],
    ['size below the header', box('free', 4)],
    ['garbage', Buffer.from('GET / HTTP/1.1\r\nHost: x\r\n\r\n')],
  ])('refuses %s', (_n, bytes) => {
    expect(() => reader().push(bytes)).toThrow(Mp4StreamError);
  });

  it('honours maxBoxBytes', () => {
    expect(() => reader(1000).push(box('mdat', 1001))).toThrow(/too large/);
  });

  it('refuses a moof before any moov', () => {
    expect(() => reader().push(box('moof', 8))).toThrow(/before moov/);
  });

  it('skips unknown boxes and stray mdat', () => {
    const frags: Fragment[] = [];
    const r = new Mp4BoxReader({ onInit: () => {}, onFragment: (f) => frags.push(f) });
    r.push(Buffer.concat([box('free', 12, Buffer.alloc(4)), box('mdat', 10, Buffer.alloc(2))]));
    expect(frags).toHaveLength(0);
    expect(r.bufferedBytes).toBe(0);
  });
});

describe('parseMoof flag variants', () => {
  const track = { trackId: 1, timescale: 90000, codec: 'avc1', width: null, height: null, defaultSampleDuration: 3000, defaultSampleFlags: 0x01010000 };
  const full = (type: string, version: number, flags: number, body: number[]) => {
    const b = Buffer.alloc(12 + body.length * 4);
    b.writeUInt32BE(b.length, 0);
    b.write(type, 4, 'latin1');
    b.writeUInt32BE(((version << 24) | flags) >>> 0, 8);
    body.forEach((v, i) => b.writeUInt32BE(v >>> 0, 12 + i * 4));
    return b;
  };
  const container = (type: string, kids: Buffer[]) => {
    const h = Buffer.alloc(8);
    h.writeUInt32BE(8 + kids.reduce((n, k) => n + k.length, 0), 0);
    h.write(type, 4, 'latin1');
    return Buffer.concat([h, ...kids]);
  };
  const moof = (tfhd: Buffer, trun: Buffer, tfdt?: Buffer) =>
    container('moof', [full('mfhd', 0, 0, [1]), container('traf', [tfhd, ...(tfdt ? [tfdt] : []), trun])]);
  const parse = (m: Buffer) => parseMoof(m, 8, m.length, track);

  it('per-sample durations and flags (sync first sample), tfdt v0', () => {
    // trun flags: duration 0x100 + flags 0x400; samples: (3000, sync), (3600, non-sync)
    const m = moof(full('tfhd', 0, 0, [1]), full('trun', 0, 0x500, [2, 3000, 0x02000000, 3600, 0x01010000]), full('tfdt', 0, 0, [90000]));
    expect(parse(m)).toEqual({ keyframe: true, duration: 6600, sampleCount: 2, baseDecodeTime: 90000 });
  });

  it('trex defaults: non-sync, default durations, no tfdt', () => {
    const m = moof(full('tfhd', 0, 0, [1]), full('trun', 0, 0, [3]));
    expect(parse(m)).toEqual({ keyframe: false, duration: 9000, sampleCount: 3, baseDecodeTime: null });
  });

  it('tfhd default duration and flags override trex; first_sample_flags overrides them; 64-bit tfdt', () => {
    const tfhd = full('tfhd', 0, 0x28, [1, 1500, 0x01010000]);
    const trun = full('trun', 0, 0x04, [4, 0x02000000]);
    const tfdt = full('tfdt', 1, 0, [1, 0]); // 2^32
    expect(parse(moof(tfhd, trun, tfdt))).toEqual({ keyframe: true, duration: 6000, sampleCount: 4, baseDecodeTime: 2 ** 32 });
    expect(parse(moof(full('tfhd', 0, 0x20, [1, 0x02000000]), full('trun', 0, 0, [1])))!.keyframe).toBe(true);
  });

  it('ignores other tracks', () => {
    expect(parse(moof(full('tfhd', 0, 0, [2]), full('trun', 0, 0, [1])))).toBeNull();
  });

  it('refuses a trun claiming more samples than it holds', () => {
    expect(() => parse(moof(full('tfhd', 0, 0, [1]), full('trun', 0, 0x100, [1000, 1, 2])))).toThrow(Mp4StreamError);
  });
});
