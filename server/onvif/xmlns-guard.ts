// The `onvif` client (0.8.3) strips namespaces from every answer with /xmlns([^=]*?)=(".*?")/g before parsing.
// Each "xmlns" where that regex fails costs a scan up to the next "=" (or the end of the line): an answer full of
// "xmlns" without a well-formed declaration after it takes time quadratic in its size (300 KB ≈ 20 s here), on
// the event loop. This guard reads the answer as it arrives, decoded, and refuses it at the first "xmlns" that is
// not a short, well-formed declaration — exactly where the regex would fail — so the regex only ever meets
// answers on which every attempt succeeds, and its work is linear.
import { StringDecoder } from 'node:string_decoder';

/** longest stretch between "xmlns" and its "=" (a prefix such as ":tds" is a few characters) */
const MAX_NAME = 256;
/** longest namespace URI between the quotes */
const MAX_VALUE = 4096;
/** what JavaScript's "." does not match */
const LINE_END = /[\n\r\u2028\u2029]/;

export class XmlnsGuard {
  private readonly decoder = new StringDecoder('utf8');
  private text = '';
  /** everything before this offset has been checked */
  private pos = 0;

  /** Adds a chunk of the answer; returns a reason when the answer must be refused, else null. */
  push(chunk: Buffer | string): string | null {
    this.text += typeof chunk === 'string' ? chunk : this.decoder.write(chunk);
    for (;;) {
      const at = this.text.indexOf('xmlns', this.pos);
      if (at < 0) {
        this.pos = Math.max(this.pos, this.text.length - 4); // "xmln" may be cut at the chunk's end
        return null;
      }
      const r = this.declarationEnd(at);
      if (r === 'wait') {
        this.pos = at;
        return null;
      }
      if (r === 'bad') return 'a namespace declaration the XML reader cannot take safely';
      this.pos = r;
    }
  }

  /** the offset after the declaration at `at`, 'wait' for more text, or 'bad' */
  private declarationEnd(at: number): number | 'wait' | 'bad' {
    const t = this.text;
    const eq = t.indexOf('=', at + 5);
    if (eq < 0) return t.length - at > MAX_NAME ? 'bad' : 'wait';
    if (eq - at > MAX_NAME) return 'bad';
    if (eq + 1 >= t.length) return 'wait';
    if (t[eq + 1] !== '"') return 'bad';
    const close = t.indexOf('"', eq + 2);
    const limit = close < 0 ? Math.min(t.length, eq + 2 + MAX_VALUE + 1) : close;
    if (LINE_END.test(t.slice(eq + 2, limit))) return 'bad';
    if (close < 0) return t.length - eq > MAX_VALUE ? 'bad' : 'wait';
    if (close - eq > MAX_VALUE) return 'bad';
    return close + 1;
  }
}
