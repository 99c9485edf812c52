import type { Role } from '../contracts.ts';
import type { Db } from './database.ts';

export interface UserRow {
  id: number;
  username: string;
  displayName: string;
  role: Role;
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
}

const COLUMNS = `id, username, display_name AS displayName, role, password_hash AS passwordHash, disabled,
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

  insert(u: { username: string; displayName: string; role: Role; passwordHash: string; mustChangePassword?: boolean }): number {
    const now = new Date().toISOString();
    const r = this.db
      .prepare(`INSERT INTO users (username, display_name, role, password_hash, must_change_password, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)`)
      .run(u.username, u.displayName, u.role, u.passwordHash, Number(u.mustChangePassword ?? false), now, now);
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
    const fields: [string, string | number | undefined][] = [
      ['display_name', patch.displayName],
      ['role', patch.role],
      ['disabled', patch.disabled === undefined ? undefined : Number(patch.disabled)],
      ['password_hash', patch.passwordHash],
      ['must_change_password', patch.mustChangePassword === undefined ? undefined : Number(patch.mustChangePassword)],
    ];
    const given = fields.filter((f): f is [string, string | number] => f[1] !== undefined);
    const sets = given.map(([column]) => `${column} = ?`);
    const values = given.map(([, v]) => v);
    sets.push('updated_at = ?');
    values.push(new Date().toISOString());
    return this.db.prepare(`UPDATE users SET ${sets.join(', ')} WHERE id = ?`).run(...values, id).changes > 0;
  }

  private fix(row: unknown): UserRow | undefined {
    if (!row) return undefined;
    const r = row as Omit<UserRow, 'disabled' | 'mustChangePassword'> & { disabled: number; mustChangePassword: number };
    return { ...r, disabled: r.disabled === 1, mustChangePassword: r.mustChangePassword === 1 };
  }
}
