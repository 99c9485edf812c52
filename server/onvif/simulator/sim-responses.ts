// SOAP bodies the simulated camera answers with (device, media and PTZ services), shaped like a real
// Profile S camera so that the onvif client parses them as it parses Hikvision/Dahua answers.
import { xmlEscape as x } from '../xml.ts';

export interface SimProfile {
  token: string;
  name?: string;
  /** as the camera reports it: H264, H265, JPEG, MPEG4 */
  encoding: string;
  width: number;
  height: number;
  fps?: number;
  bitrateKbps?: number;
}

export interface SimDeviceInfo {
  manufacturer: string;
  model: string;
  firmware: string;
  serial: string;
  hardwareId: string;
}

export interface SimPreset {
  token: string;
  name: string;
}

export interface ServiceUrls {
  device: string;
  media: string;
  ptz: string | null;
}

const VIDEO_SOURCE = 'VideoSource_1';

export function systemDateAndTime(cameraTimeMs: number): string {
  const utc = new Date(cameraTimeMs);
  const local = new Date(cameraTimeMs + 7 * 3_600_000); // the simulated camera lives in Vietnam (ICT, UTC+7)
  const dt = (d: Date) =>
    `<tt:Time><tt:Hour>${d.getUTCHours()}</tt:Hour><tt:Minute>${d.getUTCMinutes()}</tt:Minute>` +
    `<tt:Second>${d.getUTCSeconds()}</tt:Second></tt:Time><tt:Date><tt:Year>${d.getUTCFullYear()}</tt:Year>` +
    `<tt:Month>${d.getUTCMonth() + 1}</tt:Month><tt:Day>${d.getUTCDate()}</tt:Day></tt:Date>`;
  return `<tds:GetSystemDateAndTimeResponse><tds:SystemDateAndTime><tt:DateTimeType>Manual</tt:DateTimeType>` +
    `<tt:DaylightSavings>false</tt:DaylightSavings><tt:TimeZone><tt:TZ>ICT-7</tt:TZ></tt:TimeZone>` +
    `<tt:UTCDateTime>${dt(utc)}</tt:UTCDateTime><tt:LocalDateTime>${dt(local)}</tt:LocalDateTime>` +
    `</tds:SystemDateAndTime></tds:GetSystemDateAndTimeResponse>`;
}

function service(namespace: string, xaddr: string, major: number, minor: number): string {
  return `<tds:Service><tds:Namespace>${namespace}</tds:Namespace><tds:XAddr>${x(xaddr)}</tds:XAddr>` +
    `<tds:Version><tt:Major>${major}</tt:Major><tt:Minor>${minor}</tt:Minor></tds:Version></tds:Service>`;
}

export function services(urls: ServiceUrls): string {
  return `<tds:GetServicesResponse>` +
    service('http://www.onvif.org/ver10/device/wsdl', urls.device, 2, 60) +
    service('http://www.onvif.org/ver10/media/wsdl', urls.media, 2, 60) +
    (urls.ptz ? service('http://www.onvif.org/ver20/ptz/wsdl', urls.ptz, 2, 60) : '') +
    `</tds:GetServicesResponse>`;
}

export function capabilities(urls: ServiceUrls): string {
  return `<tds:GetCapabilitiesResponse><tds:Capabilities>` +
    `<tt:Device><tt:XAddr>${x(urls.device)}</tt:XAddr></tt:Device>` +
    `<tt:Media><tt:XAddr>${x(urls.media)}</tt:XAddr><tt:StreamingCapabilities>` +
    `<tt:RTPMulticast>false</tt:RTPMulticast><tt:RTP_TCP>true</tt:RTP_TCP><tt:RTP_RTSP_TCP>true</tt:RTP_RTSP_TCP>` +
    `</tt:StreamingCapabilities></tt:Media>` +
    (urls.ptz ? `<tt:PTZ><tt:XAddr>${x(urls.ptz)}</tt:XAddr></tt:PTZ>` : '') +
    `</tds:Capabilities></tds:GetCapabilitiesResponse>`;
}

export function deviceInformation(d: SimDeviceInfo): string {
  return `<tds:GetDeviceInformationResponse><tds:Manufacturer>${x(d.manufacturer)}</tds:Manufacturer>` +
    `<tds:Model>${x(d.model)}</tds:Model><tds:FirmwareVersion>${x(d.firmware)}</tds:FirmwareVersion>` +
    `<tds:SerialNumber>${x(d.serial)}</tds:SerialNumber><tds:HardwareId>${x(d.hardwareId)}</tds:HardwareId>` +
    `</tds:GetDeviceInformationResponse>`;
}

function sourceBounds(profiles: SimProfile[]): { width: number; height: number } {
  return profiles.reduce((b, p) => (p.width * p.height > b.width * b.height ? { width: p.width, height: p.height } : b),
    { width: 0, height: 0 });
}

function profile(p: SimProfile, bounds: { width: number; height: number }, ptz: boolean): string {
  const fps = p.fps ?? 25;
  const codec = p.encoding.toUpperCase() === 'H264'
    ? `<tt:H264><tt:GovLength>${fps * 2}</tt:GovLength><tt:H264Profile>Main</tt:H264Profile></tt:H264>`
    : '';
  return `<trt:Profiles token="${x(p.token)}" fixed="true"><tt:Name>${x(p.name ?? p.token)}</tt:Name>` +
    `<tt:VideoSourceConfiguration token="VSC_1"><tt:Name>VideoSourceConfig</tt:Name><tt:UseCount>2</tt:UseCount>` +
    `<tt:SourceToken>${VIDEO_SOURCE}</tt:SourceToken>` +
    `<tt:Bounds x="0" y="0" width="${bounds.width}" height="${bounds.height}"/></tt:VideoSourceConfiguration>` +
    `<tt:VideoEncoderConfiguration token="VEC_${x(p.token)}"><tt:Name>${x(p.name ?? p.token)}</tt:Name>` +
    `<tt:UseCount>1</tt:UseCount><tt:Encoding>${x(p.encoding)}</tt:Encoding>` +
    `<tt:Resolution><tt:Width>${p.width}</tt:Width><tt:Height>${p.height}</tt:Height></tt:Resolution>` +
    `<tt:Quality>4</tt:Quality><tt:RateControl><tt:FrameRateLimit>${fps}</tt:FrameRateLimit>` +
    `<tt:EncodingInterval>1</tt:EncodingInterval><tt:BitrateLimit>${p.bitrateKbps ?? 2048}</tt:BitrateLimit>` +
    `</tt:RateControl>${codec}<tt:SessionTimeout>PT60S</tt:SessionTimeout></tt:VideoEncoderConfiguration>` +
    (ptz
      ? `<tt:PTZConfiguration token="PTZ_1"><tt:Name>PTZ</tt:Name><tt:UseCount>1</tt:UseCount>` +
        `<tt:NodeToken>PTZNode_1</tt:NodeToken><tt:DefaultPTZTimeout>PT5S</tt:DefaultPTZTimeout></tt:PTZConfiguration>`
      : '') +
    `</trt:Profiles>`;
}

export function profiles(list: SimProfile[], ptz: boolean): string {
  const bounds = sourceBounds(list);
  return `<trt:GetProfilesResponse>${list.map((p) => profile(p, bounds, ptz)).join('')}</trt:GetProfilesResponse>`;
}

export function videoSources(list: SimProfile[]): string {
  const b = sourceBounds(list);
  const fps = Math.max(25, ...list.map((p) => p.fps ?? 25));
  return `<trt:GetVideoSourcesResponse><trt:VideoSources token="${VIDEO_SOURCE}"><tt:Framerate>${fps}</tt:Framerate>` +
    `<tt:Resolution><tt:Width>${b.width}</tt:Width><tt:Height>${b.height}</tt:Height></tt:Resolution>` +
    `</trt:VideoSources></trt:GetVideoSourcesResponse>`;
}

export function mediaUri(operation: 'GetStreamUri' | 'GetSnapshotUri', uri: string): string {
  return `<trt:${operation}Response><trt:MediaUri><tt:Uri>${x(uri)}</tt:Uri>` +
    `<tt:InvalidAfterConnect>false</tt:InvalidAfterConnect><tt:InvalidAfterReboot>false</tt:InvalidAfterReboot>` +
    `<tt:Timeout>PT0S</tt:Timeout></trt:MediaUri></trt:${operation}Response>`;
}

export function presets(list: SimPreset[]): string {
  return `<tptz:GetPresetsResponse>` +
    list.map((p) => `<tptz:Preset token="${x(p.token)}"><tt:Name>${x(p.name)}</tt:Name></tptz:Preset>`).join('') +
    `</tptz:GetPresetsResponse>`;
}

export function empty(operation: string, prefix: 'tds' | 'trt' | 'tptz'): string {
  return `<${prefix}:${operation}Response/>`;
}
