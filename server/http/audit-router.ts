import { Router, type Response } from 'express';
import { z } from 'zod';
import { AUDIT_ACTIONS, type AuditQuery, type AuditService } from '../audit/audit-service.ts';
import { requireRole } from './auth-middleware.ts';

/** from/to: an ISO time with its offset, or milliseconds since the epoch */
const instant = z.union([
  z.string().regex(/^\d{1,15}$/).transform(Number),
  z.iso.datetime({ offset: true }).transform((s) => Date.parse(s)),
]);

const auditQuery = z.strictObject({
  cameraId: z.string().min(1).max(64).optional(),
  userId: z.coerce.number().int().positive().optional(),
  action: z.enum(AUDIT_ACTIONS).optional(),
  from: instant.optional(),
  to: instant.optional(),
  cursor: z.string().regex(/^[1-9]\d{0,15}$/, 'The cursor is the nextCursor of a previous page.').optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

/** the socket took what was written, or the client went away */
function drained(res: Response): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}

function parseQuery(query: unknown): AuditQuery {
  const q = auditQuery.parse(query);
  return { cameraId: q.cameraId, userId: q.userId, action: q.action, fromMs: q.from, toMs: q.to, cursor: q.cursor, limit: q.limit };
}

/**
 * /api/audit — the access log. Admins only for now; residents will read the entries about their own cameras
 * (AuditService.forCameraOwner) once cameras have owners. Mounted behind requireSession.
 */
export function createAuditRouter(audit: AuditService) {
  const r = Router();
  r.use(requireRole('admin'));

  r.get('/', (req, res) => {
    res.json(audit.list(parseQuery(req.query)));
  });

  r.get('/verify', async (_req, res) => {
    res.json(await audit.verify());
  });

  /** every matching entry, oldest first; UTF-8 with a BOM so a spreadsheet reads Vietnamese right */
  r.get('/export.csv', async (req, res) => {
    const q = parseQuery(req.query);
    const day = new Date().toISOString().slice(0, 10);
    res.set({
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="nhat-ky-truy-cap-${day}.csv"`,
      'Cache-Control': 'no-store',
    });
    // in chunks, waiting for the socket to drain: a long log is never held in memory whole
    res.write(`\uFEFF${audit.csvHeader()}`);
    let after = 0;
    for (;;) {
      if (res.destroyed) return;
      const chunk = audit.csvChunk(q, after);
      if (chunk.lastId === null) return void res.end(chunk.text);
      after = chunk.lastId;
      if (!res.write(chunk.text)) await drained(res);
    }
  });

  return r;
}
