// Request bodies of /api/invitations. The user name and password rules (with their own codes) are checked by the
// service, as for accounts an admin creates.
import { z } from 'zod';

export const createInvitationBody = z.strictObject({
  displayName: z.string().trim().min(1).max(100).describe('the invited person\u2019s full name'),
  areaId: z.number().int().positive().describe('the area (tổ/thôn) they will belong to'),
});
export type CreateInvitation = z.infer<typeof createInvitationBody>;

const secret = {
  token: z.string().min(1).max(100).optional().describe('from the link /invite/<token>'),
  code: z.string().min(1).max(40).optional().describe('the short code, e.g. 7K3M-9QFA (case, spaces and dashes ignored)'),
};
const oneSecret = (b: { token?: string; code?: string }) => (b.token === undefined) !== (b.code === undefined);
const oneSecretMessage = { message: 'Give either the link token or the code.' };

export const invitationSecretBody = z.strictObject(secret).refine(oneSecret, oneSecretMessage);
export type InvitationSecret = z.infer<typeof invitationSecretBody>;

export const acceptInvitationBody = z.strictObject({
  ...secret,
  username: z.string().trim().max(64),
  password: z.string().max(256),
}).refine(oneSecret, oneSecretMessage);
export type AcceptInvitation = z.infer<typeof acceptInvitationBody>;
