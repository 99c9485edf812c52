// WS-Discovery (2005/04, as ONVIF uses it) messages: Probe and ProbeMatches, built and read.
import { randomUUID } from 'node:crypto';
import { NS, envelope, parseSoap } from './soap.ts';
import { child, childrenNamed, findDeep, path, textOf, xmlEscape } from './xml.ts';

export const WS_DISCOVERY_ADDRESS = '239.255.255.250';
export const WS_DISCOVERY_PORT = 3702;
const TO_DISCOVERY = 'urn:schemas-xmlsoap-org:ws:2005:04:discovery';
const ACTION_PROBE = `${NS.discovery}/Probe`;
const ACTION_MATCHES = `${NS.discovery}/ProbeMatches`;
const ANONYMOUS = `${NS.wsa}/role/anonymous`;

export function newMessageId(): string {
  return `urn:uuid:${randomUUID()}`;
}

/** A Probe for ONVIF video transmitters (what cameras and recorders answer). */
export function buildProbe(messageId: string): string {
  return envelope(
    `<d:Probe><d:Types>dn:NetworkVideoTransmitter</d:Types></d:Probe>`,
    `<wsa:MessageID>${xmlEscape(messageId)}</wsa:MessageID><wsa:To>${TO_DISCOVERY}</wsa:To>` +
      `<wsa:Action>${ACTION_PROBE}</wsa:Action>`,
  );
}

export interface ProbeRequest {
  messageId: string;
  /** local parts of the probed types, e.g. ['NetworkVideoTransmitter']; empty = any */
  types: string[];
}

/** Reads a Probe; null when the message is something else. Throws on malformed XML. */
export function parseProbe(xml: string): ProbeRequest | null {
  const msg = parseSoap(xml);
  if (msg.operation?.name !== 'Probe') return null;
  const types = textOf(child(msg.operation, 'Types')).split(/\s+/).filter(Boolean).map(localPart);
  return { messageId: textOf(child(msg.header, 'MessageID')), types };
}

export interface ProbeMatch {
  /** endpoint reference address, usually urn:uuid:… */
  endpoint: string;
  types: string[];
  scopes: string[];
  xaddrs: string[];
}

export function buildProbeMatches(relatesTo: string, match: ProbeMatch): string {
  return envelope(
    `<d:ProbeMatches><d:ProbeMatch>` +
      `<wsa:EndpointReference><wsa:Address>${xmlEscape(match.endpoint)}</wsa:Address></wsa:EndpointReference>` +
      `<d:Types>${xmlEscape(match.types.join(' '))}</d:Types>` +
      `<d:Scopes>${xmlEscape(match.scopes.join(' '))}</d:Scopes>` +
      `<d:XAddrs>${xmlEscape(match.xaddrs.join(' '))}</d:XAddrs>` +
      `<d:MetadataVersion>1</d:MetadataVersion>` +
      `</d:ProbeMatch></d:ProbeMatches>`,
    `<wsa:MessageID>${newMessageId()}</wsa:MessageID><wsa:RelatesTo>${xmlEscape(relatesTo)}</wsa:RelatesTo>` +
      `<wsa:To>${ANONYMOUS}</wsa:To><wsa:Action>${ACTION_MATCHES}</wsa:Action>`,
  );
}

export interface ProbeMatches {
  relatesTo: string;
  matches: ProbeMatch[];
}

/** Reads ProbeMatches; null when the message is something else. Throws on malformed XML. */
export function parseProbeMatches(xml: string): ProbeMatches | null {
  const msg = parseSoap(xml);
  if (msg.operation?.name !== 'ProbeMatches') return null;
  const matches = childrenNamed(msg.operation, 'ProbeMatch').map((m) => ({
    endpoint: textOf(path(m, 'EndpointReference', 'Address')),
    types: textOf(child(m, 'Types')).split(/\s+/).filter(Boolean),
    scopes: textOf(child(m, 'Scopes')).split(/\s+/).filter(Boolean),
    xaddrs: textOf(child(m, 'XAddrs')).split(/\s+/).filter(Boolean),
  }));
  return { relatesTo: textOf(findDeep(msg.header, 'RelatesTo')), matches };
}

function localPart(qname: string): string {
  const i = qname.lastIndexOf(':');
  return i < 0 ? qname : qname.slice(i + 1);
}

export interface ScopeInfo {
  name?: string;
  hardware?: string;
  location?: string;
  manufacturer?: string;
}

/** Reads the ONVIF scopes a device announces (onvif://www.onvif.org/name/…, /hardware/…, /location/…). */
export function readScopes(scopes: string[]): ScopeInfo {
  const out: ScopeInfo = {};
  for (const s of scopes) {
    const m = /^onvif:\/\/www\.onvif\.org\/(name|hardware|location|manufacturer|mfr)\/(.+)$/i.exec(s);
    if (!m) continue;
    let value: string;
    try {
      value = decodeURIComponent(m[2]!);
    } catch {
      value = m[2]!;
    }
    value = value.replace(/[\u0000-\u001f\u007f]/g, '').slice(0, 128);
    const key = m[1]!.toLowerCase();
    if (key === 'name') out.name ??= value;
    else if (key === 'hardware') out.hardware ??= value;
    else if (key === 'location') out.location ??= value;
    else out.manufacturer ??= value;
  }
  return out;
}
