// People and areas for the resident-camera tests, written straight into the real hub's database (as userCookie
// does): the commune "Phường Thử" with "Tổ 1" and "Tổ 2" under it.
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Socket } from 'socket.io-client';
import type { TestHub } from '../../helpers/hub.ts';
import { userCookie } from '../sources/source-helpers.ts';

export interface Areas {
  ward: number;
  to1: number;
  to2: number;
}

export function hubDb(hub: TestHub, readonly = false) {
  return new Database(path.join(hub.dataDir, 'hub.sqlite'), { readonly });
}

export function addAreas(hub: TestHub): Areas {
  const db = hubDb(hub);
  const now = new Date().toISOString();
  const add = (parent: number | null, name: string) =>
    Number(db.prepare('INSERT INTO areas (parent_id, name, created_at, updated_at) VALUES (?, ?, ?, ?)').run(parent, name, now, now).lastInsertRowid);
  const ward = add(null, 'Phường Thử');
  const areas = { ward, to1: add(ward, 'Tổ 1'), to2: add(ward, 'Tổ 2') };
  db.close();
  return areas;
}

/** A user in an area (null: none), logged in: their cookie and id. */
export async function person(hub: TestHub, username: string, role: 'admin' | 'police' | 'operator' | 'resident', areaId: number | null = null) {
  const cookie = await userCookie(hub, username, role);
  const db = hubDb(hub);
  db.prepare('UPDATE users SET area_id = ? WHERE username = ?').run(areaId, username);
  const id = db.prepare('SELECT id FROM users WHERE username = ?').pluck().get(username) as number;
  db.close();
  return { cookie, id };
}

export interface SegmentRow {
  id: number;
  start_at: number;
  end_at: number;
  path: string;
  complete: number;
}

export function segments(hub: TestHub, cameraId: string): SegmentRow[] {
  const db = hubDb(hub, true);
  try {
    return db.prepare('SELECT id, start_at, end_at, path, complete FROM recordings WHERE camera_id = ? ORDER BY id').all(cameraId) as SegmentRow[];
  } finally {
    db.close();
  }
}

/** Every socket event a client receives, in order. */
export function recordEvents(socket: Socket): { event: string; payload: unknown }[] {
  const seen: { event: string; payload: unknown }[] = [];
  socket.onAny((event: string, payload: unknown) => seen.push({ event, payload }));
  return seen;
}

/** Whether any of the events names the camera. */
export const mentions = (events: { payload: unknown }[], cameraId: string) =>
  events.some((e) => JSON.stringify(e.payload ?? null).includes(cameraId));
