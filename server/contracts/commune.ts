// Shared with the web app (type-only there; re-exported by server/contracts.ts).
// The commune the hub serves and its police post, as the printed camera notice names them (GET /api/commune).

export interface CommuneDto {
  kind: 'xã' | 'phường' | 'thị trấn';
  /** without the kind, e.g. "Tân Lập"; may be empty */
  name: string;
  /** e.g. "Công an xã Tân Lập" (config commune.policePost, or "Công an" + kind + name) */
  policePost: string;
  /** the post's phone and address line (config commune.contact); empty when not set */
  contact: string;
}
