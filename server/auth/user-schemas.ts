// Request bodies of user management (/api/users, /api/auth/password). Shapes only: the rules with their own
// error codes (user name format, password length) are checked by UserService so the codes stay stable.
import { z } from 'zod';

const role = z.enum(['admin', 'police', 'operator', 'resident']).describe('what the user may do');
const displayName = z.string().trim().min(1).max(100).describe('full name shown in the UI');
const password = z.string().max(256).describe('at least 10 characters');
const areaId = z.number().int().positive().nullable().describe('a resident\u2019s home area (required for residents)');
const areaLimits = z.array(z.number().int().positive()).max(200)
  .describe('staff only: the areas they are limited to (with everything under them); empty = the whole commune');

export const createUserBody = z.strictObject({
  username: z.string().trim().max(64).describe('3–32 characters a–z 0–9 . _ -, unique whatever the case'),
  displayName,
  role,
  password,
  areaId: areaId.optional(),
  areaLimits: areaLimits.optional(),
});
export type CreateUser = z.infer<typeof createUserBody>;

export const updateUserBody = z.strictObject({
  displayName: displayName.optional(),
  role: role.optional(),
  disabled: z.boolean().optional().describe('a disabled user cannot log in; their sessions end at once'),
  password: password.optional().describe('a new password set by an admin; the user\u2019s sessions end'),
  areaId: areaId.optional().describe('a new home area; the user\u2019s sessions end'),
  areaLimits: areaLimits.optional().describe('new area limits; the user\u2019s sessions end'),
});
export type UpdateUser = z.infer<typeof updateUserBody>;

export const changePasswordBody = z.strictObject({
  currentPassword: z.string().min(1).max(256),
  newPassword: password,
});
export type ChangePassword = z.infer<typeof changePasswordBody>;
