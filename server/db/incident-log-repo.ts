import type { Db } from './database.ts';

export interface NoteRow { id: number; incidentId: number; authorId: number; body: string; createdAt: string }
export interface HistoryRow { id: number; incidentId: number; userId: number; changes: string; at: string }
export interface CustodyRow {
  id: number; incidentId: number; userId: number; username: string; action: string;
  detail: string | null; ip: string | null; at: string;
}

/** Notes, edit history and the append-only custody log of incidents. */
export class IncidentLogRepo {
  constructor(private readonly db: Db) {}

  addNote(incidentId: number, authorId: number, body: string): number {
    return Number(this.db.prepare('INSERT INTO incident_notes (incident_id, author_id, body, created_at) VALUES (?, ?, ?, ?)')
      .run(incidentId, authorId, body, new Date().toISOString()).lastInsertRowid);
  }

  notes(incidentId: number): NoteRow[] {
    return this.db.prepare(`SELECT id, incident_id AS incidentId, author_id AS authorId, body, created_at AS createdAt
      FROM incident_notes WHERE incident_id = ? ORDER BY id`).all(incidentId) as NoteRow[];
  }

  addHistory(incidentId: number, userId: number, changes: { field: string; from: unknown; to: unknown }[]): void {
    this.db.prepare('INSERT INTO incident_history (incident_id, user_id, changes, at) VALUES (?, ?, ?, ?)')
      .run(incidentId, userId, JSON.stringify(changes), new Date().toISOString());
  }

  history(incidentId: number): HistoryRow[] {
    return this.db.prepare(`SELECT id, incident_id AS incidentId, user_id AS userId, changes, at
      FROM incident_history WHERE incident_id = ? ORDER BY id`).all(incidentId) as HistoryRow[];
  }

  addCustody(e: { incidentId: number; userId: number; username: string; action: string; detail?: string; ip?: string }): void {
    this.db.prepare(`INSERT INTO custody_log (incident_id, user_id, username, action, detail, ip, at)
      VALUES (?, ?, ?, ?, ?, ?, ?)`)
      .run(e.incidentId, e.userId, e.username, e.action, e.detail ?? null, e.ip ?? null, new Date().toISOString());
  }

  /** time (ISO) of the user's last entry with that action on the incident, if any */
  lastCustody(incidentId: number, userId: number, action: string): string | undefined {
    return this.db.prepare(`SELECT at FROM custody_log WHERE incident_id = ? AND user_id = ? AND action = ?
      ORDER BY id DESC LIMIT 1`).pluck().get(incidentId, userId, action) as string | undefined;
  }

  custody(incidentId: number): CustodyRow[] {
    return this.db.prepare(`SELECT id, incident_id AS incidentId, user_id AS userId, username, action, detail, ip, at
      FROM custody_log WHERE incident_id = ? ORDER BY id`).all(incidentId) as CustodyRow[];
  }
}
