import type { Role } from '../contracts.ts';
import type { Db } from './database.ts';

export interface UserRow {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  /** a resident's home area (tổ/thôn) */
  areaId: number | null;
  passwordHash: string;
  disabled: boolean;
  /** the password was generated (first admin): only changing it is allowed until it is */
  mustChangePassword: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface UserPatch {
  displayName?: string;
  role?: Role;
  disabled?: boolean;
  passwordHash?: string;
  mustChangePassword?: boolean;
  areaId?: number | null;
}

const COLUMNS = `id, username, display_name AS displayName, role, area_id AS areaId, password_hash AS passwordHash, disabled,
  must_change_password AS mustChangePassword, created_at AS createdAt, updated_at AS updatedAt`;

export class UsersRepo {
  constructor(private readonly db: Db) {}

  count(): number {
    return this.db.prepare('SELECT COUNT(*) FROM users').pluck().get() as number;
  }

  byUsername(username: string): UserRow | undefined {
    return this.fix(this.db.prepare(`SELECT ${COLUMNS} FROM users WHERE username = ?`).get(username));
  }

  byId(id: number): UserRow | undefined {
    return this.fix(this.db.prepare(`SELECT ${COLUMNS} FROM users WHERE id = ?`).get(id));
  }

  /** id, user name and display name of the given users (for references in DTOs) */
  refs(ids: number[]): { id: number; username: string; displayName: string }[] {
    if (ids.length === 0) return [];
    return this.db.prepare(`SELECT id, username, display_name AS displayName FROM users
      WHERE id IN (SELECT value FROM json_each(?))`).all(JSON.stringify([...new Set(ids)])) as never;
  }

  insert(u: {
    username: string; displayName: string; role: Role; passwordHash: string; mustChangePassword?: boolean;
    areaId?: number | null; invitedBy?: number | null;
  }): number {
    const now = new Date().toISOString();
    const r = this.db
      .prepare(`INSERT INTO users (username, display_name, role, password_hash, must_change_password, area_id, invited_by,
                created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`)
      .run(u.username, u.displayName, u.role, u.passwordHash, Number(u.mustChangePassword ?? false), u.areaId ?? null,
        u.invitedBy ?? null, now, now);
    return Number(r.lastInsertRowid);
  }

  /** every user, by user name */
  list(): UserRow[] {
    return this.db.prepare(`SELECT ${COLUMNS} FROM users ORDER BY username`).all().map((r) => this.fix(r)!);
  }

  /** users who may be given incidents: not residents, not disabled */
  activeStaff(): UserRow[] {
    return this.db.prepare(`SELECT ${COLUMNS} FROM users WHERE role <> 'resident' AND disabled = 0
      ORDER BY display_name, username`).all().map((r) => this.fix(r)!);
  }

  countActiveAdmins(): number {
    return this.db.prepare(`SELECT COUNT(*) FROM users WHERE role = 'admin' AND disabled = 0`).pluck().get() as number;
  }

  /** Changes the given fields; returns false when there is no such user. */
  update(id: number, patch: UserPatch): boolean {
    const fields: [string, string | number | null | undefined][] = [
      ['display_name', patch.displayName],
      ['role', patch.role],
      ['disabled', patch.disabled === undefined ? undefined : Number(patch.disabled)],
      ['password_hash', patch.passwordHash],
      ['must_change_password', patch.mustChangePassword === undefined ? undefined : Number(patch.mustChangePassword)],
      ['area_id', patch.areaId],
    ];
    const given = fields.filter((f): f is [string, string | number | null] => f[1] !== undefined);
    const sets = given.map(([column]) => `${column} = ?`);
    const values = given.map(([, v]) => v);
    sets.push('updated_at = ?');
    values.push(new Date().toISOString());
    return this.db.prepare(`UPDATE users SET ${sets.join(', ')} WHERE id = ?`).run(...values, id).changes > 0;
  }

  /** The areas a staff member is limited to (none = the whole commune). */
  areaLimits(userId: number): number[] {
    return this.db.prepare('SELECT area_id FROM user_area_limits WHERE user_id = ? ORDER BY area_id').pluck().all(userId) as number[];
  }

  /** Replaces a staff member's area limits (empty = the whole commune). */
  setAreaLimits(userId: number, areaIds: number[]): void {
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM user_area_limits WHERE user_id = ?').run(userId);
      const add = this.db.prepare('INSERT INTO user_area_limits (user_id, area_id) VALUES (?, ?)');
      for (const a of new Set(areaIds)) add.run(userId, a);
    })();
  }

  /** What a staff member's limits cover: the limited areas and everything under them; null = the whole commune. */
  areaScope(userId: number): number[] | null {
    // one statement (every request's session check asks): no limit rows give no rows, which is the whole commune
    const scope = this.db.prepare(`WITH RECURSIVE scope(id) AS (
        SELECT area_id FROM user_area_limits WHERE user_id = ?
        UNION SELECT a.id FROM areas a JOIN scope s ON a.parent_id = s.id)
      SELECT id FROM scope ORDER BY id`).pluck().all(userId) as number[];
    return scope.length === 0 ? null : scope;
  }

  private fix(row: unknown): UserRow | undefined {
    if (!row) return undefined;
    const r = row as Omit<UserRow, 'disabled' | 'mustChangePassword'> & { disabled: number; mustChangePassword: number };
    return { ...r, disabled: r.disabled === 1, mustChangePassword: r.mustChangePassword === 1 };
  }
}
