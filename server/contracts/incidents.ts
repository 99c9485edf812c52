// Shared with the web app (type-only there; re-exported by server/contracts.ts).
// Incidents (vụ việc): DTOs of /api/incidents.

export type IncidentStatus = 'new' | 'in_progress' | 'resolved' | 'closed';

export interface IncidentCategoryDto {
  id: string;
  vi: string;
  en: string;
  active: boolean;
}

export interface UserRefDto {
  id: number;
  username: string;
  displayName: string;
}

export interface IncidentClipDto {
  cameraId: string;
  cameraName: string;
  status: 'pending' | 'ready' | 'failed';
  sha256: string | null;
  bytes: number | null;
  /** ISO UTC of the first and last recorded instant in the clip */
  start: string | null;
  end: string | null;
  error: string | null;
}

export interface IncidentDto {
  id: number;
  title: string;
  category: IncidentCategoryDto;
  status: IncidentStatus;
  occurredAt: string;
  preRollSec: number;
  postRollSec: number;
  assignee: UserRefDto | null;
  createdBy: UserRefDto;
  createdAt: string;
  updatedAt: string;
  clips: IncidentClipDto[];
}

export interface IncidentNoteDto {
  id: number;
  author: UserRefDto;
  body: string;
  createdAt: string;
}

export interface IncidentChangeDto {
  id: number;
  user: UserRefDto;
  changes: { field: string; from: unknown; to: unknown }[];
  at: string;
}

export interface IncidentDetailDto extends IncidentDto {
  notes: IncidentNoteDto[];
  history: IncidentChangeDto[];
}

export interface IncidentPageDto {
  incidents: IncidentDto[];
  /** pass as `cursor` for the next page; null on the last page */
  nextCursor: string | null;
}
