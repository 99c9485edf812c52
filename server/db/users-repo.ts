import type { Role } from '../contracts.ts';
import type { Db } from './database.ts';

export interface UserRow {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  passwordHash: string;
  disabled: boolean;
}

const COLUMNS = `id, username, display_name AS displayName, role, password_hash AS passwordHash, disabled`;

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

  insert(u: { username: string; displayName: string; role: Role; passwordHash: string }): number {
    const now = new Date().toISOString();
    const r = this.db
      .prepare(`INSERT INTO users (username, display_name, role, password_hash, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?)`)
      .run(u.username, u.displayName, u.role, u.passwordHash, now, now);
    return Number(r.lastInsertRowid);
  }

  private fix(row: unknown): UserRow | undefined {
    if (!row) return undefined;
    const r = row as Omit<UserRow, 'disabled'> & { disabled: number };
    return { ...r, disabled: r.disabled === 1 };
  }
}
