// PTZ commands for ONVIF cameras that have PTZ: the registry gives the device (with its password), server/onvif
// talks to it under a short deadline.
import type { PtzPresetDto, UserDto } from '../contracts.ts';
import { ptzGotoPreset, ptzMove, ptzPresets, ptzStop } from '../onvif/ptz.ts';
import type { OnvifTarget } from './camera-service.ts';
import type { PtzCommand } from './camera-schemas.ts';

export interface PtzTargets {
  ptzTarget(cameraId: string, user: UserDto): OnvifTarget;
}

export class PtzService {
  constructor(
    private readonly cameras: PtzTargets,
    private readonly o: { timeoutMs: number },
  ) {}

  async command(cameraId: string, user: UserDto, cmd: PtzCommand): Promise<void> {
    const target = { ...this.cameras.ptzTarget(cameraId, user), timeoutMs: this.o.timeoutMs };
    switch (cmd.action) {
      case 'move':
        return ptzMove({ ...target, pan: cmd.pan, tilt: cmd.tilt, zoom: cmd.zoom, durationMs: cmd.durationMs });
      case 'stop':
        return ptzStop(target);
      case 'goto-preset':
        return ptzGotoPreset({ ...target, presetToken: cmd.preset });
    }
  }

  presets(cameraId: string, user: UserDto): Promise<PtzPresetDto[]> {
    return ptzPresets({ ...this.cameras.ptzTarget(cameraId, user), timeoutMs: this.o.timeoutMs });
  }
}
