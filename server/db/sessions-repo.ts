import type { Db } from './database.ts';

export interface SessionRow {
  tokenHash: string;
  userId: number;
  expiresAt: string;
  lastSeenAt: string;
}

export class SessionsRepo {
  constructor(private readonly db: Db) {}

  insert(s: { tokenHash: string; userId: number; expiresAt: string; ip: string | null; userAgent: string | null }): void {
    const now = new Date().toISOString();
    this.db
      .prepare(`INSERT INTO sessions (token_hash, user_id, created_at, expires_at, last_seen_at, ip, user_agent)
                VALUES (?, ?, ?, ?, ?, ?, ?)`)
      .run(s.tokenHash, s.userId, now, s.expiresAt, now, s.ip, s.userAgent);
  }

  get(tokenHash: string): SessionRow | undefined {
    return this.db
      .prepare(`SELECT token_hash AS tokenHash, user_id AS userId, expires_at AS expiresAt, last_seen_at AS lastSeenAt
                FROM sessions WHERE token_hash = ?`)
      .get(tokenHash) as SessionRow | undefined;
  }

  touch(tokenHash: string, at: string): void {
    this.db.prepare('UPDATE sessions SET last_seen_at = ? WHERE token_hash = ?').run(at, tokenHash);
  }

  delete(tokenHash: string): void {
    this.db.prepare('DELETE FROM sessions WHERE token_hash = ?').run(tokenHash);
  }

  /** Ends every session of a user, except `keepTokenHash` when given; returns how many ended. */
  deleteByUser(userId: number, keepTokenHash?: string): number {
    return this.db.prepare('DELETE FROM sessions WHERE user_id = ? AND token_hash <> ?')
      .run(userId, keepTokenHash ?? '').changes;
  }

  /** Ends sessions past their lifetime, and those not seen since `idleBefore` when given. */
  deleteExpired(now: string, idleBefore?: string): number {
    return this.db.prepare('DELETE FROM sessions WHERE expires_at <= ? OR last_seen_at <= ?')
      .run(now, idleBefore ?? '').changes;
  }
}
