import { EventEmitter } from 'node:events';
import { inScope, isOfficer, isStaff } from '../access/permissions.ts';
import type { AuditService } from '../audit/audit-service.ts';
import type { CameraService } from '../cameras/camera-service.ts';
import type { FootageRequestDto, FootageRequestStatus, SessionUserDto } from '../contracts.ts';
import type { CamerasRepo } from '../db/cameras-repo.ts';
import type { FootageRequestRow, FootageRequestsRepo } from '../db/footage-requests-repo.ts';
import type { IncidentsRepo } from '../db/incidents-repo.ts';
import { AppError } from '../errors.ts';
import type { ClipService } from '../incidents/clip-service.ts';
import type { Actor, IncidentService } from '../incidents/incident-service.ts';
import type { AnswerFootageRequest, CreateFootageRequest } from './footage-request-schemas.ts';

export interface FootageRequestOptions {
  expireDays: number;
  maxRangeMinutes: number;
  defaultCategory: string;
}

export interface FootageRequestDeps {
  repo: FootageRequestsRepo;
  cameras: CameraService;
  camerasRepo: CamerasRepo;
  incidents: IncidentService;
  incidentsRepo: IncidentsRepo;
  clips: ClipService;
  audit: AuditService;
  now?: () => number;
}

/** Each event names the people it is for: the camera's owner and the requester (socket rooms user:<id>). */
export interface FootageRequestEvents {
  created: [FootageRequestDto, number[]];
  updated: [FootageRequestDto, number[]];
}

const DAY_MS = 86_400_000;
/** a request may end up to a minute ahead of the hub's clock (the officer's clock may run a little fast) */
const CLOCK_SLACK_MS = 60_000;
const LIST_LIMIT = 200;
const iso = (ms: number) => new Date(ms).toISOString();

/**
 * Police asking a camera's owner for the footage of a time range (trích xuất hình ảnh). An officer holding the
 * 'request' right on a camera (its owner shares `police-on-request`) asks; the owner approves or declines; an
 * approval cuts the clip into the incident through the ClipService — into the named incident, or into a new one
 * flagged by the requester — and writes the consent into that incident's custody log. See README.md.
 */
export class FootageRequestService extends EventEmitter<FootageRequestEvents> {
  private readonly now: () => number;

  constructor(private readonly d: FootageRequestDeps, private readonly o: FootageRequestOptions) {
    super();
    this.now = d.now ?? Date.now;
    // the clip's fate reaches both sides: ready, or failed with its reason (e.g. nothing recorded in the range)
    const clipDone = (e: { incidentId: number; cameraId: string }) => {
      for (const id of d.repo.approvedFor(e.incidentId, e.cameraId)) this.tell('updated', d.repo.get(id)!);
    };
    d.clips.on('ready', clipDone);
    d.clips.on('failed', clipDone);
  }

  create(body: CreateFootageRequest, actor: Actor): FootageRequestDto {
    const { user } = actor;
    if (!isOfficer(user.role)) this.d.cameras.assertRight(body.cameraId, user, 'request'); // 404, or 403 for what they see
    // a camera whose footage the officer may already play back needs no one's leave: flag an incident instead
    if (this.d.cameras.allows(body.cameraId, user, 'recordings')) {
      throw new AppError('footage-request-not-needed', 'You can play this camera back yourself: flag an incident to keep its clip.');
    }
    this.d.cameras.assertRight(body.cameraId, user, 'request');
    const fromMs = Date.parse(body.from);
    const toMs = Date.parse(body.to);
    if (toMs <= fromMs) throw new AppError('bad-time-range', '`to` must be after `from`.');
    if (toMs > this.now() + CLOCK_SLACK_MS) throw new AppError('bad-time-range', 'The range cannot end in the future.');
    if (toMs - fromMs > this.o.maxRangeMinutes * 60_000) {
      throw new AppError('bad-time-range', `At most ${this.o.maxRangeMinutes} minutes per request.`);
    }
    const incidentId = body.incidentId ?? null;
    if (incidentId !== null) {
      this.d.incidents.get(incidentId, user); // 404 unless the officer may see it
      if (this.d.repo.clipTaken(body.cameraId, incidentId)) {
        throw new AppError('footage-request-duplicate', 'This incident already holds or awaits footage of this camera.');
      }
    }
    const category = incidentId === null ? this.category(body.category) : null;
    const id = this.d.repo.insert({
      cameraId: body.cameraId, incidentId, requestedBy: user.id, category, reason: body.reason, fromMs, toMs,
    }, iso(this.now()));
    const row = this.d.repo.get(id)!;
    this.d.audit.record({
      user, action: 'footage-request', cameraId: row.cameraId, incidentId, ip: actor.ip, detail: `#${id} ${span(row)}`,
    });
    if (incidentId !== null) this.d.incidents.custody(incidentId, actor, 'footage-request', `#${id} ${row.cameraId} ${span(row)}`);
    return this.tell('created', row);
  }

  /** Residents: the requests on their cameras; officers: those in their areas and their own; operators: none. */
  list(user: SessionUserDto, status?: FootageRequestStatus): FootageRequestDto[] {
    this.expireDue();
    if (isStaff(user.role) && !isOfficer(user.role)) {
      throw new AppError('forbidden', 'Footage requests are between officers and camera owners.');
    }
    const scope = user.role === 'resident'
      ? { kind: 'owner' as const, userId: user.id }
      : { kind: 'officer' as const, userId: user.id, areaScope: user.areaScope };
    return this.d.repo.list(scope, status, LIST_LIMIT).map((r) => this.dto(r));
  }

  get(id: number, user: SessionUserDto): FootageRequestDto {
    this.expireDue();
    return this.dto(this.visible(id, user));
  }

  /** The camera's owner answers a pending request; approving hands over that range and nothing else. */
  answer(id: number, body: AnswerFootageRequest, actor: Actor): FootageRequestDto {
    this.expireDue();
    const { user } = actor;
    const row = this.visible(id, user);
    if (row.ownerId !== user.id) throw new AppError('footage-request-not-owner', 'Only the camera\'s owner answers this request.');
    if (row.status !== 'pending') throw new AppError('footage-request-closed', `This request is ${row.status}.`);
    const note = body.note || null;
    const at = iso(this.now());
    if (body.decision === 'decline') {
      if (!this.d.repo.close(id, 'declined', user.id, note, at)) throw new AppError('footage-request-closed', 'This request is closed.');
      this.d.audit.record({ user, action: 'request-declined', cameraId: row.cameraId, incidentId: row.incidentId, ip: actor.ip, detail: `#${id}` });
      if (row.incidentId !== null) this.d.incidents.custody(row.incidentId, actor, 'footage-declined', `#${id} ${row.cameraId}`);
      return this.tell('updated', this.d.repo.get(id)!);
    }
    const { incidentId, created } = this.d.repo.transaction(() => {
      if (!this.d.repo.close(id, 'approved', user.id, note, at)) throw new AppError('footage-request-closed', 'This request is closed.');
      return this.handOver(row, actor, at, note);
    });
    this.d.audit.record({ user, action: 'request-approved', cameraId: row.cameraId, incidentId, ip: actor.ip, detail: `#${id} ${span(row)}` });
    // the incident's watchers learn of it as of a flagged one; the clip is cut once its range is recorded
    const incident = this.d.incidents.get(incidentId);
    this.d.incidents.emit(created ? 'created' : 'updated', incident);
    this.d.clips.schedulePending();
    return this.tell('updated', this.d.repo.get(id)!);
  }

  /** The requester takes back a request nobody answered yet. */
  withdraw(id: number, actor: Actor): FootageRequestDto {
    this.expireDue();
    const row = this.visible(id, actor.user);
    if (row.requestedBy !== actor.user.id) throw new AppError('footage-request-not-requester', 'Only the requester withdraws this request.');
    if (!this.d.repo.close(id, 'withdrawn', actor.user.id, null, iso(this.now()))) {
      throw new AppError('footage-request-closed', `This request is ${row.status}.`);
    }
    if (row.incidentId !== null) this.d.incidents.custody(row.incidentId, actor, 'footage-withdrawn', `#${id} ${row.cameraId}`);
    return this.tell('updated', this.d.repo.get(id)!);
  }

  /** Pending requests older than expireDays expire (lazily, whenever requests are read or answered). */
  expireDue(): void {
    for (const id of this.d.repo.expire(iso(this.now() - this.o.expireDays * DAY_MS))) this.tell('updated', this.d.repo.get(id)!);
  }

  /**
   * Inside the answer's transaction: the camera joins the incident (a new one flagged by the requester when none was
   * named) with its clip pending over exactly the approved range, and the custody log records the consent.
   */
  private handOver(row: FootageRequestRow, actor: Actor, at: string, note: string | null) {
    const camera = this.d.camerasRepo.get(row.cameraId);
    if (!camera) throw new AppError('camera-not-found', `Camera ${row.cameraId} does not exist.`);
    const requester: Actor = {
      user: { id: row.requestedBy, username: row.requesterUsername, displayName: row.requesterName, role: row.requesterRole, areaId: null, areaScope: null },
    };
    let incidentId = row.incidentId;
    const created = incidentId === null;
    if (incidentId === null) {
      const category = this.category(row.category ?? undefined);
      incidentId = this.d.incidentsRepo.insert({
        title: `Trích xuất hình ảnh — ${camera.name}`.slice(0, 200), categoryId: category, status: 'new',
        occurredAt: iso(Math.floor(row.fromMs / 1000) * 1000), preRollSec: 0, postRollSec: Math.ceil((row.toMs - row.fromMs) / 1000),
        assigneeId: null, createdBy: row.requestedBy,
      }, []);
      this.d.repo.setIncident(row.id, incidentId);
      this.d.incidents.custody(incidentId, requester, 'create', `footage request #${row.id}: camera ${camera.id}`);
    }
    const incident = this.d.incidentsRepo.get(incidentId);
    if (!incident) throw new AppError('incident-not-found', `Incident ${incidentId} does not exist.`);
    if (this.d.incidentsRepo.cameras([incidentId]).some((c) => c.cameraId === camera.id)) {
      throw new AppError('footage-request-duplicate', 'This incident already holds footage of this camera.');
    }
    this.d.repo.attachClip(incidentId, { id: camera.id, name: camera.name }, incident.occurredAt, row.fromMs, row.toMs);
    const u = actor.user;
    this.d.incidents.custody(incidentId, actor, 'consent', [
      `footage request #${row.id} approved by ${u.displayName} (${u.username}, ${u.role}, the camera's owner) at ${at}`,
      `camera ${camera.id} "${camera.name}"`, `range ${iso(row.fromMs)} → ${iso(row.toMs)}`,
      `requested by ${row.requesterName} (${row.requesterUsername}): ${row.reason}`, ...(note ? [`owner's note: ${note}`] : []),
    ].join('; '));
    return { incidentId, created };
  }

  private category(asked: string | undefined): string {
    const active = this.d.incidents.categories().filter((c) => c.active);
    if (asked !== undefined) {
      if (!active.some((c) => c.id === asked)) throw new AppError('unknown-category', `"${asked}" is not an incident category.`);
      return asked;
    }
    return (active.find((c) => c.id === this.o.defaultCategory) ?? active[0]!).id;
  }

  /** The request if the user may see it: the camera's owner, the requester, officers of its area. */
  private visible(id: number, user: SessionUserDto): FootageRequestRow {
    const row = Number.isSafeInteger(id) ? this.d.repo.get(id) : undefined;
    const sees = row && (user.role === 'resident' ? row.ownerId === user.id
      : isOfficer(user.role) && (row.requestedBy === user.id || inScope(user, row.areaId)));
    if (!row || !sees) throw new AppError('footage-request-not-found', `Footage request ${id} does not exist.`);
    return row;
  }

  private tell(event: keyof FootageRequestEvents, row: FootageRequestRow): FootageRequestDto {
    const dto = this.dto(row);
    this.emit(event, dto, [...new Set([row.requestedBy, ...(row.ownerId === null ? [] : [row.ownerId])])]);
    return dto;
  }

  private dto(r: FootageRequestRow): FootageRequestDto {
    return {
      id: r.id, cameraId: r.cameraId, cameraName: r.cameraName, cameraPlace: r.cameraPlace,
      incidentId: r.incidentId, incidentTitle: r.incidentTitle,
      requestedBy: { id: r.requestedBy, displayName: r.requesterName, role: r.requesterRole },
      reason: r.reason, from: iso(r.fromMs), to: iso(r.toMs), status: r.status,
      answeredBy: r.answeredBy === null ? null : { id: r.answeredBy, displayName: r.answererName ?? '?' },
      answeredAt: r.answeredAt, answerNote: r.answerNote, createdAt: r.createdAt,
      expiresAt: r.status === 'pending' ? iso(Date.parse(r.createdAt) + this.o.expireDays * DAY_MS) : null,
      clip: r.clipStatus === null ? null : { status: r.clipStatus, error: r.clipError },
    };
  }
}

const span = (r: Pick<FootageRequestRow, 'fromMs' | 'toMs'>) => `${iso(r.fromMs)} → ${iso(r.toMs)}`;
