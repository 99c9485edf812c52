import type { Db } from './database.ts';

export interface InvitationRow {
  id: number;
  displayName: string;
  areaId: number;
  createdById: number | null;
  createdBy: string | null;
  createdAt: string;
  expiresAt: string;
  usedAt: string | null;
  revokedAt: string | null;
}

const COLUMNS = `i.id, i.display_name AS displayName, i.area_id AS areaId, i.created_by AS createdById,
  u.display_name AS createdBy, i.created_at AS createdAt, i.expires_at AS expiresAt, i.used_at AS usedAt,
  i.revoked_at AS revokedAt`;
const FROM = 'FROM invitations i LEFT JOIN users u ON u.id = i.created_by';

/** One-time invitations of residents: all of their SQL. Only hashes of the link token and the code are stored. */
export class InvitationsRepo {
  constructor(private readonly db: Db) {}

  insert(i: { displayName: string; areaId: number; tokenHash: string; codeHash: string; createdBy: number; expiresAt: string }): number {
    const r = this.db.prepare(`INSERT INTO invitations (display_name, area_id, token_hash, code_hash, created_by, created_at, expires_at)
      VALUES (?, ?, ?, ?, ?, ?, ?)`)
      .run(i.displayName, i.areaId, i.tokenHash, i.codeHash, i.createdBy, new Date().toISOString(), i.expiresAt);
    return Number(r.lastInsertRowid);
  }

  byId(id: number): InvitationRow | undefined {
    return this.db.prepare(`SELECT ${COLUMNS} ${FROM} WHERE i.id = ?`).get(id) as InvitationRow | undefined;
  }

  /** the invitation whose link token or short code hashes to this */
  bySecretHash(kind: 'token' | 'code', hash: string): InvitationRow | undefined {
    const column = kind === 'token' ? 'i.token_hash' : 'i.code_hash';
    return this.db.prepare(`SELECT ${COLUMNS} ${FROM} WHERE ${column} = ?`).get(hash) as InvitationRow | undefined;
  }

  /** newest first; `areaIds` null = all */
  list(areaIds: readonly number[] | null, limit = 500): InvitationRow[] {
    return this.db.prepare(`SELECT ${COLUMNS} ${FROM}
      WHERE ? IS NULL OR i.area_id IN (SELECT value FROM json_each(?)) ORDER BY i.id DESC LIMIT ?`)
      .all(areaIds && 1, areaIds && JSON.stringify(areaIds), limit) as InvitationRow[];
  }

  /** Marks an open invitation used; false when it was used, revoked or expired meanwhile. */
  markUsed(id: number, userId: number, now: string): boolean {
    return this.db.prepare(`UPDATE invitations SET used_at = ?, used_by = ?
      WHERE id = ? AND used_at IS NULL AND revoked_at IS NULL AND expires_at > ?`).run(now, userId, id, now).changes > 0;
  }

  /** Revokes an invitation not yet used; false otherwise. */
  revoke(id: number, now: string): boolean {
    return this.db.prepare('UPDATE invitations SET revoked_at = ? WHERE id = ? AND used_at IS NULL AND revoked_at IS NULL')
      .run(now, id).changes > 0;
  }

  /** Runs `fn` in one transaction (accepting: the new resident and the used invitation, or neither). */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }
}
