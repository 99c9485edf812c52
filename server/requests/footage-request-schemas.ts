import { z } from 'zod';

const isoTime = z.iso.datetime({ offset: true });

export const createFootageRequestBody = z.strictObject({
  cameraId: z.string().min(1).max(64),
  incidentId: z.number().int().positive().nullable().optional(),
  from: isoTime,
  to: isoTime,
  reason: z.string().trim().min(1).max(500),
  category: z.string().min(1).max(40).optional(),
});

export const answerFootageRequestBody = z.strictObject({
  decision: z.enum(['approve', 'decline']),
  note: z.string().trim().max(500).optional(),
});

export const listFootageRequestsQuery = z.strictObject({
  status: z.enum(['pending', 'approved', 'declined', 'withdrawn', 'expired']).optional(),
});

export type CreateFootageRequest = z.infer<typeof createFootageRequestBody>;
export type AnswerFootageRequest = z.infer<typeof answerFootageRequestBody>;
