import type { Role } from '../contracts.ts';
import type { Db } from './database.ts';

export interface WallViewRow {
  id: number;
  ownerId: number;
  ownerName: string;
  ownerRole: Role;
  name: string;
  layout: number;
  slots: (string | null)[];
  shared: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface NewWallView {
  ownerId: number;
  name: string;
  nameKey: string;
  layout: number;
  slots: (string | null)[];
  shared: boolean;
}

export interface WallViewPatch {
  name?: string;
  nameKey?: string;
  layout?: number;
  slots?: (string | null)[];
  shared?: boolean;
}

const COLUMNS = `v.id, v.owner_id AS ownerId, u.display_name AS ownerName, u.role AS ownerRole, v.name, v.layout,
  v.slots, v.shared, v.created_at AS createdAt, v.updated_at AS updatedAt`;
const FROM = 'FROM wall_views v JOIN users u ON u.id = v.owner_id';

type RawRow = Omit<WallViewRow, 'slots' | 'shared'> & { slots: string; shared: number };

/** Saved wall views and each user's last view: all of their SQL. */
export class WallViewsRepo {
  constructor(private readonly db: Db) {}

  /** The user's own views, plus (withShared) views other staff members share. */
  listVisible(userId: number, withShared: boolean): WallViewRow[] {
    const rows = this.db.prepare(`SELECT ${COLUMNS} ${FROM}
      WHERE v.owner_id = ? OR (? AND v.shared = 1 AND u.role <> 'resident')`).all(userId, Number(withShared)) as RawRow[];
    return rows.map(fix);
  }

  byId(id: number): WallViewRow | undefined {
    const row = this.db.prepare(`SELECT ${COLUMNS} ${FROM} WHERE v.id = ?`).get(id) as RawRow | undefined;
    return row && fix(row);
  }

  countByOwner(ownerId: number): number {
    return this.db.prepare('SELECT COUNT(*) FROM wall_views WHERE owner_id = ?').pluck().get(ownerId) as number;
  }

  /** Whether the owner already has a view of that folded name (other than `exceptId`). */
  nameTaken(ownerId: number, nameKey: string, exceptId = 0): boolean {
    return this.db.prepare('SELECT 1 FROM wall_views WHERE owner_id = ? AND name_key = ? AND id <> ?')
      .get(ownerId, nameKey, exceptId) !== undefined;
  }

  insert(v: NewWallView): number {
    const now = new Date().toISOString();
    const r = this.db.prepare(`INSERT INTO wall_views (owner_id, name, name_key, layout, slots, shared, created_at, updated_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?)`)
      .run(v.ownerId, v.name, v.nameKey, v.layout, JSON.stringify(v.slots), Number(v.shared), now, now);
    return Number(r.lastInsertRowid);
  }

  /** Changes the given fields; returns false when there is no such view. */
  update(id: number, patch: WallViewPatch): boolean {
    const fields: [string, string | number | undefined][] = [
      ['name', patch.name],
      ['name_key', patch.nameKey],
      ['layout', patch.layout],
      ['slots', patch.slots && JSON.stringify(patch.slots)],
      ['shared', patch.shared === undefined ? undefined : Number(patch.shared)],
    ];
    const given = fields.filter((f): f is [string, string | number] => f[1] !== undefined);
    const sets = [...given.map(([column]) => `${column} = ?`), 'updated_at = ?'];
    const r = this.db.prepare(`UPDATE wall_views SET ${sets.join(', ')} WHERE id = ?`)
      .run(...given.map((f) => f[1]), new Date().toISOString(), id);
    return r.changes > 0;
  }

  delete(id: number): boolean {
    return this.db.prepare('DELETE FROM wall_views WHERE id = ?').run(id).changes > 0;
  }

  lastViewId(userId: number): number | null {
    const v = this.db.prepare('SELECT view_id FROM wall_view_last WHERE user_id = ?').pluck().get(userId);
    return typeof v === 'number' ? v : null;
  }

  setLastViewId(userId: number, viewId: number | null): void {
    this.db.prepare(`INSERT INTO wall_view_last (user_id, view_id, updated_at) VALUES (?, ?, ?)
      ON CONFLICT (user_id) DO UPDATE SET view_id = excluded.view_id, updated_at = excluded.updated_at`)
      .run(userId, viewId, new Date().toISOString());
  }
}

function fix(r: RawRow): WallViewRow {
  return { ...r, slots: JSON.parse(r.slots) as (string | null)[], shared: r.shared === 1 };
}
