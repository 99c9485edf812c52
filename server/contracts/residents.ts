// Shared with the web app (type-only there; re-exported by server/contracts.ts).
// Areas, resident invitations, consent and footage requests (issue #9). The rules of who may see what are in
// server/access/permissions.ts, which the web app imports as a value.
import type { Approval, Consent } from '../access/permissions.ts';
import type { CameraDto, Role } from '../contracts.ts';
import type { AuditAction } from './audit.ts';

export type { Approval, CameraRight, Consent } from '../access/permissions.ts';

/** One area of the commune: xã/phường at the root, thôn/tổ dân phố under it (deeper levels allowed). */
export interface AreaDto {
  id: number;
  parentId: number | null;
  name: string;
  /** cameras and people placed directly in this area */
  cameraCount: number;
  residentCount: number;
}

export type InvitationStatus = 'open' | 'used' | 'expired' | 'revoked';

/** A one-time invitation of a named resident into an area (valid 7 days). */
export interface InvitationDto {
  id: number;
  displayName: string;
  areaId: number;
  status: InvitationStatus;
  createdBy: string | null;
  createdAt: string;
  expiresAt: string;
  usedAt: string | null;
}

/** Only in the answer that creates it: the link and the short code are never stored in the clear. */
export interface NewInvitationDto extends InvitationDto {
  /** path + token: /invite/<token>; the browser puts its own origin before it */
  path: string;
  /** e.g. 7K3M-9QFA (8 characters), to type on a phone instead of following the link */
  code: string;
}

/** PATCH /api/cameras/:id/consent: the owner's choice, whole (what is not listed is not shared). */
export interface ConsentChangeDto {
  shares: Consent[];
  /** when a choice is withdrawn: delete the recordings the hub holds now (not those held for an incident) */
  deleteRecordings?: boolean;
}

export type FootageRequestStatus = 'pending' | 'approved' | 'declined' | 'withdrawn' | 'expired';

/** Police asking a resident for footage of a time range (trích xuất hình ảnh). */
export interface FootageRequestDto {
  id: number;
  cameraId: string;
  cameraName: string;
  /** where the camera looks, in its owner's words */
  cameraPlace: string | null;
  incidentId: number | null;
  incidentTitle: string | null;
  requestedBy: { id: number; displayName: string; role: Role };
  reason: string;
  /** ISO UTC */
  from: string;
  to: string;
  status: FootageRequestStatus;
  answeredBy: { id: number; displayName: string } | null;
  answeredAt: string | null;
  answerNote: string | null;
  createdAt: string;
  /** when it expires unanswered (pending requests) */
  expiresAt: string | null;
  /** approved: the clip cut into the incident — pending, ready, or failed with a reason both sides can read */
  clip: { status: 'pending' | 'ready' | 'failed'; error: string | null } | null;
}

/** POST /api/footage-requests */
export interface NewFootageRequestDto {
  cameraId: string;
  /** the incident the footage is for; none: approving opens one, flagged by the requester */
  incidentId?: number | null;
  /** ISO times; to > from, not in the future, at most footageRequests.maxRangeMinutes apart */
  from: string;
  to: string;
  /** why (shown to the owner), at most 500 characters */
  reason: string;
  /** the category of the incident opened when none is named (default: footageRequests.defaultCategory) */
  category?: string;
}

/** PUT /api/cameras/:id/consent: the choice takes effect at once. */
export interface ConsentResultDto {
  camera: CameraDto;
  /** segments kept because they overlap an incident's window (the police's legal hold) */
  heldForIncidents: number;
  /** segments deleted now (deleteRecordings) */
  deletedRecordings: number;
}

/** POST /api/cameras/:id/approval; decline and suspend need a reason, which the owner reads. */
export type ApprovalDecision = 'approve' | 'decline' | 'suspend';
export interface ApprovalDecisionDto {
  decision: ApprovalDecision;
  reason?: string;
}

/** Socket `camera:approval`, to the owner (room user:<id>). */
export interface CameraApprovalEventDto {
  cameraId: string;
  cameraName: string;
  decision: ApprovalDecision;
  state: Approval;
  reason: string | null;
  at: string;
}

/** GET /api/cameras/:id/access-log (the owner): who watched, played back, snapped or exported it. Never an address. */
export interface CameraAccessEntryDto {
  at: string;
  displayName: string;
  role: Role;
  action: AuditAction;
  /** the stream watched, the span played back */
  detail: string | null;
}
export interface CameraAccessLogDto {
  entries: CameraAccessEntryDto[];
  /** pass as `cursor` for older entries; null on the last page */
  nextCursor: string | null;
}
