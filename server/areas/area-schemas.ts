// Request bodies of /api/areas. Shapes only: the name rules with their own error codes (required, too long, taken)
// and the tree rules (no cycle) are checked by AreaService so the codes stay stable.
import { z } from 'zod';

const name = z.string().max(1000).describe('the area\u2019s name, 1–100 characters, unique among its siblings');
const parentId = z.number().int().positive().nullable().describe('the area it lies in; null = a root (xã/phường)');

export const createAreaBody = z.strictObject({ name, parentId });
export type CreateArea = z.infer<typeof createAreaBody>;

export const updateAreaBody = z.strictObject({ name: name.optional(), parentId: parentId.optional() });
export type UpdateArea = z.infer<typeof updateAreaBody>;
