import { EventEmitter } from 'node:events';
import { can } from '../access/permissions.ts';
import { cameraFacts } from '../cameras/camera-dto.ts';
import type {
  IncidentCategoryDto, IncidentDetailDto, IncidentDto, IncidentPageDto, IncidentStatus, SessionUserDto, UserRefDto,
} from '../contracts.ts';
import type { CamerasRepo } from '../db/cameras-repo.ts';
import type { IncidentLogRepo } from '../db/incident-log-repo.ts';
import type { IncidentCameraRow, IncidentRow, IncidentsRepo } from '../db/incidents-repo.ts';
import type { UsersRepo } from '../db/users-repo.ts';
import { AppError } from '../errors.ts';
import type { CreateIncident, ListIncidentsQuery, UpdateIncident } from './incident-schemas.ts';

/** Allowed status changes. `new → closed` is there for false alarms; a resolved incident can be reopened. */
const TRANSITIONS: Record<IncidentStatus, IncidentStatus[]> = {
  new: ['in_progress', 'closed'],
  in_progress: ['resolved', 'closed'],
  resolved: ['in_progress', 'closed'],
  closed: [],
};

const VIEW_LOG_EVERY_MS = 10 * 60_000;

export interface Actor {
  user: SessionUserDto;
  ip?: string;
}

export interface IncidentEvents {
  created: [IncidentDto];
  updated: [IncidentDto];
}

export interface IncidentDefaults {
  preRollSec: number;
  postRollSec: number;
}

/** The fixed time (UTC ISO) to the second: clips and manifests quote it. */
const isoSecond = (d: Date) => new Date(Math.floor(d.getTime() / 1000) * 1000).toISOString();

/** A person's search text as words (letters and digits only, so nothing in it is query syntax); at most 8. */
export function searchWords(text: string): string[] | undefined {
  const words = text.normalize('NFC').match(/[\p{L}\p{N}]+/gu)?.slice(0, 8);
  return words?.length ? words : undefined;
}

export class IncidentService extends EventEmitter<IncidentEvents> {
  private categoryCache?: IncidentCategoryDto[];

  constructor(
    private readonly incidents: IncidentsRepo,
    private readonly log: IncidentLogRepo,
    private readonly users: UsersRepo,
    private readonly cameras: CamerasRepo,
    private readonly defaults: IncidentDefaults,
  ) {
    super();
  }

  /** Seeded at start-up from config, so read once. */
  categories(): IncidentCategoryDto[] {
    this.categoryCache ??= this.incidents.categories();
    return this.categoryCache;
  }

  create(body: CreateIncident, actor: Actor): IncidentDto {
    const category = this.activeCategory(body.category);
    const cameraIds = [...new Set(body.cameraIds)];
    const cams = cameraIds.map((id) => {
      const c = this.cameras.get(id);
      // flagging needs the 'flag' right on every camera (server/access/permissions.ts); others do not exist for you
      if (!c || !can(actor.user, cameraFacts(c), 'flag')) throw new AppError('camera-not-found', `Camera ${id} does not exist.`);
      return { id: c.id, name: c.name };
    });
    const now = Date.now();
    const occurred = body.occurredAt ? new Date(body.occurredAt) : new Date(now);
    if (occurred.getTime() > now + 60_000) {
      throw new AppError('occurred-in-future', 'The time of the incident cannot be in the future.');
    }
    const title = body.title || `${category.vi} — ${cams.map((c) => c.name).join(', ')}`.slice(0, 200);
    const id = this.incidents.insert({
      title, categoryId: category.id, status: 'new', occurredAt: isoSecond(occurred),
      preRollSec: body.preRollSec ?? this.defaults.preRollSec, postRollSec: body.postRollSec ?? this.defaults.postRollSec,
      assigneeId: null, createdBy: actor.user.id,
    }, cams);
    this.custody(id, actor, 'create', `cameras: ${cameraIds.join(', ')}`);
    if (body.note) this.addNoteRow(id, body.note, actor);
    const dto = this.dto(this.incidents.get(id)!);
    this.emit('created', dto);
    return dto;
  }

  /** Incidents the user may see: all for staff of the whole commune, those with a camera in their areas otherwise. */
  list(q: ListIncidentsQuery, user: SessionUserDto): IncidentPageDto {
    const rows = this.incidents.list({
      ...(user.areaScope ? { areaScope: user.areaScope } : {}),
      from: q.from && new Date(q.from).toISOString(), to: q.to && new Date(q.to).toISOString(),
      cameraId: q.cameraId, categoryId: q.category, status: q.status, assigneeId: q.assigneeId,
      words: q.q ? searchWords(q.q) : undefined, before: q.cursor ? decodeCursor(q.cursor) : undefined, limit: q.limit + 1,
    });
    const page = rows.slice(0, q.limit);
    const last = page.at(-1);
    return {
      incidents: this.dtos(page),
      nextCursor: rows.length > q.limit && last ? encodeCursor(last) : null,
    };
  }

  /**
   * The full incident; the read is written to the custody log (once per user per 10 minutes, so a screen that
   * refreshes does not bury the log).
   */
  detail(id: number, actor: Actor): IncidentDetailDto {
    const row = this.mustGet(id, actor.user);
    const lastView = this.log.lastCustody(id, actor.user.id, 'view');
    if (!lastView || Date.now() - Date.parse(lastView) > VIEW_LOG_EVERY_MS) this.custody(id, actor, 'view');
    const notes = this.log.notes(id);
    const history = this.log.history(id);
    const refs = this.refs([...notes.map((n) => n.authorId), ...history.map((h) => h.userId)]);
    return {
      ...this.dto(row),
      notes: notes.map((n) => ({ id: n.id, author: refs(n.authorId), body: n.body, createdAt: n.createdAt })),
      history: history.map((h) => ({ id: h.id, user: refs(h.userId), changes: JSON.parse(h.changes), at: h.at })),
    };
  }

  /** With a user: 404 unless that user may see the incident. */
  get(id: number, user?: SessionUserDto): IncidentDto {
    return this.dto(this.mustGet(id, user));
  }

  update(id: number, body: UpdateIncident, actor: Actor): IncidentDto {
    const row = this.mustGet(id, actor.user);
    const next: Partial<Pick<IncidentRow, 'title' | 'categoryId' | 'status' | 'assigneeId'>> = {};
    if (body.title !== undefined && body.title !== row.title) next.title = body.title;
    if (body.category !== undefined && body.category !== row.categoryId) next.categoryId = this.activeCategory(body.category).id;
    if (body.status !== undefined && body.status !== row.status) {
      if (!TRANSITIONS[row.status].includes(body.status)) {
        throw new AppError('invalid-status-transition',
          `An incident cannot go from "${row.status}" to "${body.status}".`);
      }
      next.status = body.status;
    }
    if (body.assigneeId !== undefined && body.assigneeId !== row.assigneeId) {
      if (body.assigneeId !== null) {
        const assignee = this.users.byId(body.assigneeId);
        if (!assignee) throw new AppError('assignee-not-found', `User ${body.assigneeId} does not exist.`);
        if (assignee.disabled || assignee.role === 'resident') {
          throw new AppError('assignee-not-staff', 'Only an active admin, police officer or operator can handle an incident.');
        }
      }
      next.assigneeId = body.assigneeId;
    }
    const changes = (Object.keys(next) as (keyof typeof next)[]).map((field) => ({ field, from: row[field], to: next[field] }));
    if (changes.length) {
      this.incidents.update(id, next);
      this.log.addHistory(id, actor.user.id, changes);
      this.custody(id, actor, 'update', changes.map((c) => c.field).join(', '));
      if (next.title) this.reindex(id);
    }
    const dto = this.dto(this.incidents.get(id)!);
    if (changes.length) this.emit('updated', dto);
    return dto;
  }

  addNote(id: number, body: string, actor: Actor): IncidentDetailDto {
    this.mustGet(id, actor.user);
    this.addNoteRow(id, body, actor);
    this.emit('updated', this.get(id));
    return this.detail(id, actor);
  }

  custody(incidentId: number, actor: Actor, action: string, detail?: string): void {
    this.log.addCustody({ incidentId, userId: actor.user.id, username: actor.user.username, action, detail, ip: actor.ip });
  }

  custodyLog(incidentId: number) {
    return this.log.custody(incidentId);
  }

  /** The incident; with a user, only when one of its cameras lies in that user's areas (or they have no limit). */
  mustGet(id: number, user?: SessionUserDto): IncidentRow {
    const row = Number.isSafeInteger(id) ? this.incidents.get(id) : undefined;
    const hidden = row && user?.areaScope && !this.incidents.inAreas(id, user.areaScope);
    if (!row || hidden) throw new AppError('incident-not-found', `Incident ${id} does not exist.`);
    return row;
  }

  private addNoteRow(id: number, body: string, actor: Actor) {
    this.log.addNote(id, actor.user.id, body);
    this.custody(id, actor, 'note');
    this.reindex(id);
  }

  private reindex(id: number) {
    const row = this.incidents.get(id)!;
    this.incidents.reindex(id, row.title, this.log.notes(id).map((n) => n.body).join('\n'));
  }

  private activeCategory(id: string) {
    const c = this.categories().find((x) => x.id === id && x.active);
    if (!c) throw new AppError('unknown-category', `"${id}" is not an incident category.`);
    return c;
  }

  private refs(ids: number[]): (id: number) => UserRefDto {
    const map = new Map(this.users.refs(ids).map((u) => [u.id, u]));
    return (id) => map.get(id) ?? { id, username: '?', displayName: '?' };
  }

  private dto(row: IncidentRow): IncidentDto {
    return this.dtos([row])[0]!;
  }

  private dtos(rows: IncidentRow[]): IncidentDto[] {
    const cats = new Map(this.categories().map((c) => [c.id, c]));
    const clips = new Map<number, IncidentCameraRow[]>();
    for (const c of this.incidents.cameras(rows.map((r) => r.id))) {
      clips.set(c.incidentId, [...(clips.get(c.incidentId) ?? []), c]);
    }
    const refs = this.refs(rows.flatMap((r) => (r.assigneeId ? [r.createdBy, r.assigneeId] : [r.createdBy])));
    return rows.map((r) => ({
      id: r.id, title: r.title, status: r.status, occurredAt: r.occurredAt, preRollSec: r.preRollSec,
      postRollSec: r.postRollSec, createdAt: r.createdAt, updatedAt: r.updatedAt,
      category: cats.get(r.categoryId) ?? { id: r.categoryId, vi: r.categoryId, en: r.categoryId, active: false },
      assignee: r.assigneeId ? refs(r.assigneeId) : null,
      createdBy: refs(r.createdBy),
      clips: (clips.get(r.id) ?? []).map((c) => ({
        cameraId: c.cameraId, cameraName: c.cameraName, status: c.clipStatus, sha256: c.clipSha256,
        bytes: c.clipBytes, start: c.clipStart, end: c.clipEnd, error: c.clipError,
      })),
    }));
  }
}

function encodeCursor(r: IncidentRow): string {
  return Buffer.from(`${r.occurredAt}|${r.id}`).toString('base64url');
}

function decodeCursor(cursor: string): { occurredAt: string; id: number } {
  const [occurredAt, id] = Buffer.from(cursor, 'base64url').toString().split('|');
  if (!occurredAt || !id || Number.isNaN(Date.parse(occurredAt)) || !/^\d+$/.test(id)) {
    throw new AppError('bad-cursor', 'The page cursor is not valid; start again from the first page.');
  }
  return { occurredAt, id: Number(id) };
}
