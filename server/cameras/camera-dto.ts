// A stored camera as the browser sees it: never a password, and the RTMP stream key only inside the publish URL
// of the view of whoever may manage the camera (admins: the post's cameras; a resident: their own).
import type { CameraDto, CameraRecordingDto, CameraSourceDto, StreamStatusDto, StreamName, StreamStatus } from '../contracts.ts';
import { isStaff, type CameraFacts, type Consent, type Subject } from '../access/permissions.ts';
import type { CameraRow } from '../db/cameras-repo.ts';

export interface DtoView {
  /** `rtmp://<host>:<port>/live/`, to which the stream key is appended: only for whoever may manage the camera */
  publishBase?: string | null;
}

export interface LiveStatus {
  status: StreamStatus;
  lastError: string | null;
  streams: Partial<Record<StreamName, StreamStatusDto>>;
}

export interface SourceDtoContext {
  publishing: boolean;
  /** the decrypted stream key, only when the view may see it */
  streamKey: () => string | null;
}

export function sourceDto(row: CameraRow, view: DtoView, ctx: SourceDtoContext): CameraSourceDto {
  switch (row.sourceKind) {
    case 'demo':
      return { kind: 'demo', pattern: row.demoPattern ?? 'testsrc2' };
    case 'onvif':
      return {
        kind: 'onvif', host: row.deviceHost ?? '', port: row.devicePort ?? 80, username: row.deviceUsername,
        url: row.mainUrl ?? '', subUrl: row.subUrl, hasPassword: row.devicePasswordEnc !== null,
        manufacturer: row.manufacturer, model: row.model, ptz: row.ptz, snapshot: row.snapshotUrl !== null,
      };
    case 'nvr':
      return {
        kind: 'nvr', vendor: row.nvrVendor ?? '', host: row.deviceHost ?? '', port: row.devicePort ?? 554,
        channel: row.nvrChannel ?? 0, username: row.deviceUsername, url: row.mainUrl ?? '', subUrl: row.subUrl,
        hasPassword: row.mainPasswordEnc !== null,
      };
    case 'rtmp-push': {
      const key = view.publishBase ? ctx.streamKey() : null;
      return { kind: 'rtmp-push', publishing: ctx.publishing, ...(key ? { publishUrl: `${view.publishBase}${key}` } : {}) };
    }
    case 'rtsp':
      return { kind: 'rtsp', url: row.mainUrl!, subUrl: row.subUrl, hasPassword: row.mainPasswordEnc !== null };
  }
}

export function cameraDto(row: CameraRow, source: CameraSourceDto, live: LiveStatus & { at: string }, recording: CameraRecordingDto): CameraDto {
  return {
    id: row.id,
    name: row.name,
    demo: row.isDemo,
    source,
    group: row.groupId ? { id: row.groupId, name: row.groupName ?? '' } : null,
    ptz: row.sourceKind === 'onvif' && row.ptz,
    hasSub: row.subUrl !== null,
    status: live.status,
    lastError: live.lastError,
    streams: live.streams,
    recording,
    areaId: row.areaId,
    place: row.place,
    owner: row.ownerId === null ? null : { id: row.ownerId, displayName: row.ownerName ?? '' },
    shares: sharesOf(row),
    approval: { state: row.approval, reason: row.approvalReason, at: row.approvedAt, by: row.approvedByName },
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/** What the owner shares, in the order of the consent form. */
export function sharesOf(row: CameraRow): Consent[] {
  const out: Consent[] = [];
  if (row.sharePoliceLive) out.push('police-live');
  if (row.sharePoliceOnRequest) out.push('police-on-request');
  if (row.shareGroup) out.push('group');
  return out;
}

/** What the permission rules need of a stored camera. */
export function cameraFacts(row: CameraRow): CameraFacts {
  return { ownerId: row.ownerId, areaId: row.areaId, shares: sharesOf(row), approval: row.approval };
}

/**
 * A camera as one person may see it: staff and the owner see whose camera it is; a neighbour sees that it is a
 * resident's camera (the id stays, so the web app's copy of the rules reaches the same answer) but not whose.
 */
export function forViewer(dto: CameraDto, user: Pick<Subject, 'id' | 'role'>): CameraDto {
  if (!dto.owner || isStaff(user.role) || dto.owner.id === user.id) return dto;
  return { ...dto, owner: { id: dto.owner.id, displayName: '' } };
}
