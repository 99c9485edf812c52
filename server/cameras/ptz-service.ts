// PTZ commands for ONVIF cameras that have PTZ: the registry gives the device (with its password), server/onvif
// talks to it under a short deadline.
import type { PtzPresetDto, SessionUserDto } from '../contracts.ts';
import type { Logger } from 'pino';
import { ptzGotoPreset, ptzPresets, ptzStartMove, ptzStop } from '../onvif/ptz.ts';
import type { OnvifTarget } from './camera-service.ts';
import type { PtzCommand } from './camera-schemas.ts';

export interface PtzTargets {
  ptzTarget(cameraId: string, user: SessionUserDto): OnvifTarget;
}

/**
 * A move is answered as soon as the camera took it, and the hub sends the Stop when its duration ends, unless
 * another move for that camera came first: a held control (a move every ~400 ms) then glides without pauses, and
 * a browser that vanishes mid-move still stops the camera, even one that ignores the ONVIF Timeout.
 */
export class PtzService {
  private readonly stops = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly cameras: PtzTargets,
    private readonly o: { timeoutMs: number },
    private readonly logger?: Logger,
  ) {}

  async command(cameraId: string, user: SessionUserDto, cmd: PtzCommand): Promise<void> {
    const target = { ...this.cameras.ptzTarget(cameraId, user), timeoutMs: this.o.timeoutMs };
    this.cancelStop(cameraId);
    switch (cmd.action) {
      case 'move': {
        await ptzStartMove({ ...target, pan: cmd.pan, tilt: cmd.tilt, zoom: cmd.zoom, durationMs: cmd.durationMs });
        this.cancelStop(cameraId); // a later move may have been answered first
        this.stops.set(cameraId, setTimeout(() => {
          this.stops.delete(cameraId);
          ptzStop(target).catch((err: unknown) => this.logger?.warn({ err, cameraId }, 'PTZ stop failed'));
        }, cmd.durationMs));
        return;
      }
      case 'stop':
        return ptzStop(target);
      case 'goto-preset':
        return ptzGotoPreset({ ...target, presetToken: cmd.preset });
    }
  }

  /** Pending automatic stops are dropped (shutdown). */
  close(): void {
    for (const t of this.stops.values()) clearTimeout(t);
    this.stops.clear();
  }

  private cancelStop(cameraId: string): void {
    const t = this.stops.get(cameraId);
    if (t) clearTimeout(t);
    this.stops.delete(cameraId);
  }

  presets(cameraId: string, user: SessionUserDto): Promise<PtzPresetDto[]> {
    return ptzPresets({ ...this.cameras.ptzTarget(cameraId, user), timeoutMs: this.o.timeoutMs });
  }
}
