// A full disk, for real: segment files opened on /dev/full, where every write fails with ENOSPC from the kernel.
// The recorder must purge the oldest unheld footage at once, raise a storage alert, and keep the process alive.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import type { StreamName } from '../../../server/contracts.ts';
import { migrate, openDatabase } from '../../../server/db/database.ts';
import { RecordingsRepo } from '../../../server/db/recordings-repo.ts';
import { Mp4BoxReader } from '../../../server/media/mp4-box-reader.ts';
import { Recorder, type FragmentSource, type StorageAlert } from '../../../server/recording/recorder.ts';
import { Retention } from '../../../server/recording/retention.ts';
import type { FragmentSink } from '../../../server/recording/segment-writer.ts';

describe('Recorder on a full disk', () => {
  it('purges the oldest footage, alerts, and does not crash', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'full-'));
    const db = openDatabase(path.join(dir, 'hub.sqlite'));
    migrate(db);
    const repo = new RecordingsRepo(db);
    // two old segments to purge
    for (const k of [0, 1]) {
      const rel = `cam-old/2026-01-0${k + 1}/000000-${k}-main.mp4`;
      fs.mkdirSync(path.join(dir, path.dirname(rel)), { recursive: true });
      fs.writeFileSync(path.join(dir, rel), Buffer.alloc(2000));
      const id = repo.open({ cameraId: 'cam-old', stream: 'main', startAt: Date.parse(`2026-01-0${k + 1}T00:00:00Z`), initBytes: 10, path: rel });
      repo.progress(id, Date.parse(`2026-01-0${k + 1}T00:01:00Z`), 2000, true);
    }
    const fmp4 = execFileSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-f', 'lavfi', '-i', 'testsrc2=size=160x90:rate=25',
      '-t', '3', '-c:v', 'libx264', '-preset', 'ultrafast', '-g', '25', '-pix_fmt', 'yuv420p', '-f', 'mp4',
      '-movflags', 'frag_keyframe+empty_moov+default_base_moof', '-frag_duration', '200000', 'pipe:1']);
    let sink: FragmentSink | undefined;
    const source: FragmentSource = {
      acquire(_id: string, _s: StreamName, _c: string, s: FragmentSink) {
        sink = s;
        return () => (sink = undefined);
      },
    };
    const retention = new Retention(repo, { dir, retentionDays: () => 3650, maxTotalBytes: 0, minFreeBytes: 0 }, pino({ level: 'silent' }));
    const recorder = new Recorder(source, repo, retention, {
      dir, segmentMs: 60_000, openFile: () => fs.createWriteStream('/dev/full'),
    }, pino({ level: 'silent' }));
    const alerts: StorageAlert[] = [];
    recorder.on('storage-alert', (a) => alerts.push(a));
    recorder.apply([{ cameraId: 'cam-1', stream: 'main' }]);
    const reader = new Mp4BoxReader({ onInit: (i) => sink!.onInit(i), onFragment: (f) => sink!.onFragment(f) });
    reader.push(fmp4);
    for (let i = 0; i < 50 && alerts.length === 0; i++) await new Promise((r) => setTimeout(r, 20));

    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ code: 'disk-full', cameraId: 'cam-1', freedBytes: 2000 });
    expect(alerts[0]!.message).toMatch(/full/);
    expect(repo.all().map((r) => r.path)).toEqual(['cam-old/2026-01-02/000000-1-main.mp4']);
    expect(fs.existsSync(path.join(dir, 'cam-old/2026-01-01/000000-0-main.mp4'))).toBe(false);
    expect(recorder.recording()).toEqual([{ cameraId: 'cam-1', stream: 'main' }]);
    await recorder.close();
  });
});
