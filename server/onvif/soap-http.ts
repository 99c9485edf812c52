// A bounded SOAP-over-HTTP POST for talking to devices that have not been identified yet (discovery):
// a hard time limit (not just an idle one), a cap on the answer's size, and cancellation.
import http from 'node:http';
import { envelope } from './soap.ts';

export interface SoapPostOptions {
  timeoutMs: number;
  maxBytes?: number;
  signal?: AbortSignal;
}

export interface SoapPostResult {
  status: number;
  body: string;
}

export const GET_SYSTEM_DATE_AND_TIME = envelope('<tds:GetSystemDateAndTime/>');
export const GET_DEVICE_INFORMATION = envelope('<tds:GetDeviceInformation/>');

export function soapPost(url: string, body: string, opts: SoapPostOptions): Promise<SoapPostResult> {
  const maxBytes = opts.maxBytes ?? 64 * 1024;
  return new Promise((resolve, reject) => {
    if (opts.signal?.aborted) return reject(new Error('aborted'));
    const payload = Buffer.from(body, 'utf8');
    const req = http.request(url, {
      method: 'POST',
      agent: false,
      headers: {
        'Content-Type': 'application/soap+xml; charset=utf-8',
        'Content-Length': payload.length,
        Connection: 'close',
      },
      signal: opts.signal,
    });
    let settled = false;
    const finish = (err: Error | null, result?: SoapPostResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (err) reject(err);
      else resolve(result!);
    };
    const timer = setTimeout(() => {
      req.destroy();
      finish(new Error('timeout'));
    }, opts.timeoutMs);
    req.on('error', (err) => finish(err));
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (c: Buffer) => {
        size += c.length;
        if (size > maxBytes) {
          req.destroy();
          return finish(new Error('answer too large'));
        }
        chunks.push(c);
      });
      res.on('end', () => finish(null, { status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', (err) => finish(err));
      res.on('close', () => finish(new Error('connection closed')));
    });
    req.end(payload);
  });
}
