// SOAP 1.2 envelopes: building them (simulator answers, discovery requests) and reading them safely.
import { child, findDeep, parseXml, textOf, xmlEscape, type XmlElement } from './xml.ts';

export const NS = {
  soap: 'http://www.w3.org/2003/05/soap-envelope',
  device: 'http://www.onvif.org/ver10/device/wsdl',
  media: 'http://www.onvif.org/ver10/media/wsdl',
  ptz: 'http://www.onvif.org/ver20/ptz/wsdl',
  schema: 'http://www.onvif.org/ver10/schema',
  error: 'http://www.onvif.org/ver10/error',
  wsa: 'http://schemas.xmlsoap.org/ws/2004/08/addressing',
  discovery: 'http://schemas.xmlsoap.org/ws/2005/04/discovery',
  network: 'http://www.onvif.org/ver10/network/wsdl',
  wsse: 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd',
  wsu: 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd',
} as const;

const PREFIXES =
  `xmlns:s="${NS.soap}" xmlns:tds="${NS.device}" xmlns:trt="${NS.media}" xmlns:tptz="${NS.ptz}" ` +
  `xmlns:tt="${NS.schema}" xmlns:ter="${NS.error}" xmlns:wsa="${NS.wsa}" xmlns:d="${NS.discovery}" ` +
  `xmlns:dn="${NS.network}"`;

/** A whole SOAP 1.2 envelope; header and body are XML fragments using the prefixes declared above. */
export function envelope(body: string, header = ''): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<s:Envelope ${PREFIXES}>` +
    `${header ? `<s:Header>${header}</s:Header>` : ''}<s:Body>${body}</s:Body></s:Envelope>`;
}

/** A SOAP fault: `code` is env:Sender or env:Receiver, `subcode` an ONVIF ter: code such as NotAuthorized. */
export function faultEnvelope(code: 'Sender' | 'Receiver', subcode: string, reason: string): string {
  return envelope(
    `<s:Fault><s:Code><s:Value>s:${code}</s:Value><s:Subcode><s:Value>ter:${subcode}</s:Value></s:Subcode>` +
      `</s:Code><s:Reason><s:Text xml:lang="en">${xmlEscape(reason)}</s:Text></s:Reason></s:Fault>`,
  );
}

export interface SoapMessage {
  header: XmlElement | undefined;
  body: XmlElement;
  /** the first element inside Body: the operation, its response, or a Fault */
  operation: XmlElement | undefined;
  fault: { code: string; subcode: string; reason: string } | null;
}

export class SoapError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SoapError';
  }
}

/** Parses a SOAP envelope (any SOAP version, matched by local names). Throws XmlError or SoapError. */
export function parseSoap(xml: string): SoapMessage {
  const root = parseXml(xml);
  if (root.name !== 'Envelope') throw new SoapError('not a SOAP envelope');
  const body = child(root, 'Body');
  if (!body) throw new SoapError('SOAP envelope without a Body');
  const operation = body.children[0];
  let fault: SoapMessage['fault'] = null;
  if (operation?.name === 'Fault') {
    const values = [findDeep(operation, 'Code'), findDeep(operation, 'faultcode')];
    const code = textOf(child(values[0], 'Value')) || textOf(values[1]);
    const subcode = textOf(findDeep(findDeep(operation, 'Subcode'), 'Value'));
    const reason = textOf(findDeep(findDeep(operation, 'Reason'), 'Text')) || textOf(findDeep(operation, 'faultstring'));
    fault = { code, subcode, reason };
  }
  return { header: child(root, 'Header'), body, operation, fault };
}
