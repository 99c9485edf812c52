// A small, strict XML reader for SOAP and WS-Discovery messages that come from the network.
// It refuses DOCTYPE (so no entity expansion, no external entities), knows only the five predefined entities
// and character references, bounds depth and node count, and matches elements by local name (prefixes are
// kept but namespaces are not resolved — the same simplification the onvif client makes).

export interface XmlElement {
  /** local name, without prefix */
  name: string;
  prefix: string;
  /** attributes by local name (xmlns declarations are dropped) */
  attrs: Record<string, string>;
  children: XmlElement[];
  /** the text directly inside this element (entities decoded, not trimmed) */
  text: string;
}

export class XmlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'XmlError';
  }
}

export interface XmlLimits {
  maxDepth?: number;
  maxNodes?: number;
}

const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
const NAME_RE = /^[A-Za-z_][\w.\-]*(?::[A-Za-z_][\w.\-]*)?$/;

export function decodeEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&([^;&\s]{0,12});?/g, (all, ent: string) => {
    if (!all.endsWith(';')) throw new XmlError('unterminated entity reference');
    if (ent in PREDEFINED) return PREDEFINED[ent]!;
    const m = /^#(x[0-9a-fA-F]{1,6}|[0-9]{1,7})$/.exec(ent);
    if (!m) throw new XmlError(`unknown entity &${ent};`);
    const code = ent[1] === 'x' ? parseInt(ent.slice(2), 16) : parseInt(ent.slice(1), 10);
    if (code > 0x10ffff || code === 0) throw new XmlError('invalid character reference');
    return String.fromCodePoint(code);
  });
}

export function xmlEscape(s: string): string {
  return s.replace(/[<>&"']/g, (c) => `&${{ '<': 'lt', '>': 'gt', '&': 'amp', '"': 'quot', "'": 'apos' }[c]};`);
}

function splitName(qname: string): { prefix: string; name: string } {
  const i = qname.indexOf(':');
  return i < 0 ? { prefix: '', name: qname } : { prefix: qname.slice(0, i), name: qname.slice(i + 1) };
}

function parseAttrs(src: string, el: XmlElement): void {
  const re = /\s*([^\s=]+)\s*=\s*("([^"]*)"|'([^']*)')/y;
  let pos = 0;
  while (pos < src.length) {
    if (/^\s*$/.test(src.slice(pos))) return;
    re.lastIndex = pos;
    const m = re.exec(src);
    if (!m) throw new XmlError('malformed attribute');
    const qname = m[1]!;
    if (!NAME_RE.test(qname)) throw new XmlError('malformed attribute name');
    const { prefix, name } = splitName(qname);
    if (qname !== 'xmlns' && prefix !== 'xmlns') el.attrs[name] = decodeEntities(m[3] ?? m[4] ?? '');
    pos = re.lastIndex;
  }
}

/** Parses one XML document into its root element; throws XmlError on anything malformed or unsafe. */
export function parseXml(src: string, limits: XmlLimits = {}): XmlElement {
  const maxDepth = limits.maxDepth ?? 64;
  const maxNodes = limits.maxNodes ?? 20_000;
  const stack: XmlElement[] = [];
  let root: XmlElement | null = null;
  let nodes = 0;
  let pos = src.charCodeAt(0) === 0xfeff ? 1 : 0;

  const addText = (t: string) => {
    const top = stack[stack.length - 1];
    if (top) top.text += t;
    else if (t.trim() !== '') throw new XmlError('text outside the root element');
  };

  while (pos < src.length) {
    const lt = src.indexOf('<', pos);
    if (lt < 0) {
      addText(decodeEntities(src.slice(pos)));
      break;
    }
    if (lt > pos) addText(decodeEntities(src.slice(pos, lt)));
    if (src.startsWith('<!--', lt)) {
      const end = src.indexOf('-->', lt + 4);
      if (end < 0) throw new XmlError('unterminated comment');
      pos = end + 3;
    } else if (src.startsWith('<![CDATA[', lt)) {
      const end = src.indexOf(']]>', lt + 9);
      if (end < 0) throw new XmlError('unterminated CDATA');
      if (!stack.length) throw new XmlError('CDATA outside the root element');
      addText(src.slice(lt + 9, end));
      pos = end + 3;
    } else if (src.startsWith('<!', lt)) {
      throw new XmlError('DOCTYPE and declarations are not accepted');
    } else if (src.startsWith('<?', lt)) {
      const end = src.indexOf('?>', lt + 2);
      if (end < 0) throw new XmlError('unterminated processing instruction');
      pos = end + 2;
    } else if (src.startsWith('</', lt)) {
      const end = src.indexOf('>', lt + 2);
      if (end < 0) throw new XmlError('unterminated end tag');
      const qname = src.slice(lt + 2, end).trim();
      const top = stack.pop();
      if (!top || (top.prefix ? `${top.prefix}:${top.name}` : top.name) !== qname) {
        throw new XmlError(`mismatched end tag </${qname.slice(0, 40)}>`);
      }
      pos = end + 1;
    } else {
      const end = findTagEnd(src, lt + 1);
      let inner = src.slice(lt + 1, end);
      const selfClosing = inner.endsWith('/');
      if (selfClosing) inner = inner.slice(0, -1);
      const m = /^([^\s/>]+)/.exec(inner);
      if (!m || !NAME_RE.test(m[1]!)) throw new XmlError('malformed start tag');
      if (++nodes > maxNodes) throw new XmlError('too many elements');
      if (root && !stack.length) throw new XmlError('more than one root element');
      const { prefix, name } = splitName(m[1]!);
      const el: XmlElement = { name, prefix, attrs: {}, children: [], text: '' };
      parseAttrs(inner.slice(m[1]!.length), el);
      const parent = stack[stack.length - 1];
      if (parent) parent.children.push(el);
      else root = el;
      if (!selfClosing) {
        stack.push(el);
        if (stack.length > maxDepth) throw new XmlError('elements nested too deeply');
      }
      pos = end + 1;
    }
  }
  if (stack.length) throw new XmlError(`unclosed element <${stack[stack.length - 1]!.name}>`);
  if (!root) throw new XmlError('no root element');
  return root;
}

function findTagEnd(src: string, from: number): number {
  let quote = '';
  for (let i = from; i < src.length; i++) {
    const c = src[i];
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '>') return i;
    else if (c === '<') break;
  }
  throw new XmlError('unterminated start tag');
}

/** First child with this local name. */
export function child(el: XmlElement | undefined, name: string): XmlElement | undefined {
  return el?.children.find((c) => c.name === name);
}

export function childrenNamed(el: XmlElement | undefined, name: string): XmlElement[] {
  return el ? el.children.filter((c) => c.name === name) : [];
}

/** Follows a path of local names from el (each step takes the first match). */
export function path(el: XmlElement | undefined, ...names: string[]): XmlElement | undefined {
  let cur = el;
  for (const n of names) cur = child(cur, n);
  return cur;
}

/** First descendant (depth-first, el excluded) with this local name. */
export function findDeep(el: XmlElement | undefined, name: string): XmlElement | undefined {
  if (!el) return undefined;
  for (const c of el.children) {
    if (c.name === name) return c;
    const d = findDeep(c, name);
    if (d) return d;
  }
  return undefined;
}

/** Trimmed text of an element, '' when absent. */
export function textOf(el: XmlElement | undefined): string {
  return el ? el.text.trim() : '';
}
