// Shared with the web app (type-only there; re-exported by server/contracts.ts). Saved wall views (/api/wall-views).

/** Tiles on the wall: 1, 2×2, 3×3, 4×4, 5×5, 6×6. */
export type WallLayout = 1 | 4 | 9 | 16 | 25 | 36;

/** A named arrangement of cameras on the wall, saved on the hub for one user and optionally shared with staff. */
export interface WallViewDto {
  id: number;
  name: string;
  layout: WallLayout;
  /** one entry per tile (left to right, top to bottom): a camera id, or null for an empty slot — also for a
   *  camera since deleted or one the reader may not see */
  slots: (string | null)[];
  /** shown to every staff member (admin, police, operator) */
  shared: boolean;
  /** the reader owns it */
  mine: boolean;
  ownerId: number;
  ownerName: string;
  createdAt: string;
  updatedAt: string;
}

/** GET /api/wall-views: the reader's views, then views shared by others; and the view the wall opens on. */
export interface WallViewListDto {
  views: WallViewDto[];
  /** null: the automatic wall of all cameras */
  lastViewId: number | null;
}
