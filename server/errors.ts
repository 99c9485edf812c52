// A failure a person can understand, with a stable machine code (server/contracts.ts ErrorCode). Thrown by domain
// modules; the HTTP layer turns it into `{ "error": { "code", "message" } }` with the status of its code
// (server/http/error-status.ts), so no domain module decides HTTP statuses.
import type { ErrorCode } from './contracts.ts';

export type { ErrorCode };

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }
}
