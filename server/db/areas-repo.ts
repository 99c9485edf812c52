import type { Db } from './database.ts';

export interface AreaRow {
  id: number;
  parentId: number | null;
  name: string;
  /** cameras and people placed directly in this area */
  cameraCount: number;
  residentCount: number;
}

/** What still holds an area (deleting it would orphan or widen something). */
export interface AreaUse {
  children: number;
  cameras: number;
  people: number;
  /** staff limited to this area: deleting it would silently widen their scope to the whole commune */
  staffLimits: number;
  openInvitations: number;
}

const COLUMNS = `a.id, a.parent_id AS parentId, a.name,
  (SELECT COUNT(*) FROM cameras c WHERE c.area_id = a.id) AS cameraCount,
  (SELECT COUNT(*) FROM users u WHERE u.area_id = a.id AND u.role = 'resident') AS residentCount`;

/** The commune's areas (a tree): all of their SQL. */
export class AreasRepo {
  constructor(private readonly db: Db) {}

  /** every area, parents before children where names allow (the service orders the tree) */
  list(): AreaRow[] {
    return this.db.prepare(`SELECT ${COLUMNS} FROM areas a ORDER BY a.name COLLATE NOCASE, a.id`).all() as AreaRow[];
  }

  byId(id: number): AreaRow | undefined {
    return this.db.prepare(`SELECT ${COLUMNS} FROM areas a WHERE a.id = ?`).get(id) as AreaRow | undefined;
  }

  /** the area and every area above it, the area first */
  withAncestors(id: number): AreaRow[] {
    return this.db.prepare(`WITH RECURSIVE up(id, depth) AS (
        SELECT id, 0 FROM areas WHERE id = ?
        UNION ALL SELECT a.parent_id, up.depth + 1 FROM areas a JOIN up ON a.id = up.id WHERE a.parent_id IS NOT NULL)
      SELECT ${COLUMNS} FROM up JOIN areas a ON a.id = up.id ORDER BY up.depth`).all(id) as AreaRow[];
  }

  /** the area and everything under it */
  subtreeIds(id: number): number[] {
    return this.db.prepare(`WITH RECURSIVE down(id) AS (
        SELECT id FROM areas WHERE id = ? UNION SELECT a.id FROM areas a JOIN down ON a.parent_id = down.id)
      SELECT id FROM down ORDER BY id`).pluck().all(id) as number[];
  }

  /** names of the areas directly under `parentId` (null: the roots), other than `exceptId` */
  siblingNames(parentId: number | null, exceptId = 0): string[] {
    return this.db.prepare('SELECT name FROM areas WHERE IFNULL(parent_id, 0) = ? AND id <> ?')
      .pluck().all(parentId ?? 0, exceptId) as string[];
  }

  insert(a: { parentId: number | null; name: string }): number {
    const now = new Date().toISOString();
    const r = this.db.prepare('INSERT INTO areas (parent_id, name, created_at, updated_at) VALUES (?, ?, ?, ?)')
      .run(a.parentId, a.name, now, now);
    return Number(r.lastInsertRowid);
  }

  update(id: number, a: { parentId: number | null; name: string }): void {
    this.db.prepare('UPDATE areas SET parent_id = ?, name = ?, updated_at = ? WHERE id = ?')
      .run(a.parentId, a.name, new Date().toISOString(), id);
  }

  use(id: number, now: string): AreaUse {
    const count = (sql: string, ...args: unknown[]) => this.db.prepare(sql).pluck().get(...args) as number;
    return {
      children: count('SELECT COUNT(*) FROM areas WHERE parent_id = ?', id),
      cameras: count('SELECT COUNT(*) FROM cameras WHERE area_id = ?', id),
      people: count('SELECT COUNT(*) FROM users WHERE area_id = ?', id),
      staffLimits: count('SELECT COUNT(*) FROM user_area_limits WHERE area_id = ?', id),
      openInvitations: count(`SELECT COUNT(*) FROM invitations WHERE area_id = ? AND used_at IS NULL
        AND revoked_at IS NULL AND expires_at > ?`, id, now),
    };
  }

  /** Deletes an area (the service checked it holds nothing); what is left of its closed invitations goes with it. */
  delete(id: number): boolean {
    return this.db.prepare('DELETE FROM areas WHERE id = ?').run(id).changes > 0;
  }

  /** the staff members limited to some areas */
  limitedStaff(): number[] {
    return this.db.prepare('SELECT DISTINCT user_id FROM user_area_limits ORDER BY user_id').pluck().all() as number[];
  }

  /** which of the given ids exist */
  existing(ids: number[]): number[] {
    if (ids.length === 0) return [];
    return this.db.prepare('SELECT id FROM areas WHERE id IN (SELECT value FROM json_each(?))')
      .pluck().all(JSON.stringify(ids)) as number[];
  }
}
