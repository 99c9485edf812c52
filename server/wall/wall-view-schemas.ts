// Request bodies of /api/wall-views. Shapes only: the rules with their own error codes (name, slots matching
// the layout, cameras, sharing) are checked by WallViewService so the codes stay stable.
import { z } from 'zod';

export const WALL_LAYOUTS = [1, 4, 9, 16, 25, 36] as const;

const layout = z.union(WALL_LAYOUTS.map((n) => z.literal(n))).describe('tiles: 1, 4, 9, 16, 25 or 36');
const name = z.string().max(500).describe('1–60 characters, unique among the owner\u2019s views');
const slots = z.array(z.string().min(1).max(100).nullable()).max(36)
  .describe('one entry per tile: a camera id or null');
const shared = z.boolean().describe('shown to all staff; only staff may share');

export const createWallViewBody = z.strictObject({ name, layout, slots, shared: shared.optional() });
export type CreateWallView = z.infer<typeof createWallViewBody>;

export const updateWallViewBody = z.strictObject({
  name: name.optional(),
  layout: layout.optional().describe('without slots, the saved cameras are fitted into the new layout'),
  slots: slots.optional(),
  shared: shared.optional(),
});
export type UpdateWallView = z.infer<typeof updateWallViewBody>;

export const lastWallViewBody = z.strictObject({
  viewId: z.number().int().positive().nullable().describe('null: the automatic wall of all cameras'),
});
