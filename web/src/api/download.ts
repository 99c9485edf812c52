// A file download read as a stream, so the page can show how many bytes have arrived (the evidence zip is
// built on the fly: its length is not known in advance).
import type { ApiErrorBody } from '../../../server/contracts.ts';
import { ApiError } from './http-client.ts';

export interface DownloadResult {
  blob: Blob;
  headers: Headers;
  /** from Content-Disposition, when the server named the file */
  filename: string | null;
}

export interface DownloadOptions {
  onProgress(received: number, total: number | null): void;
  onUnauthorized(): void;
  signal?: AbortSignal;
  /** GET by default; POST for downloads that act (the evidence export writes the custody log) */
  method?: 'GET' | 'POST';
}

export async function downloadWithProgress(url: string, opts: DownloadOptions): Promise<DownloadResult> {
  let res: Response;
  try {
    res = await fetch(url, { method: opts.method ?? 'GET', credentials: 'same-origin', signal: opts.signal });
  } catch (err) {
    if (opts.signal?.aborted) throw err;
    throw new ApiError(0, 'network', err instanceof Error ? err.message : String(err));
  }
  if (!res.ok) {
    if (res.status === 401) opts.onUnauthorized();
    const body = (await res.json().catch(() => null)) as Partial<ApiErrorBody> | null;
    throw new ApiError(res.status, body?.error?.code ?? `http-${res.status}`, body?.error?.message ?? `HTTP ${res.status}`);
  }
  const length = Number(res.headers.get('content-length'));
  const total = Number.isFinite(length) && length > 0 ? length : null;
  const chunks: Uint8Array<ArrayBuffer>[] = [];
  let received = 0;
  opts.onProgress(0, total);
  if (res.body) {
    const reader = res.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      received += value.byteLength;
      opts.onProgress(received, total);
    }
  }
  const type = res.headers.get('content-type') ?? 'application/octet-stream';
  return { blob: new Blob(chunks, { type }), headers: res.headers, filename: filenameOf(res.headers.get('content-disposition')) };
}

function filenameOf(disposition: string | null): string | null {
  const m = disposition ? /filename="([^"]+)"/.exec(disposition) : null;
  return m?.[1] ?? null;
}

/** Hands a blob to the browser as a download. */
export function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
