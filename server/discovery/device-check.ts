// The HTTP side of discovery: does an address:port answer ONVIF's GetSystemDateAndTime, and what does the
// device say it is (GetDeviceInformation, which some devices answer without credentials)?
import { parseSoap } from '../onvif/soap.ts';
import { GET_DEVICE_INFORMATION, GET_SYSTEM_DATE_AND_TIME, soapPost } from '../onvif/soap-http.ts';
import { child, textOf } from '../onvif/xml.ts';

export interface CheckOptions {
  timeoutMs: number;
  signal: AbortSignal;
}

export const deviceServiceUrl = (address: string, port: number) => `http://${address}:${port}/onvif/device_service`;

/** true when the address:port answers GetSystemDateAndTime with a SOAP envelope (an answer or a fault). */
export async function answersOnvif(address: string, port: number, opts: CheckOptions): Promise<boolean> {
  try {
    const res = await soapPost(deviceServiceUrl(address, port), GET_SYSTEM_DATE_AND_TIME, opts);
    const msg = parseSoap(res.body);
    return msg.operation?.name === 'GetSystemDateAndTimeResponse' || msg.fault !== null;
  } catch {
    return false;
  }
}

export interface DeviceInfo {
  manufacturer?: string;
  model?: string;
}

const clean = (s: string) => s.replace(/[\u0000-\u001f\u007f]/g, ' ').trim().slice(0, 128);

/** Manufacturer and model when the device tells them without credentials; {} otherwise. */
export async function readDeviceInfo(xaddr: string, opts: CheckOptions): Promise<DeviceInfo> {
  try {
    const res = await soapPost(xaddr, GET_DEVICE_INFORMATION, opts);
    const op = parseSoap(res.body).operation;
    if (op?.name !== 'GetDeviceInformationResponse') return {};
    const manufacturer = clean(textOf(child(op, 'Manufacturer')));
    const model = clean(textOf(child(op, 'Model')));
    return { ...(manufacturer ? { manufacturer } : {}), ...(model ? { model } : {}) };
  } catch {
    return {};
  }
}
