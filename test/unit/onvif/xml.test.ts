import { describe, expect, it } from 'vitest';
import { parseSoap } from '../../../server/onvif/soap.ts';
import { XmlError, child, decodeEntities, findDeep, parseXml, textOf, xmlEscape } from '../../../server/onvif/xml.ts';

describe('parseXml', () => {
  it('reads elements by local name, attributes, text, entities and CDATA', () => {
    const root = parseXml(
      '<?xml version="1.0"?>\n<!-- hi --><s:Envelope xmlns:s="x" a="1"><s:Body><tt:Uri>rtsp://h/a?b=1&amp;c=&#50;</tt:Uri>' +
        `<x:V y='q"uote' z="&lt;&gt;"/><t><![CDATA[<raw>&]]></t></s:Body></s:Envelope>`,
    );
    expect(root.name).toBe('Envelope');
    expect(root.prefix).toBe('s');
    expect(root.attrs).toEqual({ a: '1' });
    const body = child(root, 'Body');
    expect(textOf(child(body, 'Uri'))).toBe('rtsp://h/a?b=1&c=2');
    expect(findDeep(root, 'V')?.attrs).toEqual({ y: 'q"uote', z: '<>' });
    expect(textOf(child(body, 't'))).toBe('<raw>&');
  });

  it.each([
    ['a DOCTYPE (entity expansion)', '<!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;</x>'],
    ['an external entity', '<!DOCTYPE x SYSTEM "file:///etc/passwd"><x/>'],
    ['an unknown entity', '<x>&lol9;</x>'],
    ['a bare ampersand', '<x>a & b</x>'],
    ['mismatched tags', '<a><b></a></b>'],
    ['an unclosed element', '<a><b></b>'],
    ['a cut-off tag', '<a><b</a>'],
    ['two roots', '<a/><b/>'],
    ['text outside the root', 'hello <a/>'],
    ['no root', '  '],
    ['a bad attribute', '<a b=c/>'],
    ['HTML', '<html><body><br></body></html>'],
  ])('refuses %s', (_label, xml) => {
    expect(() => parseXml(xml)).toThrow(XmlError);
  });

  it('bounds depth and node count', () => {
    expect(() => parseXml('<a>'.repeat(100) + '</a>'.repeat(100))).toThrow(/deeply/);
    expect(() => parseXml(`<r>${'<a/>'.repeat(50)}</r>`, { maxNodes: 10 })).toThrow(/too many/);
  });

  it('escapes and decodes', () => {
    const s = `a<b>&"c'`;
    expect(decodeEntities(xmlEscape(s))).toBe(s);
    expect(xmlEscape(s)).not.toMatch(/[<>"']/);
  });
});

describe('parseSoap', () => {
  it('reads a SOAP 1.2 fault', () => {
    const m = parseSoap(
      '<e:Envelope xmlns:e="http://www.w3.org/2003/05/soap-envelope"><e:Body><e:Fault><e:Code><e:Value>e:Sender</e:Value>' +
        '<e:Subcode><e:Value>ter:NotAuthorized</e:Value></e:Subcode></e:Code><e:Reason><e:Text>Sender not Authorized</e:Text>' +
        '</e:Reason></e:Fault></e:Body></e:Envelope>',
    );
    expect(m.fault).toEqual({ code: 'e:Sender', subcode: 'ter:NotAuthorized', reason: 'Sender not Authorized' });
  });

  it('refuses a document that is not an envelope', () => {
    expect(() => parseSoap('<html/>')).toThrow(/not a SOAP envelope/);
    expect(() => parseSoap('<Envelope/>')).toThrow(/without a Body/);
  });
});
