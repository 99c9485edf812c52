import type { Db } from './database.ts';

export interface CameraRow {
  id: string;
  name: string;
  sourceKind: 'rtsp' | 'demo';
  mainUrl: string | null;
  mainPasswordEnc: string | null;
  subUrl: string | null;
  subPasswordEnc: string | null;
  demoPattern: string | null;
  isDemo: boolean;
  recordingMode: 'off' | 'continuous' | null;
  recordingStream: 'main' | 'sub' | null;
  retentionDays: number | null;
  createdAt: string;
  updatedAt: string;
}

const COLUMNS = `id, name, source_kind AS sourceKind, main_url AS mainUrl, main_password_enc AS mainPasswordEnc,
  sub_url AS subUrl, sub_password_enc AS subPasswordEnc, demo_pattern AS demoPattern, is_demo AS isDemo,
  recording_mode AS recordingMode, recording_stream AS recordingStream, retention_days AS retentionDays, created_at AS createdAt, updated_at AS updatedAt`;

type Writable = Omit<CameraRow, 'createdAt' | 'updatedAt' | 'recordingMode' | 'recordingStream' | 'retentionDays'>;

export class CamerasRepo {
  constructor(private readonly db: Db) {}

  list(): CameraRow[] {
    return this.db.prepare(`SELECT ${COLUMNS} FROM cameras ORDER BY is_demo, name, id`).all().map(fix);
  }

  get(id: string): CameraRow | undefined {
    const row = this.db.prepare(`SELECT ${COLUMNS} FROM cameras WHERE id = ?`).get(id);
    return row ? fix(row) : undefined;
  }

  countReal(): number {
    return this.db.prepare('SELECT COUNT(*) FROM cameras WHERE is_demo = 0').pluck().get() as number;
  }

  insert(c: Writable): void {
    const now = new Date().toISOString();
    this.db
      .prepare(`INSERT INTO cameras (id, name, source_kind, main_url, main_password_enc, sub_url, sub_password_enc,
                demo_pattern, is_demo, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
      .run(c.id, c.name, c.sourceKind, c.mainUrl, c.mainPasswordEnc, c.subUrl, c.subPasswordEnc,
        c.demoPattern, c.isDemo ? 1 : 0, now, now);
  }

  update(c: Writable): void {
    this.db
      .prepare(`UPDATE cameras SET name = ?, source_kind = ?, main_url = ?, main_password_enc = ?, sub_url = ?,
                sub_password_enc = ?, demo_pattern = ?, is_demo = ?, updated_at = ? WHERE id = ?`)
      .run(c.name, c.sourceKind, c.mainUrl, c.mainPasswordEnc, c.subUrl, c.subPasswordEnc, c.demoPattern,
        c.isDemo ? 1 : 0, new Date().toISOString(), c.id);
  }

  setRecording(id: string, r: Pick<CameraRow, 'recordingMode' | 'recordingStream' | 'retentionDays'>): void {
    this.db.prepare(`UPDATE cameras SET recording_mode = ?, recording_stream = ?, retention_days = ?, updated_at = ?
      WHERE id = ?`).run(r.recordingMode, r.recordingStream, r.retentionDays, new Date().toISOString(), id);
  }

  delete(id: string): boolean {
    return this.db.prepare('DELETE FROM cameras WHERE id = ?').run(id).changes > 0;
  }

  deleteDemo(): number {
    return this.db.prepare('DELETE FROM cameras WHERE is_demo = 1').run().changes;
  }
}

function fix(row: unknown): CameraRow {
  const r = row as Omit<CameraRow, 'isDemo'> & { isDemo: number };
  return { ...r, isDemo: r.isDemo === 1 };
}
