import fs from 'node:fs';
import path from 'node:path';
import type { Logger } from 'pino';
import type { RecordingRow, RecordingsRepo } from '../db/recordings-repo.ts';
import { scanSegmentFile } from './segment-file.ts';

export interface RepairResult {
  /** incomplete files cut back to their last whole fragment and indexed as complete */
  fixed: number;
  /** rows or files removed (no whole fragment, or the file vanished) */
  removed: number;
  /** segment files found on disk without an index row */
  adopted: number;
}

const FILE_NAME = /^\d{6}-(\d{13})-(main|sub|audio)\.mp4$/;

/** Brings one incomplete row and its file into agreement. Returns false when both were removed. */
export function repairRow(repo: RecordingsRepo, dir: string, row: RecordingRow): boolean {
  const abs = path.join(dir, row.path);
  if (!fs.existsSync(abs)) {
    repo.delete(row.id);
    return false;
  }
  let scan: ReturnType<typeof scanSegmentFile>;
  try {
    scan = scanSegmentFile(abs);
  } catch {
    // unreadable (permissions, a folder in its place): the row goes, the file stays for a person to look at
    repo.delete(row.id);
    return false;
  }
  if (scan.fragments === 0) {
    fs.rmSync(abs, { force: true });
    repo.delete(row.id);
    return false;
  }
  if (fs.statSync(abs).size > scan.validBytes) fs.truncateSync(abs, scan.validBytes);
  repo.progress(row.id, row.startAt + Math.round(scan.durationSec * 1000), scan.validBytes, true);
  return true;
}

/**
 * After a crash (or kill -9): every file the index says was being written is cut to its last whole fragment
 * and closed, or removed when nothing usable is in it; rows whose file vanished go; segment files that never
 * made it into the index are indexed (or removed). Afterwards index and disk agree.
 */
export function repairRecordings(repo: RecordingsRepo, dir: string, logger: Logger): RepairResult {
  const result: RepairResult = { fixed: 0, removed: 0, adopted: 0 };
  for (const row of repo.incomplete()) {
    if (repairRow(repo, dir, row)) result.fixed++;
    else result.removed++;
  }
  // complete rows whose file is gone (deleted by hand, a disk replaced): a clip or playlist must not meet them
  for (const row of repo.all()) {
    if (row.complete && !fs.existsSync(path.join(dir, row.path))) {
      repo.delete(row.id);
      result.removed++;
    }
  }
  if (!fs.existsSync(dir)) return result;
  for (const cameraId of fs.readdirSync(dir)) {
    const camDir = path.join(dir, cameraId);
    if (!/^[\w-]{1,64}$/.test(cameraId) || !fs.statSync(camDir).isDirectory()) continue;
    // orphans come from the last moments before a crash: only the two newest day folders are walked
    const days = fs.readdirSync(camDir).filter((d) => /^\d{4}-\d{2}-\d{2}$/.test(d)).sort().slice(-2);
    for (const day of days) {
      const dayDir = path.join(camDir, day);
      if (!fs.statSync(dayDir).isDirectory()) continue;
      for (const name of fs.readdirSync(dayDir)) {
        const m = FILE_NAME.exec(name);
        const rel = path.join(cameraId, day, name);
        if (!m || repo.byPath(rel)) continue;
        let scan: ReturnType<typeof scanSegmentFile>;
        try {
          scan = scanSegmentFile(path.join(dir, rel));
        } catch {
          continue; // unreadable: not adopted
        }
        if (scan.fragments === 0) {
          fs.rmSync(path.join(dir, rel), { force: true });
          result.removed++;
          continue;
        }
        const startAt = Number(m[1]);
        const id = repo.open({ cameraId, stream: m[2]!, startAt, initBytes: scan.initBytes, path: rel });
        fs.truncateSync(path.join(dir, rel), scan.validBytes);
        repo.progress(id, startAt + Math.round(scan.durationSec * 1000), scan.validBytes, true);
        result.adopted++;
      }
    }
  }
  if (result.fixed + result.removed + result.adopted > 0) logger.info(result, 'recordings repaired after an unclean stop');
  return result;
}
