// Residents' own cameras: registration (their area, their name on it, waiting for approval), the owner's consent
// (what is shared, taking effect at once), the officers' approval, and the owner's access log. The rules of who may
// do what are server/access/permissions.ts; this file applies them to these actions and tells the registry
// (CameraService 'changed') so sockets, the recorder and live views follow at once.
import { EventEmitter } from 'node:events';
import { z } from 'zod';
import { can, CONSENTS, isStaff, mayRecord, type Consent, type Subject } from '../access/permissions.ts';
import type { AuditEvent, AuditQuery } from '../audit/audit-service.ts';
import type {
  AuditAction, AuditPageDto, CameraAccessLogDto, CameraApprovalEventDto, CameraDto, ConsentResultDto, SessionUserDto,
} from '../contracts.ts';
import type { CamerasRepo } from '../db/cameras-repo.ts';
import { AppError } from '../errors.ts';
import { cameraFacts, forViewer, sharesOf } from './camera-dto.ts';
import { consentList, type CreateCamera, type UpdateCamera } from './camera-schemas.ts';
import type { CameraService, DtoView } from './camera-service.ts';
import { assertPublicHost, type Resolve } from './resident-address.ts';

// eslint-disable-next-line no-control-regex
const noControl = /^[^\u0000-\u001f\u007f]*$/;

export const consentBody = z.strictObject({
  shares: consentList.describe('the whole choice: what is not listed is not shared'),
  deleteRecordings: z.boolean().default(false).describe('delete the recordings held now (not those held for an incident)'),
});

export const approvalBody = z.strictObject({
  decision: z.enum(['approve', 'decline', 'suspend']),
  reason: z.string().trim().max(500).regex(noControl, 'no control characters').optional()
    .describe('required to decline or suspend; the owner reads it'),
});

export const accessLogQuery = z.strictObject({
  cursor: z.string().regex(/^\d{1,15}$/).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

/** The source kinds a resident may register (ONVIF onboarding and discovery stay with staff). */
const RESIDENT_KINDS: readonly string[] = ['rtsp', 'rtmp-push', 'nvr'];
/** What the owner's access log lists: someone saw or took footage of the camera. */
const ACCESS_ACTIONS: readonly AuditAction[] = ['live-view-start', 'playback', 'snapshot', 'export', 'clip-download'];
const CONSENT_WORD = { true: 'bật', false: 'tắt' } as const;

export interface ResidentCameraDeps {
  cameras: CameraService;
  repo: CamerasRepo;
  audit: { record(e: AuditEvent): unknown; forCameraOwner(ids: readonly string[], q: AuditQuery): AuditPageDto };
  /** the recorder and the recordings (server/recording) */
  footage: {
    /** stops recording the camera now; resolves once its open file is closed and indexed */
    stopRecording(cameraId: string): Promise<void>;
    /** counts what an incident holds and, with `remove`, deletes the rest (Retention.releaseCamera) */
    release(cameraId: string, remove: boolean): Promise<{ held: number; deleted: number }>;
  };
  /** connection tests a resident may run per window (default 10 per 10 minutes) */
  previewLimit?: { max: number; windowMs: number };
  /** residents may point the hub at private, loopback or link-local addresses (a commune with a VPN to households) */
  allowPrivateAddresses?: boolean;
  /** name resolution of a resident's camera host (default: the system's) */
  resolve?: Resolve;
  now?: () => number;
}

type Actor = SessionUserDto;

/** Emits `decided` (to the owner's socket room, wired in app.ts). */
export class ResidentCameraService extends EventEmitter<{ decided: [e: CameraApprovalEventDto & { ownerId: number }] }> {
  private readonly previews = new Map<number, number[]>();
  private readonly now: () => number;

  constructor(private readonly d: ResidentCameraDeps) {
    super();
    this.now = d.now ?? Date.now;
  }

  /**
   * POST /api/cameras. A resident's camera: in their own area, theirs, waiting for an officer's approval, sharing
   * what they ticked (nothing by default). An admin's: the post's own, approved, placed where they say.
   */
  async register(user: Actor, body: CreateCamera, view: DtoView): Promise<CameraDto[]> {
    if (user.role === 'admin') {
      if (body.shares.length) throw new AppError('bad-request', 'The post\'s own cameras share nothing: they need no consent.');
      return this.d.cameras.create(body, view, { areaId: body.areaId ?? null, place: body.place ?? null, ownerId: null, approval: 'approved' });
    }
    await this.assertResidentSource(user, body);
    if (body.areaId !== undefined) throw new AppError('forbidden', 'A resident\'s camera is in the resident\'s own area.');
    if (user.areaId === null) {
      throw new AppError('resident-without-area', 'Your account is not placed in an area yet: ask the police post to place it.');
    }
    if (!body.place) throw new AppError('place-required', 'Say where the camera looks (at most 120 characters).');
    const cameras = await this.d.cameras.create(body, view, { areaId: user.areaId, place: body.place, ownerId: user.id, approval: 'pending' });
    if (body.shares.length) {
      for (const c of cameras) this.d.repo.setShares(c.id, sharesFlags(body.shares));
      for (const c of cameras) this.announce(c.id, false);
    }
    return cameras.map((c) => this.d.cameras.get(c.id, user, view));
  }

  /** POST /api/cameras/preview: admins as before; residents only for the kinds they may add, a few per window. */
  async assertPreview(user: Actor, body: CreateCamera): Promise<void> {
    if (user.role === 'admin') return;
    await this.assertResidentSource(user, body);
    const { max, windowMs } = this.d.previewLimit ?? { max: 10, windowMs: 600_000 };
    const now = this.now();
    const recent = (this.previews.get(user.id) ?? []).filter((t) => t > now - windowMs);
    if (recent.length >= max) {
      const wait = Math.max(1, Math.ceil((recent[0]! + windowMs - now) / 1000));
      throw new AppError('preview-rate-limited', `Too many connection tests: try again in ${wait} s.`, { retryAfterSec: wait });
    }
    recent.push(now);
    this.previews.set(user.id, recent);
  }

  /** PATCH /api/cameras/:id ('manage'): the area of a camera is the post's to set, on its own cameras. */
  async update(id: string, user: Actor, body: UpdateCamera) {
    this.d.cameras.assertRight(id, user, 'manage');
    const row = this.d.repo.get(id)!;
    if (row.ownerId !== null && body.source) await this.assertReachable([body.source.url, body.source.subUrl]);
    if (body.areaId !== undefined && row.ownerId !== null) {
      throw new AppError('forbidden', 'A resident\'s camera stays in the resident\'s own area.');
    }
    if (body.place === null && row.ownerId !== null) throw new AppError('place-required', 'A resident\'s camera says where it looks.');
    return this.d.cameras.update(id, body);
  }

  /**
   * PUT /api/cameras/:id/consent (the owner). Takes effect at once: the registry's `changed` moves socket rooms,
   * re-plans the recorder, and the live push checks its subscriptions again at once, ending the views that lost the right.
   * Footage overlapping an incident stays (legal hold); the rest follows retention, or is deleted now on request.
   */
  async changeConsent(id: string, user: Actor, body: z.infer<typeof consentBody>, ip: string | null): Promise<ConsentResultDto> {
    this.d.cameras.assertRight(id, user, 'consent');
    const before = this.d.repo.get(id)!;
    const was = sharesOf(before);
    const changes = CONSENTS.filter((c) => was.includes(c) !== body.shares.includes(c));
    const withdrawn = changes.some((c) => was.includes(c));
    if (changes.length) {
      this.d.repo.setShares(id, sharesFlags(body.shares));
      const after = this.d.repo.get(id)!;
      // the open file is closed before anything is counted or deleted
      if (mayRecord(cameraFacts(before)) && !mayRecord(cameraFacts(after))) await this.d.footage.stopRecording(id);
      this.announce(id, true);
    }
    const { held, deleted } = withdrawn || body.deleteRecordings
      ? await this.d.footage.release(id, body.deleteRecordings)
      : { held: 0, deleted: 0 };
    if (changes.length || deleted) {
      const detail = [
        ...changes.map((c) => `${c}: ${CONSENT_WORD[`${was.includes(c)}`]}→${CONSENT_WORD[`${body.shares.includes(c)}`]}`),
        ...(body.deleteRecordings ? [`xoá ${deleted} đoạn ghi, giữ ${held} đoạn cho vụ việc`] : []),
      ].join('; ');
      this.d.audit.record({ user, action: 'consent-change', cameraId: id, detail, ip });
    }
    return { camera: this.d.cameras.get(id, user), heldForIncidents: held, deletedRecordings: deleted };
  }

  /** GET /api/approvals: the residents' cameras waiting for this officer (within their areas), oldest first. */
  pending(user: Actor): CameraDto[] {
    if (!isStaff(user.role) || user.role === 'operator') throw new AppError('forbidden', 'Only officers approve residents\' cameras.');
    return this.d.repo.list()
      .filter((c) => c.approval === 'pending' && can(user, cameraFacts(c), 'approve'))
      .sort((a, b) => a.updatedAt.localeCompare(b.updatedAt))
      .map((c) => this.d.cameras.get(c.id, user));
  }

  /** POST /api/cameras/:id/approval: approve a waiting camera, decline it, or suspend an approved one. */
  decide(id: string, user: Actor, body: z.infer<typeof approvalBody>, ip: string | null): CameraDto {
    this.d.cameras.assertRight(id, user, 'approve');
    const row = this.d.repo.get(id)!;
    const from = body.decision === 'suspend' ? 'approved' : 'pending';
    if (row.approval !== from) {
      throw new AppError('invalid-status-transition', `A camera that is ${row.approval} cannot be given "${body.decision}".`);
    }
    const reason = body.reason || null;
    if (body.decision !== 'approve' && !reason) throw new AppError('approval-reason-required', 'Say why: the owner reads it.');
    const state = body.decision === 'approve' ? 'approved' : 'declined';
    this.d.repo.setApproval(id, state, user.id, reason);
    this.announce(id, true);
    const word = { approve: 'duyệt', decline: 'từ chối', suspend: 'tạm ngừng' }[body.decision];
    this.d.audit.record({
      user, action: state === 'approved' ? 'camera-approved' : 'camera-declined', cameraId: id, ip,
      detail: reason ? `${word}: ${reason}` : word,
    });
    const after = this.d.repo.get(id)!;
    this.emit('decided', {
      ownerId: row.ownerId!, cameraId: id, cameraName: after.name, decision: body.decision, state, reason,
      at: after.approvedAt ?? new Date(this.now()).toISOString(),
    });
    // as the officer saw it to judge it (an approved camera that shares nothing is its owner's alone from now on)
    return forViewer(this.d.cameras.toDto(after), user);
  }

  /** GET /api/cameras/:id/access-log (the owner): who else saw or took its footage, newest first, never their address. */
  accessLog(id: string, user: Actor, q: z.infer<typeof accessLogQuery>): CameraAccessLogDto {
    this.d.cameras.assertRight(id, user, 'consent');
    const page = this.d.audit.forCameraOwner([id], { cursor: q.cursor, limit: q.limit });
    return {
      entries: page.entries
        .filter((e) => ACCESS_ACTIONS.includes(e.action) && e.userId !== user.id)
        .map((e) => ({ at: e.at, displayName: e.displayName, role: e.role, action: e.action, detail: e.detail })),
      nextCursor: page.nextCursor,
    };
  }

  private async assertResidentSource(user: Subject, body: CreateCamera): Promise<void> {
    if (user.role !== 'resident') throw new AppError('forbidden', 'Your role does not allow adding cameras.');
    const src = body.source;
    if (!RESIDENT_KINDS.includes(src.kind)) {
      throw new AppError('source-kind-not-allowed', 'Residents add a camera by RTMP push, an RTSP address or a recorder\'s channels.');
    }
    if (src.kind === 'rtsp') await this.assertReachable([src.url, src.subUrl]);
    if (src.kind === 'nvr') await this.assertReachable([`rtsp://${src.host.includes(':') ? `[${src.host}]` : src.host}/`]);
  }

  /** A resident's camera is reached over the internet: its hosts must be public (resident-address.ts). */
  private async assertReachable(urls: (string | null | undefined)[]): Promise<void> {
    if (this.d.allowPrivateAddresses) return;
    for (const url of urls) {
      if (!url) continue;
      let host: string;
      try {
        host = new URL(url).hostname;
      } catch {
        continue; // the URL rules (camera-url.ts) answer a malformed address with their own error
      }
      await assertPublicHost(host, this.d.resolve);
    }
  }

  /** Tells every module (sockets, recorder, live views) that who may see or record the camera may have changed. */
  private announce(id: string, recordingChanged: boolean): void {
    const camera = this.d.cameras.viewerDto(id);
    if (camera) this.d.cameras.emit('changed', { camera, sourceChanged: false, recordingChanged });
  }
}

function sharesFlags(shares: readonly Consent[]) {
  return { policeLive: shares.includes('police-live'), policeOnRequest: shares.includes('police-on-request'), group: shares.includes('group') };
}
