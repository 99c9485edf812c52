// Incident → clip ready, for a 30 s clip (pre-roll 15 s + post-roll 15 s) out of 60 s segment files of 720p H.264:
// our cut (whole GOPs chosen by byte range, then one ffmpeg stream-copy remux) against the two obvious ways, in
// the same run: ffmpeg seeking in the segment files with -ss/-t by stream copy, and a frame-exact re-encode.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { CamerasRepo } from '../server/db/cameras-repo.ts';
import { migrate, openDatabase } from '../server/db/database.ts';
import { IncidentsRepo } from '../server/db/incidents-repo.ts';
import { RecordingsRepo } from '../server/db/recordings-repo.ts';
import { UsersRepo } from '../server/db/users-repo.ts';
import { ClipService } from '../server/incidents/clip-service.ts';
import { Mp4BoxReader } from '../server/media/mp4-box-reader.ts';
import { SegmentWriter } from '../server/recording/segment-writer.ts';
import type { BenchContext } from './lib/context.ts';
import { fixed, percentile, table } from './lib/stats.ts';

const RUNS = 5;

function probe(file: string): number {
  return Number(execFileSync('ffprobe', ['-v', 'error', '-show_entries', 'format=duration', '-of', 'csv=p=0', file]).toString());
}

function timed(fn: () => void): number {
  const t = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - t) / 1e6;
}

export async function runClip(ctx: BenchContext): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-clip-'));
  try {
    ctx.log('making 120 s of 1280x720 25 fps H.264 (GOP 1 s) and recording it into 60 s segment files …');
    const fmp4 = execFileSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-f', 'lavfi', '-i', 'testsrc2=size=1280x720:rate=25',
      '-t', '120', '-c:v', 'libx264', '-preset', 'ultrafast', '-g', '25', '-b:v', '2M', '-pix_fmt', 'yuv420p', '-f', 'mp4',
      '-movflags', 'frag_keyframe+empty_moov+default_base_moof', '-frag_duration', '200000', 'pipe:1'], { maxBuffer: 1 << 30 });
    const db = openDatabase(path.join(dir, 'hub.sqlite'));
    migrate(db);
    const recordings = new RecordingsRepo(db);
    const rec = path.join(dir, 'rec');
    const t0 = Date.parse('2026-11-22T03:00:00Z');
    let clock = t0;
    const writer = new SegmentWriter('cam-1', 'main', recordings, { dir: rec, segmentMs: 60_000, onWriteError: (e) => { throw e; } });
    const reader = new Mp4BoxReader({
      onInit: (i) => writer.onInit(i),
      onFragment: (f) => { clock += f.durationSec * 1000; writer.onFragment({ ...f, arrivedAt: Math.round(clock) }); },
    });
    reader.push(fmp4);
    await writer.closeFile();
    const files = recordings.all().sort((a, b) => a.startAt - b.startAt);
    ctx.log(`  ${files.length} segment files, ${fixed(fmp4.length / 1e6, 1)} MB`);

    const users = new UsersRepo(db);
    const uid = users.insert({ username: 'b', displayName: 'B', role: 'operator', passwordHash: 'x' });
    new CamerasRepo(db);
    const incidents = new IncidentsRepo(db);
    incidents.seedCategories([{ id: 'theft', vi: 'Trộm cắp', en: 'Theft' }]);
    const ffmpegPath = execFileSync('sh', ['-c', 'command -v ffmpeg']).toString().trim();
    const clips = new ClipService(incidents, recordings, { ffmpegPath, recordingsDir: rec, evidenceDir: path.join(dir, 'ev'), settleMs: 0 },
      pino({ level: 'silent' }));
    // the incident straddles the two segment files: 60 s ± 15 s
    const occurredAt = new Date(files[0]!.startAt + 60_000).toISOString();
    const ours: number[] = [];
    let oursDuration = 0;
    for (let k = 0; k < RUNS; k++) {
      const id = incidents.insert({ title: 'b', categoryId: 'theft', status: 'new', occurredAt, preRollSec: 15, postRollSec: 15,
        assigneeId: null, createdBy: uid }, [{ id: 'cam-1', name: 'Cam 1' }]);
      const t = process.hrtime.bigint();
      await clips.cut({ incidentId: id, cameraId: 'cam-1', occurredAt, preRollSec: 15, postRollSec: 15 });
      ours.push(Number(process.hrtime.bigint() - t) / 1e6);
      oursDuration = probe(clips.clipPath(id, 'cam-1'));
    }

    const list = path.join(dir, 'list.txt');
    fs.writeFileSync(list, files.map((f) => `file '${path.join(rec, f.path)}'`).join('\n') + '\n');
    const start = (Date.parse(occurredAt) - 15_000 - files[0]!.startAt) / 1000;
    const copyOut = path.join(dir, 'peer-copy.mp4');
    const copy = Array.from({ length: RUNS }, () => timed(() => execFileSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y',
      '-f', 'concat', '-safe', '0', '-i', list, '-ss', String(start), '-t', '30', '-c', 'copy', '-movflags', '+faststart', copyOut])));
    const encOut = path.join(dir, 'peer-encode.mp4');
    const enc = Array.from({ length: 2 }, () => timed(() => execFileSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y',
      '-f', 'concat', '-safe', '0', '-i', list, '-ss', String(start), '-t', '30', '-c:v', 'libx264', '-preset', 'veryfast',
      '-movflags', '+faststart', encOut])));
    const p50 = (x: number[]) => percentile(x, 50);
    ctx.log(table([
      ['way', 'p50 s', 'max s', 'clip duration s', 'ours/this (p50)'],
      ['ours: GOP byte ranges + remux, hashed', fixed(p50(ours) / 1000), fixed(Math.max(...ours) / 1000), fixed(oursDuration), '1.00'],
      ['ffmpeg -ss/-t stream copy on the files', fixed(p50(copy) / 1000), fixed(Math.max(...copy) / 1000), fixed(probe(copyOut)), fixed(p50(ours) / p50(copy), 3)],
      ['ffmpeg re-encode (frame exact)', fixed(p50(enc) / 1000), fixed(Math.max(...enc) / 1000), fixed(probe(encOut)), fixed(p50(ours) / p50(enc), 3)],
    ]));
    ctx.log('target: clip ready ≤ 1 s after the post-roll for a 30 s clip (ours includes SHA-256 and indexing)');
    db.close();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
