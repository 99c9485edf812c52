// Issue 8.1, the recording index and its files: a row never exists before its file, and crash repair drops rows
// whose file is gone. Real SQLite (migrations applied), real files; the fragments are placeholder bytes because
// only their order and sizes matter here (the segment-writer test covers real fMP4 from ffmpeg).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { migrate, openDatabase } from '../../../server/db/database.ts';
import { RecordingsRepo } from '../../../server/db/recordings-repo.ts';
import type { Fragment, InitSegment } from '../../../server/media/mp4-box-reader.ts';
import { repairRecordings } from '../../../server/recording/repair.ts';
import { SegmentWriter } from '../../../server/recording/segment-writer.ts';

function setup() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rec-index-'));
  const db = openDatabase(path.join(dir, 'hub.sqlite'));
  migrate(db);
  return { dir: path.join(dir, 'rec'), repo: new RecordingsRepo(db) };
}

const init = { data: Buffer.from('init-segment'), track: {} } as unknown as InitSegment;
const fragment = (arrivedAt: number, keyframe = true) =>
  ({ data: Buffer.alloc(100, 1), keyframe, durationSec: 1, decodeTime: 0, sampleCount: 25, arrivedAt }) as unknown as Fragment;

describe('SegmentWriter', () => {
  it('has the file on disk before its row is in the index', async () => {
    const { dir, repo } = setup();
    const errors: Error[] = [];
    const w = new SegmentWriter('cam-1', 'main', repo, { dir, segmentMs: 60_000, onWriteError: (e) => errors.push(e) });
    w.onInit(init);
    w.onFragment(fragment(Date.now()));
    // synchronously, as a clip cut at this moment would see them
    const rows = repo.all();
    expect(rows).toHaveLength(1);
    expect(fs.existsSync(path.join(dir, rows[0]!.path))).toBe(true);
    await w.closeFile();
    expect(errors).toEqual([]);
  });

  it('reports a file that cannot be created as a write error, with no row left behind', () => {
    const { dir, repo } = setup();
    fs.writeFileSync(dir, 'a file where the recordings folder should be');
    const errors: NodeJS.ErrnoException[] = [];
    const w = new SegmentWriter('cam-1', 'main', repo, { dir, segmentMs: 60_000, onWriteError: (e) => errors.push(e) });
    w.onInit(init);
    w.onFragment(fragment(Date.now()));
    expect(errors.map((e) => e.code)).toEqual(['ENOTDIR']);
    expect(repo.all()).toEqual([]);
  });
});

describe('repairRecordings', () => {
  it('drops complete rows whose file is gone, keeps the others', async () => {
    const { dir, repo } = setup();
    const w = new SegmentWriter('cam-1', 'main', repo, { dir, segmentMs: 2000, onWriteError: (e) => { throw e; } });
    w.onInit(init);
    const t0 = Date.parse('2026-11-25T03:00:00Z');
    for (let k = 0; k < 7; k++) w.onFragment(fragment(t0 + k * 1000));
    await w.closeFile();
    const rows = repo.all();
    expect(rows.length).toBeGreaterThanOrEqual(3);
    expect(rows.every((r) => r.complete)).toBe(true);
    fs.rmSync(path.join(dir, rows[1]!.path));
    const result = repairRecordings(repo, dir, pino({ level: 'silent' }));
    expect(result.removed).toBe(1);
    expect(repo.all().map((r) => r.id)).toEqual(rows.filter((_, i) => i !== 1).map((r) => r.id));
  });
});
