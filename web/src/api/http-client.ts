// fetch() wrapper for the hub's JSON API: same origin, cookie session, typed errors.
import type { ApiErrorBody } from '../../../server/contracts.ts';

/** An API failure. `status` 0 with code `network` means the server could not be reached. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export interface HttpClient {
  get<T>(path: string): Promise<T>;
  post<T>(path: string, body?: unknown): Promise<T>;
  patch<T>(path: string, body: unknown): Promise<T>;
  put<T>(path: string, body: unknown): Promise<T>;
  delete(path: string): Promise<void>;
}

export interface HttpClientOptions {
  /** Called on a 401 from any request that asks for it (everything except login and session probe). */
  onUnauthorized(): void;
  fetch?: typeof fetch;
}

/** Paths whose 401 is an answer, not an expired session. */
const AUTH_PROBES = ['/api/auth/login', '/api/auth/me'];

export function createHttpClient(opts: HttpClientOptions): HttpClient {
  const doFetch = opts.fetch ?? window.fetch.bind(window);

  async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
    let res: Response;
    try {
      res = await doFetch(path, {
        method,
        credentials: 'same-origin',
        headers: body === undefined ? { accept: 'application/json' } : { 'content-type': 'application/json', accept: 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (err) {
      throw new ApiError(0, 'network', err instanceof Error ? err.message : String(err));
    }
    if (res.status === 204) return undefined as T;
    const payload: unknown = await res.json().catch(() => null);
    if (res.ok) return payload as T;
    if (res.status === 401 && !AUTH_PROBES.includes(path)) opts.onUnauthorized();
    throw toApiError(res.status, payload);
  }

  return {
    get: (path) => request('GET', path),
    post: (path, body) => request('POST', path, body),
    patch: (path, body) => request('PATCH', path, body),
    put: (path, body) => request('PUT', path, body),
    delete: (path) => request<void>('DELETE', path),
  };
}

function toApiError(status: number, payload: unknown): ApiError {
  const err = (payload as Partial<ApiErrorBody> | null)?.error;
  if (err && typeof err.code === 'string') {
    return new ApiError(status, err.code, typeof err.message === 'string' ? err.message : err.code, err.details);
  }
  const fallback = status === 401 ? 'unauthenticated' : status === 403 ? 'forbidden' : `http-${status}`;
  return new ApiError(status, fallback, `HTTP ${status}`);
}
