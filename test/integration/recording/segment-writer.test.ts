// Real fMP4 from ffmpeg → box reader → segment writer → files on disk + SQLite index; then a torn file and an
// orphan, as a kill -9 leaves them, repaired; every file decoded by ffprobe.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { beforeAll, describe, expect, it } from 'vitest';
import { migrate, openDatabase } from '../../../server/db/database.ts';
import { RecordingsRepo } from '../../../server/db/recordings-repo.ts';
import { Mp4BoxReader } from '../../../server/media/mp4-box-reader.ts';
import { repairRecordings } from '../../../server/recording/repair.ts';
import { scanSegmentFile } from '../../../server/recording/segment-file.ts';
import { SegmentWriter } from '../../../server/recording/segment-writer.ts';

let fmp4: Buffer;
const T0 = Date.parse('2026-11-22T03:00:00Z'); // 10:00 in Hà Nội

function decodedFrames(file: string): number {
  const out = execFileSync('ffprobe', ['-v', 'error', '-count_frames', '-select_streams', 'v:0',
    '-show_entries', 'stream=nb_read_frames', '-of', 'csv=p=0', file]).toString().trim();
  return Number(out);
}

beforeAll(() => {
  fmp4 = execFileSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-f', 'lavfi', '-i', 'testsrc2=size=320x180:rate=25',
    '-t', '12', '-c:v', 'libx264', '-preset', 'ultrafast', '-g', '25', '-pix_fmt', 'yuv420p', '-f', 'mp4',
    '-movflags', 'frag_keyframe+empty_moov+default_base_moof', '-frag_duration', '200000', 'pipe:1'], { maxBuffer: 64 << 20 });
});

async function record(dir: string, repo: RecordingsRepo) {
  let clock = T0;
  const writer = new SegmentWriter('cam-1', 'main', repo, { dir, segmentMs: 5000, onWriteError: (e) => { throw e; } });
  const reader = new Mp4BoxReader({
    onInit: (i) => writer.onInit(i),
    onFragment: (f) => {
      clock += f.durationSec * 1000;
      writer.onFragment({ ...f, arrivedAt: Math.round(clock) });
    },
    now: () => clock,
  });
  for (let i = 0; i < fmp4.length; i += 7001) reader.push(fmp4.subarray(i, i + 7001));
  await writer.closeFile();
}

describe('SegmentWriter', () => {
  it('cuts segment files at keyframes, each playable alone, indexed with times and sizes', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rec-'));
    const db = openDatabase(path.join(dir, 'hub.sqlite'));
    migrate(db);
    const repo = new RecordingsRepo(db);
    await record(path.join(dir, 'rec'), repo);
    const rows = repo.all().sort((a, b) => a.startAt - b.startAt);
    expect(rows.length).toBe(3); // 12 s in 5 s segments cut at 1 s GOPs: 5 + 5 + 2
    expect(rows.map((r) => r.path)).toEqual([
      'cam-1/2026-11-22/100000-1763780400000-main.mp4'.replace('1763780400000', String(rows[0]!.startAt)),
      expect.stringMatching(/^cam-1\/2026-11-22\/1000\d\d-\d{13}-main\.mp4$/),
      expect.stringMatching(/^cam-1\/2026-11-22\/1000\d\d-\d{13}-main\.mp4$/),
    ]);
    let frames = 0;
    for (const r of rows) {
      const file = path.join(dir, 'rec', r.path);
      expect(r.complete).toBe(true);
      expect(fs.statSync(file).size).toBe(r.bytes);
      const scan = scanSegmentFile(file);
      expect(scan.validBytes).toBe(r.bytes);
      expect(scan.initBytes).toBe(r.initBytes);
      expect(Math.abs(r.endAt - r.startAt - scan.durationSec * 1000)).toBeLessThan(300);
      expect(scan.gops[0]!.offset).toBe(r.initBytes);
      frames += decodedFrames(file);
    }
    expect(frames).toBe(300);
  });

  it('repairs a torn file and adopts an orphan so that index and disk agree', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rec-'));
    const rec = path.join(dir, 'rec');
    const db = openDatabase(path.join(dir, 'hub.sqlite'));
    migrate(db);
    const repo = new RecordingsRepo(db);
    await record(rec, repo);
    const [first, second, third] = repo.all().sort((a, b) => a.startAt - b.startAt);
    // torn: the hub died while writing `second` (row still incomplete, half a fragment at the end)
    const f2 = path.join(rec, second!.path);
    fs.appendFileSync(f2, fmp4.subarray(second!.initBytes, second!.initBytes + 3000));
    db.prepare('UPDATE recordings SET complete = 0, bytes = 0, end_at = start_at WHERE id = ?').run(second!.id);
    // orphan: `third` was written but its row never reached the index
    db.prepare('DELETE FROM recordings WHERE id = ?').run(third!.id);
    // an empty file with only the init segment: nothing to keep
    const emptyRel = 'cam-1/2026-11-22/101500-1763781300000-main.mp4';
    fs.writeFileSync(path.join(rec, emptyRel), fs.readFileSync(path.join(rec, first!.path)).subarray(0, first!.initBytes));
    // a row whose file is gone
    repo.open({ cameraId: 'cam-1', stream: 'main', startAt: T0 - 60_000, initBytes: 10, path: 'cam-1/2026-11-22/095900-0-main.mp4' });

    const res = repairRecordings(repo, rec, pino({ level: 'silent' }));
    expect(res).toEqual({ fixed: 1, removed: 2, adopted: 1 });
    const rows = repo.all();
    expect(rows.length).toBe(3);
    for (const r of rows) {
      const file = path.join(rec, r.path);
      expect(r.complete).toBe(true);
      expect(fs.statSync(file).size).toBe(r.bytes);
      expect(decodedFrames(file)).toBeGreaterThan(0);
    }
    expect(fs.existsSync(path.join(rec, emptyRel))).toBe(false);
    expect(repo.byPath(second!.path)!.endAt - second!.startAt).toBeGreaterThan(4000);
    expect(repairRecordings(repo, rec, pino({ level: 'silent' }))).toEqual({ fixed: 0, removed: 0, adopted: 0 });
  });
});
