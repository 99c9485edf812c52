// The camera's audio files (AAC fMP4 from real ffmpeg, as a session writes them on fd 3) follow the recording rules of
// the video's: written by the same SegmentWriter (stream 'audio'), cut back to their last whole fragment and closed
// after a crash, adopted when the index never heard of them, and read by the segment scanner (one group per AAC
// frame, with its decode time) that clips and VOD use.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { migrate, openDatabase } from '../../../server/db/database.ts';
import { AUDIO_STREAM, RecordingsRepo } from '../../../server/db/recordings-repo.ts';
import { Mp4BoxReader } from '../../../server/media/mp4-box-reader.ts';
import { repairRecordings } from '../../../server/recording/repair.ts';
import { scanSegmentFile } from '../../../server/recording/segment-file.ts';
import { SegmentWriter } from '../../../server/recording/segment-writer.ts';

const T0 = Date.parse('2026-11-22T03:00:00Z');

const probe = (file: string) => execFileSync('ffprobe', ['-v', 'error', '-select_streams', 'a:0', '-count_packets',
  '-show_entries', 'stream=codec_name,sample_rate,nb_read_packets', '-of', 'csv=p=0', file]).toString().trim();

describe('audio segment files', () => {
  it('are written, scanned, repaired after a crash and adopted like the video files', async () => {
    // 4 s of a G.711-rate tone as AAC, one fragment per AAC frame (what SessionAudio receives)
    const aac = execFileSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=8000',
      '-t', '4', '-c:a', 'aac', '-b:a', '48k', '-f', 'mp4', '-movflags', 'frag_every_frame+empty_moov+default_base_moof', 'pipe:1']);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rec-audio-'));
    const db = openDatabase(path.join(dir, 'hub.sqlite'));
    migrate(db);
    const repo = new RecordingsRepo(db);
    const rec = path.join(dir, 'rec');
    const writer = new SegmentWriter('cam-1', AUDIO_STREAM, repo, { dir: rec, segmentMs: Infinity, onWriteError: (e) => { throw e; } });
    let clock = T0;
    const reader = new Mp4BoxReader({
      onInit: (i) => writer.onInit(i),
      onFragment: (f) => {
        clock += f.durationSec * 1000;
        writer.onFragment({ ...f, arrivedAt: Math.round(clock) });
      },
      now: () => clock,
    });
    reader.push(aac);
    // the hub dies here: the file is open, its row incomplete; a torn fragment at its end
    const [row] = repo.incomplete();
    expect(row).toMatchObject({ cameraId: 'cam-1', stream: 'audio', complete: false });
    expect(row!.path).toMatch(/^cam-1\/2026-11-22\/100000-\d{13}-audio\.mp4$/);
    const file = path.join(rec, row!.path);
    // the writes reach the disk asynchronously: wait until the file holds them all (what a kill -9 would leave):
    // init + every fragment, i.e. what ffmpeg wrote but its closing mfra box
    const mfra = aac.readUInt32BE(aac.length - 4); // the last field of mfro (the file's last box): mfra's size
    for (let i = 0; i < 100 && fs.statSync(file).size < aac.length - mfra; i++) await new Promise((r) => setTimeout(r, 50));
    const whole = fs.statSync(file).size;
    expect(whole).toBe(aac.length - mfra);
    fs.appendFileSync(file, aac.subarray(aac.length - 300, aac.length - 100));
    // and an audio file the index never heard of
    const orphanRel = path.join('cam-1', '2026-11-22', `100010-${T0 + 10_000}-audio.mp4`);
    fs.copyFileSync(file, path.join(rec, orphanRel));

    const result = repairRecordings(repo, rec, pino({ level: 'silent' }));
    expect(result).toEqual({ fixed: 1, removed: 0, adopted: 1 });
    expect(fs.statSync(file).size).toBe(whole);
    const rows = repo.all();
    expect(rows.map((r) => [r.stream, r.complete])).toEqual([['audio', true], ['audio', true]]);
    const scan = scanSegmentFile(file);
    // one group per AAC frame of 1024 samples at 8 kHz, each with its decode time
    expect(scan.gops.length).toBe(scan.fragments);
    expect(scan.gops[1]!.decodeSec! - scan.gops[0]!.decodeSec!).toBeCloseTo(0.128, 3);
    expect(scan.durationSec).toBeGreaterThan(3.5);
    expect(rows[0]!.endAt - rows[0]!.startAt).toBe(Math.round(scan.durationSec * 1000));
    for (const f of [file, path.join(rec, orphanRel)]) expect(probe(f)).toBe(`aac,8000,${scan.fragments}`);
    // the timeline, VOD and clips' video do not see audio rows; clips' audio does
    expect(repo.spans('cam-1', T0 - 1000, T0 + 60_000)).toEqual([]);
    expect(repo.overlapping('cam-1', T0 - 1000, T0 + 60_000)).toEqual([]);
    expect(repo.overlapping('cam-1', T0 - 1000, T0 + 60_000, 'audio').length).toBe(2);
  });
});
