// Alerts that persist until someone acknowledges them: camera offline / back online, storage low, recording
// failing, new incident. Raised by the alert rules (camera status), the recorder and the incident service (main.ts
// subscribes); pushed by push-alerts.ts; listed and acknowledged over /api/alerts.
import { EventEmitter } from 'node:events';
import type { AlertDto, AlertKind, IncidentDto, Role, SessionUserDto } from '../contracts.ts';
import type { AlertRow, HealthRepo } from '../db/health-repo.ts';
import { AppError } from '../errors.ts';
import type { StorageAlert } from '../recording/recorder.ts';

export const STORAGE_KINDS: AlertKind[] = ['storage-low', 'recording-failed'];
const CAMERA_KINDS: AlertKind[] = ['camera-offline', 'camera-online', 'incident'];

/** Which alerts a role sees: staff the camera and incident alerts, admins also the storage ones, residents none. */
export function alertKindsFor(role: Role): AlertKind[] {
  if (role === 'admin') return [...CAMERA_KINDS, ...STORAGE_KINDS];
  if (role === 'police' || role === 'operator') return CAMERA_KINDS;
  return [];
}

export function alertDto(r: AlertRow): AlertDto {
  return {
    id: r.id, kind: r.kind, severity: r.severity, cameraId: r.cameraId, cameraName: r.cameraName, incidentId: r.incidentId,
    message: r.message, detail: r.detail, relatedId: r.relatedId, createdAt: r.createdAt, lastAt: r.lastAt, count: r.count,
    resolvedAt: r.resolvedAt,
    acknowledged: r.ackedAt && r.ackedBy ? { by: r.ackedBy, at: r.ackedAt } : null,
  };
}

export interface AlertEvents {
  created: [AlertDto];
  acknowledged: [AlertDto];
}

export class AlertService extends EventEmitter<AlertEvents> {
  constructor(
    private readonly repo: HealthRepo,
    /** the camera's current name, or null when it is gone */
    private readonly cameraName: (cameraId: string) => string | null,
    private readonly now: () => number = Date.now,
    /** the cameras a user may not see (server/access/permissions.ts): their alerts are not theirs */
    private readonly hiddenFrom: (user: SessionUserDto) => string[] = () => [],
  ) {
    super();
  }

  private iso(ms = this.now()): string {
    return new Date(ms).toISOString();
  }

  private create(a: Parameters<HealthRepo['addAlert']>[0]): AlertDto {
    const dto = alertDto(this.repo.addAlert(a));
    this.emit('created', dto);
    return dto;
  }

  /** The camera has been offline for the configured time. At most one unresolved offline alert per camera. */
  cameraOffline(cameraId: string, since: number, reason: string | null): AlertDto | null {
    if (this.repo.unresolvedOffline(cameraId)) return null;
    return this.create({
      kind: 'camera-offline', severity: 'critical', cameraId, cameraName: this.cameraName(cameraId) ?? cameraId,
      message: reason ?? 'no picture from the camera', detail: { since: this.iso(since) }, at: this.iso(),
    });
  }

  /** The camera is online again: closes its unresolved offline alert and says so. Nothing when there was none. */
  cameraOnline(cameraId: string, at: number): AlertDto | null {
    const offline = this.repo.unresolvedOffline(cameraId);
    if (!offline) return null;
    this.repo.resolve(offline.id, this.iso(at));
    const since = typeof offline.detail?.since === 'string' ? Date.parse(offline.detail.since) : Date.parse(offline.createdAt);
    return this.create({
      kind: 'camera-online', severity: 'info', cameraId, cameraName: this.cameraName(cameraId) ?? offline.cameraName,
      message: 'the camera is online again', detail: { since: offline.detail?.since ?? null, outageMs: Math.max(0, at - since) },
      relatedId: offline.id, at: this.iso(at),
    });
  }

  /** The recorder's storage alert; a repeat of one nobody acknowledged yet only counts (no new alert). */
  storage(a: StorageAlert): AlertDto | null {
    const kind: AlertKind = a.code === 'disk-full' ? 'storage-low' : 'recording-failed';
    const detail = { freedBytes: a.freedBytes };
    const open = this.repo.openOf(kind, a.cameraId);
    if (open) {
      this.repo.repeatAlert(open.id, a.message, detail, a.at);
      return null;
    }
    return this.create({
      kind, severity: 'critical', cameraId: a.cameraId, cameraName: this.cameraName(a.cameraId) ?? a.cameraId,
      message: a.message, detail, at: a.at,
    });
  }

  incident(i: IncidentDto): AlertDto {
    const cam = i.clips[0];
    return this.create({
      kind: 'incident', severity: 'warning', cameraId: cam?.cameraId ?? null, cameraName: cam?.cameraName ?? null,
      incidentId: i.id, message: i.title, detail: { title: i.title, category: i.category.id, by: i.createdBy.displayName, byId: i.createdBy.id },
      at: i.createdAt,
    });
  }

  list(user: SessionUserDto, q: { open: boolean; before?: number; limit: number }): { alerts: AlertDto[]; nextBefore: number | null } {
    const rows = this.repo.listAlerts({ ...q, kinds: alertKindsFor(user.role), limit: q.limit + 1, hiddenCameras: this.hiddenFrom(user) });
    const page = rows.slice(0, q.limit);
    return { alerts: page.map(alertDto), nextBefore: rows.length > q.limit ? page.at(-1)!.id : null };
  }

  /** Open alerts about one camera that the user may see. */
  openCount(cameraId: string, user: SessionUserDto): number {
    return this.hiddenFrom(user).includes(cameraId) ? 0 : this.repo.countOpen(cameraId, alertKindsFor(user.role));
  }

  /**
   * Acknowledges an alert (who, when); acknowledging an offline alert or its back-online alert acknowledges both.
   * Already acknowledged: unchanged (the first person stays). 404 for an alert the user may not see.
   */
  acknowledge(id: number, user: SessionUserDto): AlertDto {
    const row = this.repo.alert(id);
    if (!row || !alertKindsFor(user.role).includes(row.kind) || (row.cameraId && this.hiddenFrom(user).includes(row.cameraId))) throw new AppError('alert-not-found', `Alert ${id} does not exist.`);
    const ids = [row.id];
    if (row.relatedId) ids.push(row.relatedId);
    for (const r of this.repo.relatedTo(row.id)) ids.push(r.id);
    const changed = this.repo.ack(ids, user.id, this.iso());
    for (const changedId of changed) this.emit('acknowledged', alertDto(this.repo.alert(changedId)!));
    return alertDto(this.repo.alert(id)!);
  }

  /** Acknowledged alerts older than `days` are deleted. */
  purge(days: number): number {
    return this.repo.purgeAlerts(this.iso(this.now() - days * 86_400_000));
  }
}
