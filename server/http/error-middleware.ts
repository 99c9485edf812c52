import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
import { ZodError } from 'zod';
import type { ApiErrorBody } from '../contracts.ts';
import { AppError } from '../errors.ts';
import { httpStatusOf } from './error-status.ts';

/** The one place errors become responses (and the one place unexpected ones are logged); the status comes from the code. */
export function errorMiddleware(logger: Logger) {
  return (err: unknown, req: Request, res: Response, _next: NextFunction) => {
    const e = toAppError(err);
    const status = httpStatusOf(e.code);
    if (status >= 500) logger.error({ err, method: req.method, path: req.path }, 'request failed');
    if (status === 429 && isRetry(e.details)) res.setHeader('Retry-After', String(e.details.retryAfterSec));
    if (res.headersSent) return res.end();
    const body: ApiErrorBody = { error: { code: e.code, message: e.message, ...(e.details ? { details: e.details } : {}) } };
    res.status(status).json(body);
  };
}

function isRetry(d: unknown): d is { retryAfterSec: number } {
  return typeof d === 'object' && d !== null && 'retryAfterSec' in d;
}

function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  if (err instanceof ZodError) {
    return new AppError('validation-failed',
      err.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '),
      err.issues.map((i) => ({ path: i.path.join('.'), message: i.message })));
  }
  const t = (err as { type?: string; status?: number }) ?? {};
  if (t.type === 'entity.parse.failed') return new AppError('invalid-json', 'The request body is not valid JSON.');
  if (t.type === 'entity.too.large') return new AppError('body-too-large', 'The request body is too large.');
  if (typeof t.status === 'number' && t.status >= 400 && t.status < 500) {
    return new AppError('bad-request', 'The request could not be read.');
  }
  return new AppError('internal-error', 'Something went wrong on the hub. The error has been logged.');
}
