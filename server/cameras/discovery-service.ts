// POST /api/discovery/scan: the request's interfaces, ranges and ports (or the configured defaults, which name
// nothing out of the box), checked against the hub's limits, scanned by server/discovery, each device flagged
// when a camera of the hub already uses its address.
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { DiscoveredDeviceDto, DiscoveryProgressDto, DiscoveryResultDto } from '../contracts.ts';
import { scan, type DiscoveredDevice, type ScanOptions, type ScanResult } from '../discovery/scan.ts';
import { AppError } from '../errors.ts';

export const scanBody = z.strictObject({
  interfaces: z.array(z.string().min(1).max(32)).max(8).optional().describe('multicast WS-Discovery on these, e.g. ["eth0"]'),
  ranges: z.array(z.string().min(1).max(64)).max(16).optional()
    .describe('"a.b.c.d", "a.b.c.d-e.f.g.h", "a.b.c.d-N" or CIDR, inside discovery.allowedRanges'),
  ports: z.array(z.number().int()).max(16).optional().describe('HTTP ports tried with GetSystemDateAndTime; [] = WS-Discovery only'),
  timeoutMs: z.number().int().min(200).optional().describe('time limit of the whole scan'),
});
export type ScanBody = z.infer<typeof scanBody>;

export interface DiscoveryConfig {
  interfaces: string[];
  ranges: string[];
  ports: number[];
  timeoutMs: number;
  maxTimeoutMs: number;
  concurrency: number;
  maxAddresses: number;
  allowedRanges: string[];
}

export interface ScanListeners {
  progress(p: DiscoveryProgressDto): void;
  device(d: DiscoveredDeviceDto): void;
  signal?: AbortSignal;
}

const MAX_CONCURRENT_SCANS = 2;

export class DiscoveryService {
  private running = 0;

  constructor(
    private readonly cfg: DiscoveryConfig,
    /** addresses cameras of the hub use, lower case */
    private readonly registered: () => Set<string>,
    private readonly run: (o: ScanOptions, p?: (x: { checked: number; total: number; found: number }) => void,
      d?: (x: DiscoveredDevice) => void) => Promise<ScanResult> = scan,
  ) {}

  async scan(body: ScanBody, on: ScanListeners): Promise<DiscoveryResultDto> {
    const interfaces = body.interfaces ?? this.cfg.interfaces;
    const ranges = body.ranges ?? this.cfg.ranges;
    if (!interfaces.length && !ranges.length) {
      throw new AppError('scan-nothing-named',
        'Name at least one network interface (e.g. "eth0") or address range (e.g. "192.168.1.0/24") to scan.');
    }
    const timeoutMs = body.timeoutMs ?? this.cfg.timeoutMs;
    if (timeoutMs > this.cfg.maxTimeoutMs) {
      throw new AppError('scan-timeout-too-long', `A scan may last at most ${this.cfg.maxTimeoutMs} ms.`);
    }
    if (this.running >= MAX_CONCURRENT_SCANS) {
      throw new AppError('scan-busy', 'Other scans are running; try again when they are done.');
    }
    const scanId = `scan-${randomBytes(4).toString('hex')}`;
    const known = this.registered();
    const toDto = (d: DiscoveredDevice): DiscoveredDeviceDto => ({
      address: d.address, port: d.port, xaddr: d.xaddr, manufacturer: d.manufacturer ?? null, model: d.model ?? null,
      name: d.name ?? null, hardware: d.hardware ?? null, foundBy: [...d.foundBy],
      registered: known.has(d.address.toLowerCase()), scanId,
    });
    this.running++;
    try {
      const result = await this.run(
        {
          interfaces, ranges, ports: body.ports ?? this.cfg.ports, timeoutMs, concurrency: this.cfg.concurrency,
          maxAddresses: this.cfg.maxAddresses, allowedRanges: this.cfg.allowedRanges, signal: on.signal,
        },
        (p) => on.progress({ scanId, ...p }),
        (d) => on.device(toDto(d)),
      );
      return { scanId, devices: result.devices.map(toDto), checked: result.checked, total: result.total, timedOut: result.timedOut };
    } finally {
      this.running--;
    }
  }
}
