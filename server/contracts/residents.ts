// Shared with the web app (type-only there; re-exported by server/contracts.ts).
// Areas, resident invitations, consent and footage requests (issue #9). The rules of who may see what are in
// server/access/permissions.ts, which the web app imports as a value.
import type { Consent } from '../access/permissions.ts';

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
  /** path + token, e.g. /moi/<token>; the browser puts its own origin before it */
  path: string;
  /** e.g. 7K3-9QF, to type on a phone instead of following the link */
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
  incidentId: number | null;
  incidentTitle: string | null;
  requestedBy: { id: number; displayName: string };
  reason: string;
  /** ISO UTC */
  from: string;
  to: string;
  status: FootageRequestStatus;
  answeredAt: string | null;
  answerNote: string | null;
  createdAt: string;
}
