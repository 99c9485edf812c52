// /api/discovery/scan: find ONVIF devices on named interfaces and ranges (admins). Devices also stream in over
// the socket (discovery:device, discovery:progress) while the request is open.
import type { DiscoveryResultDto } from '../../../server/contracts.ts';
import type { HttpClient } from './http-client.ts';

export interface ScanInput {
  interfaces?: string[];
  ranges?: string[];
  ports?: number[];
  timeoutMs?: number;
}

export interface DiscoveryApi {
  scan(input: ScanInput): Promise<DiscoveryResultDto>;
}

export function createDiscoveryApi(http: HttpClient): DiscoveryApi {
  return {
    scan: (input) => http.post<DiscoveryResultDto>('/api/discovery/scan', input),
  };
}
