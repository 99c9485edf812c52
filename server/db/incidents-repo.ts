import type { IncidentStatus } from '../contracts.ts';
import type { Db } from './database.ts';

export interface IncidentRow {
  id: number;
  title: string;
  categoryId: string;
  status: IncidentStatus;
  occurredAt: string;
  preRollSec: number;
  postRollSec: number;
  assigneeId: number | null;
  createdBy: number;
  createdAt: string;
  updatedAt: string;
}

export interface IncidentCameraRow {
  incidentId: number;
  cameraId: string;
  cameraName: string;
  clipStatus: 'pending' | 'ready' | 'failed';
  clipPath: string | null;
  clipSha256: string | null;
  clipBytes: number | null;
  clipStart: string | null;
  clipEnd: string | null;
  clipError: string | null;
}

export interface CategoryRow {
  id: string;
  vi: string;
  en: string;
  active: boolean;
}

export interface IncidentFilter {
  from?: string;
  to?: string;
  cameraId?: string;
  categoryId?: string;
  status?: IncidentStatus;
  assigneeId?: number;
  /** words that must all appear (as prefixes) in the title or notes */
  words?: string[];
  /** keyset: rows strictly older than (occurredAt, id) */
  before?: { occurredAt: string; id: number };
  limit: number;
  /** staff limited to some areas: only incidents with a camera in these areas */
  areaScope?: number[];
}

const INCIDENT_COLUMNS = `i.id, i.title, i.category_id AS categoryId, i.status, i.occurred_at AS occurredAt,
  i.pre_roll_sec AS preRollSec, i.post_roll_sec AS postRollSec, i.assignee_id AS assigneeId, i.created_by AS createdBy,
  i.created_at AS createdAt, i.updated_at AS updatedAt`;

const CAMERA_COLUMNS = `incident_id AS incidentId, camera_id AS cameraId, camera_name AS cameraName,
  clip_status AS clipStatus, clip_path AS clipPath, clip_sha256 AS clipSha256, clip_bytes AS clipBytes,
  clip_start AS clipStart, clip_end AS clipEnd, clip_error AS clipError`;

/**
 * FTS5's unicode61 folds Vietnamese tone and vowel marks (ộ → o) but keeps đ as its own letter; people type "d".
 * Applied to indexed text and to queries alike.
 */
export const foldForSearch = (s: string) => s.normalize('NFC').replace(/đ/g, 'd').replace(/Đ/g, 'D');

/**
 * Lower case, no diacritics, words separated by single spaces and preceded by one: what incidents.search_text holds,
 * so `LIKE '% word%'` matches words by their start, as FTS prefix terms do.
 */
export const foldFully = (s: string) =>
  ` ${foldForSearch(s).normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim()}`;

export interface TextSearchTuning {
  /** rows of the time index tested on the folded text before asking FTS */
  walkRows: number;
  /** up to this many FTS hits, the hits drive the query; past it, the folded text is tested along the range */
  rareHits: number;
}

const DEFAULT_TUNING: TextSearchTuning = { walkRows: 4000, rareHits: 1000 };

type TextStrategy = { kind: 'none' } | { kind: 'walk' } | { kind: 'ids'; ids: number[] } | { kind: 'like' };

export class IncidentsRepo {
  constructor(private readonly db: Db, private readonly tuning: TextSearchTuning = DEFAULT_TUNING) {}

  /** Seeds the configured categories; those no longer configured stay (old incidents use them) but inactive. */
  seedCategories(categories: { id: string; vi: string; en: string }[]): void {
    const upsert = this.db.prepare(`INSERT INTO incident_categories (id, label_vi, label_en, active, position)
      VALUES (?, ?, ?, 1, ?) ON CONFLICT(id) DO UPDATE SET label_vi = excluded.label_vi,
      label_en = excluded.label_en, active = 1, position = excluded.position`);
    this.db.transaction(() => {
      this.db.prepare('UPDATE incident_categories SET active = 0').run();
      categories.forEach((c, i) => upsert.run(c.id, c.vi, c.en, i));
    })();
  }

  categories(): CategoryRow[] {
    return (this.db.prepare(`SELECT id, label_vi AS vi, label_en AS en, active FROM incident_categories
      ORDER BY active DESC, position`).all() as (Omit<CategoryRow, 'active'> & { active: number })[])
      .map((c) => ({ ...c, active: c.active === 1 }));
  }

  insert(i: Omit<IncidentRow, 'id' | 'createdAt' | 'updatedAt'>, cameras: { id: string; name: string }[]): number {
    const now = new Date().toISOString();
    return this.db.transaction(() => {
      const id = Number(this.db.prepare(`INSERT INTO incidents (title, category_id, status, occurred_at, pre_roll_sec,
        post_roll_sec, assignee_id, created_by, created_at, updated_at, search_text) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
        .run(i.title, i.categoryId, i.status, i.occurredAt, i.preRollSec, i.postRollSec, i.assigneeId, i.createdBy,
          now, now, foldFully(i.title)).lastInsertRowid);
      const cam = this.db.prepare(`INSERT INTO incident_cameras (incident_id, camera_id, camera_name, occurred_at)
        VALUES (?, ?, ?, ?)`);
      for (const c of cameras) cam.run(id, c.id, c.name, i.occurredAt);
      this.db.prepare('INSERT INTO incidents_fts (rowid, title, notes) VALUES (?, ?, ?)').run(id, foldForSearch(i.title), '');
      return id;
    })();
  }

  get(id: number): IncidentRow | undefined {
    return this.db.prepare(`SELECT ${INCIDENT_COLUMNS} FROM incidents i WHERE i.id = ?`).get(id) as IncidentRow | undefined;
  }

  update(id: number, fields: Partial<Pick<IncidentRow, 'title' | 'categoryId' | 'status' | 'assigneeId'>>): void {
    const cols = { title: 'title', categoryId: 'category_id', status: 'status', assigneeId: 'assignee_id' } as const;
    const keys = Object.keys(fields) as (keyof typeof cols)[];
    if (keys.length === 0) return;
    const sets = keys.map((k) => `${cols[k]} = @${k}`).join(', ');
    this.db.prepare(`UPDATE incidents SET ${sets}, updated_at = @updatedAt WHERE id = @id`)
      .run({ ...fields, updatedAt: new Date().toISOString(), id });
  }

  /** Re-indexes the searchable text of one incident. */
  reindex(id: number, title: string, notes: string): void {
    this.db.prepare('UPDATE incidents_fts SET title = ?, notes = ? WHERE rowid = ?').run(foldForSearch(title), foldForSearch(notes), id);
    this.db.prepare('UPDATE incidents SET search_text = ? WHERE id = ?').run(foldFully(`${title}\n${notes}`), id);
  }

  /**
   * Newest first, keyset paged. With words, in two steps: (1) the newest `walkRows` rows that pass the other filters
   * are tested on the folded text — common words fill the page from there, and a short range is answered in full;
   * (2) otherwise the words are rare in that stretch: FTS5 finds their rows (up to `rareHits`) and those are
   * filtered and ordered; past that, the folded text is tested along the whole range. See bench/evidence-db.ts.
   */
  /** Whether one of the incident's cameras lies in the given areas. */
  inAreas(incidentId: number, areaIds: number[]): boolean {
    return this.db.prepare(`SELECT EXISTS (SELECT 1 FROM incident_cameras s JOIN cameras k ON k.id = s.camera_id
      WHERE s.incident_id = ? AND k.area_id IN (SELECT value FROM json_each(?)))`).pluck().get(incidentId, JSON.stringify(areaIds)) === 1;
  }

  list(f: IncidentFilter): IncidentRow[] {
    if (!f.words?.length) return this.query(f, { kind: 'none' }).rows;
    const walk = this.query(f, { kind: 'walk' });
    if (walk.rows.length >= f.limit || walk.walked < this.tuning.walkRows) return walk.rows;
    const fts = f.words.map((w) => `"${foldForSearch(w)}"*`).join(' ');
    const hits = this.db.prepare('SELECT rowid FROM incidents_fts WHERE incidents_fts MATCH ? LIMIT ?')
      .pluck().all(fts, this.tuning.rareHits + 1) as number[];
    return this.query(f, hits.length <= this.tuning.rareHits ? { kind: 'ids', ids: hits } : { kind: 'like' }).rows;
  }

  private query(f: IncidentFilter, text: TextStrategy): { rows: IncidentRow[]; walked: number } {
    const where: string[] = [];
    const like: string[] = [];
    const p: Record<string, unknown> = { limit: f.limit, walk: this.tuning.walkRows };
    // with a camera, walk that camera's (occurred_at, id) index and join: no sort, no scan of other cameras
    const byCamera = f.cameraId !== undefined;
    const at = byCamera ? 'c.occurred_at' : 'i.occurred_at';
    const id = byCamera ? 'c.incident_id' : 'i.id';
    if (byCamera) {
      where.push('c.camera_id = @cameraId');
      p.cameraId = f.cameraId;
    }
    if (f.from) { where.push(`${at} >= @from`); p.from = f.from; }
    if (f.to) { where.push(`${at} < @to`); p.to = f.to; }
    if (f.categoryId) { where.push('i.category_id = @categoryId'); p.categoryId = f.categoryId; }
    if (f.status) { where.push('i.status = @status'); p.status = f.status; }
    if (f.assigneeId !== undefined) { where.push('i.assignee_id = @assigneeId'); p.assigneeId = f.assigneeId; }
    if (f.areaScope) {
      where.push(`EXISTS (SELECT 1 FROM incident_cameras s JOIN cameras k ON k.id = s.camera_id
        WHERE s.incident_id = ${id} AND k.area_id IN (SELECT value FROM json_each(@scope)))`);
      p.scope = JSON.stringify(f.areaScope);
    }
    if (f.before) {
      where.push(`(${at} < @bAt OR (${at} = @bAt AND ${id} < @bId))`);
      p.bAt = f.before.occurredAt;
      p.bId = f.before.id;
    }
    if (text.kind === 'ids') {
      where.push(`${id} IN (SELECT value FROM json_each(@ids))`);
      p.ids = JSON.stringify(text.ids);
    } else if (text.kind !== 'none') {
      f.words!.forEach((w, k) => {
        like.push(`search_text LIKE @w${k}`);
        p[`w${k}`] = `%${foldFully(w)}%`; // "% word%": the word's start
      });
    }
    const from = byCamera ? 'incident_cameras c JOIN incidents i ON i.id = c.incident_id' : 'incidents i';
    const filters = (extra: string[]) => (where.length + extra.length ? `WHERE ${[...where, ...extra].join(' AND ')}` : '');
    if (text.kind === 'walk') {
      // a co-routine over the time index: SQLite stops reading as soon as the page is full
      const walkSql = `SELECT ${INCIDENT_COLUMNS}, i.search_text, ${at} AS kAt, ${id} AS kId FROM ${from} ${filters([])}
        ORDER BY ${at} DESC, ${id} DESC LIMIT @walk`;
      const rows = (this.db.prepare(`SELECT * FROM (${walkSql}) WHERE ${like.join(' AND ')} ORDER BY kAt DESC, kId DESC
        LIMIT @limit`).all(p) as Record<string, unknown>[]).map(({ search_text: _s, kAt: _a, kId: _i, ...r }) => r as unknown as IncidentRow);
      const walked = rows.length >= f.limit ? f.limit
        : (this.db.prepare(`SELECT COUNT(*) FROM (SELECT 1 FROM ${from} ${filters([])} LIMIT @walk)`).pluck().get(p) as number);
      return { rows, walked };
    }
    const sql = `SELECT ${INCIDENT_COLUMNS} FROM ${from} ${filters(like.map((l) => `i.${l}`))}
      ORDER BY ${at} DESC, ${id} DESC LIMIT @limit`;
    return { rows: this.db.prepare(sql).all(p) as IncidentRow[], walked: 0 };
  }

  cameras(incidentIds: number[]): IncidentCameraRow[] {
    if (incidentIds.length === 0) return [];
    return this.db.prepare(`SELECT ${CAMERA_COLUMNS} FROM incident_cameras
      WHERE incident_id IN (SELECT value FROM json_each(?)) ORDER BY incident_id, camera_name`)
      .all(JSON.stringify(incidentIds)) as IncidentCameraRow[];
  }

  /**
   * The clips still to cut, each with its span as occurredAt − preRoll … occurredAt + postRoll: the incident's, or
   * for footage handed over on request (migration 013) its own range, as the range's end with a pre-roll of its length.
   */
  pendingClips(): (IncidentCameraRow & { occurredAt: string; preRollSec: number; postRollSec: number })[] {
    return this.db.prepare(`SELECT ${CAMERA_COLUMNS.replace(/(\w+) AS/g, 'c.$1 AS')},
      CASE WHEN c.range_to_ms IS NULL THEN i.occurred_at
        ELSE strftime('%Y-%m-%dT%H:%M:%fZ', c.range_to_ms / 1000.0, 'unixepoch') END AS occurredAt,
      CASE WHEN c.range_to_ms IS NULL THEN i.pre_roll_sec ELSE (c.range_to_ms - c.range_from_ms) / 1000.0 END AS preRollSec,
      CASE WHEN c.range_to_ms IS NULL THEN i.post_roll_sec ELSE 0 END AS postRollSec
      FROM incident_cameras c JOIN incidents i ON i.id = c.incident_id WHERE c.clip_status = 'pending'`)
      .all() as never;
  }

  setClip(incidentId: number, cameraId: string, clip: Partial<Omit<IncidentCameraRow, 'incidentId' | 'cameraId' | 'cameraName'>>): void {
    const cols = {
      clipStatus: 'clip_status', clipPath: 'clip_path', clipSha256: 'clip_sha256', clipBytes: 'clip_bytes',
      clipStart: 'clip_start', clipEnd: 'clip_end', clipError: 'clip_error',
    } as const;
    const keys = Object.keys(clip) as (keyof typeof cols)[];
    if (keys.length === 0) return;
    this.db.prepare(`UPDATE incident_cameras SET ${keys.map((k) => `${cols[k]} = @${k}`).join(', ')}
      WHERE incident_id = @incidentId AND camera_id = @cameraId`).run({ ...clip, incidentId, cameraId });
  }
}
