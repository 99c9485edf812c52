import { z } from 'zod';

const isoTime = z.iso.datetime({ offset: true });
const status = z.enum(['new', 'in_progress', 'resolved', 'closed']);

export const createIncidentBody = z.strictObject({
  cameraIds: z.array(z.string().min(1).max(64)).min(1).max(16),
  category: z.string().min(1).max(40),
  occurredAt: isoTime.optional().describe('defaults to now'),
  preRollSec: z.number().int().min(0).max(300).optional(),
  postRollSec: z.number().int().min(0).max(300).optional(),
  title: z.string().trim().max(200).optional(),
  note: z.string().trim().max(5000).optional(),
});

export const updateIncidentBody = z.strictObject({
  title: z.string().trim().min(1).max(200).optional(),
  category: z.string().min(1).max(40).optional(),
  status: status.optional(),
  assigneeId: z.number().int().positive().nullable().optional(),
});

export const noteBody = z.strictObject({ body: z.string().trim().min(1).max(5000) });

export const listIncidentsQuery = z.strictObject({
  from: isoTime.optional(),
  to: isoTime.optional(),
  cameraId: z.string().min(1).max(64).optional(),
  category: z.string().min(1).max(40).optional(),
  status: status.optional(),
  assigneeId: z.coerce.number().int().positive().optional(),
  q: z.string().trim().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: z.string().max(200).optional(),
});

export type CreateIncident = z.infer<typeof createIncidentBody>;
export type UpdateIncident = z.infer<typeof updateIncidentBody>;
export type ListIncidentsQuery = z.infer<typeof listIncidentsQuery>;
