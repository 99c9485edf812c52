// Misbehaving answers for tests: what a broken or malicious camera can send back.
import type { ServerResponse } from 'node:http';
import { envelope, faultEnvelope } from '../soap.ts';

export type HostileMode =
  /** a SOAP answer cut off mid-tag */
  | 'malformed-xml'
  /** a syntactically fine SOAP answer of `hugeBodyBytes` (64 MiB by default), streamed as fast as it is read */
  | 'huge-body'
  /** the "billion laughs" DOCTYPE */
  | 'entity-bomb'
  /** HTTP 500 with a SOAP Receiver fault */
  | 'soap-fault'
  /** accepts the request and never answers (the socket stays open) */
  | 'never-answers'
  /** sends a valid status line, then one byte every 200 ms, forever: defeats idle timeouts */
  | 'slow-drip'
  /**
   * `hugeBodyBytes` (default 1 MB) of "xmlns:tt" repeated with an "=" only every 16 KiB: the onvif client's
   * namespace regex spends time quadratic in that (seconds per MiB) on the event loop
   */
  | 'xmlns-flood';

export interface HostileOptions {
  mode: HostileMode;
  /** the SOAP operations that misbehave (e.g. ['GetProfiles']); all of them when absent */
  actions?: string[];
  hugeBodyBytes?: number;
}

const SOAP_TYPE = 'application/soap+xml; charset=utf-8';

function entityBomb(): string {
  const lines = ['<!ENTITY lol0 "lollollollollollollollollollol">'];
  for (let i = 1; i <= 9; i++) lines.push(`<!ENTITY lol${i} "${`&lol${i - 1};`.repeat(10)}">`);
  return `<?xml version="1.0"?>\n<!DOCTYPE lolz [\n${lines.join('\n')}\n]>\n` +
    envelope('<tds:GetSystemDateAndTimeResponse>&lol9;</tds:GetSystemDateAndTimeResponse>');
}

/** Writes the hostile answer for `mode`. Timers stop when the connection closes. */
export function respondHostile(mode: HostileMode, res: ServerResponse, bodyBytes?: number): void {
  const hugeBodyBytes = bodyBytes ?? 64 * 1024 * 1024;
  switch (mode) {
    case 'malformed-xml':
      res.writeHead(200, { 'Content-Type': SOAP_TYPE });
      res.end(envelope('<tds:GetSystemDateAndTimeResponse><tds:SystemDateAndTime><tt:DateTimeType>Manual')
        .replace('</s:Body></s:Envelope>', '</tt:Date<<Type></s:Body'));
      return;
    case 'entity-bomb':
      res.writeHead(200, { 'Content-Type': SOAP_TYPE });
      res.end(entityBomb());
      return;
    case 'soap-fault':
      res.writeHead(500, { 'Content-Type': SOAP_TYPE });
      res.end(faultEnvelope('Receiver', 'Action', 'The simulated camera failed on purpose'));
      return;
    case 'never-answers':
      return;
    case 'slow-drip': {
      res.writeHead(200, { 'Content-Type': SOAP_TYPE });
      const timer = setInterval(() => res.write(' '), 200);
      res.on('close', () => clearInterval(timer));
      return;
    }
    case 'xmlns-flood': {
      res.writeHead(200, { 'Content-Type': SOAP_TYPE });
      const [head, tail] = envelope('<tds:GetSystemDateAndTimeResponse>@</tds:GetSystemDateAndTimeResponse>').split('@');
      const block = ' xmlns:tt'.repeat(Math.floor(16 * 1024 / 9)) + '=';
      const size = bodyBytes ?? 1_000_000;
      res.end(head + block.repeat(Math.max(1, Math.floor(size / block.length))) + tail);
      return;
    }
    case 'huge-body': {
      res.writeHead(200, { 'Content-Type': SOAP_TYPE });
      const [head, tail] = envelope('<tds:GetSystemDateAndTimeResponse>@</tds:GetSystemDateAndTimeResponse>').split('@');
      const chunk = Buffer.alloc(64 * 1024, 'A');
      let left = hugeBodyBytes;
      res.write(head);
      const pump = () => {
        while (left > 0 && !res.destroyed) {
          left -= chunk.length;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        if (!res.destroyed) res.end(tail);
      };
      pump();
      return;
    }
  }
}
