// The pad's directions, the keys that hold them, and how held directions add up to one velocity.
import type { PtzVelocity } from '../../../api/ptz-api.ts';
import type { MessageKey } from '../../../i18n/i18n.ts';

export type PtzDirection =
  | 'up-left'
  | 'up'
  | 'up-right'
  | 'left'
  | 'right'
  | 'down-left'
  | 'down'
  | 'down-right'
  | 'zoom-in'
  | 'zoom-out';

export interface DirectionSpec {
  /** unit velocity: pan right > 0, tilt up > 0, zoom in > 0 */
  v: PtzVelocity;
  label: MessageKey;
  /** degrees the right-pointing arrow is turned (arrows only) */
  angle: number | null;
}

export const DIRECTIONS: Record<PtzDirection, DirectionSpec> = {
  'up-left': { v: { pan: -1, tilt: 1, zoom: 0 }, label: 'ptz.upLeft', angle: 225 },
  up: { v: { pan: 0, tilt: 1, zoom: 0 }, label: 'ptz.up', angle: 270 },
  'up-right': { v: { pan: 1, tilt: 1, zoom: 0 }, label: 'ptz.upRight', angle: 315 },
  left: { v: { pan: -1, tilt: 0, zoom: 0 }, label: 'ptz.left', angle: 180 },
  right: { v: { pan: 1, tilt: 0, zoom: 0 }, label: 'ptz.right', angle: 0 },
  'down-left': { v: { pan: -1, tilt: -1, zoom: 0 }, label: 'ptz.downLeft', angle: 135 },
  down: { v: { pan: 0, tilt: -1, zoom: 0 }, label: 'ptz.down', angle: 90 },
  'down-right': { v: { pan: 1, tilt: -1, zoom: 0 }, label: 'ptz.downRight', angle: 45 },
  'zoom-in': { v: { pan: 0, tilt: 0, zoom: 1 }, label: 'ptz.zoomIn', angle: null },
  'zoom-out': { v: { pan: 0, tilt: 0, zoom: -1 }, label: 'ptz.zoomOut', angle: null },
};

/** The 3×3 arrow grid, row by row; null is the stop button in the middle. */
export const ARROW_GRID: Array<PtzDirection | null> = [
  'up-left', 'up', 'up-right',
  'left', null, 'right',
  'down-left', 'down', 'down-right',
];

/** The direction a key holds (by `KeyboardEvent.key`), or null. */
export function directionOfKey(key: string): PtzDirection | null {
  switch (key) {
    case 'ArrowUp':
      return 'up';
    case 'ArrowDown':
      return 'down';
    case 'ArrowLeft':
      return 'left';
    case 'ArrowRight':
      return 'right';
    case '+':
    case '=':
      return 'zoom-in';
    case '-':
    case '_':
      return 'zoom-out';
    default:
      return null;
  }
}

/** Held directions added up (opposites cancel), each axis within −1…1, scaled by `speed`. */
export function combine(held: Iterable<PtzDirection>, speed: number): PtzVelocity {
  const sum = { pan: 0, tilt: 0, zoom: 0 };
  for (const d of held) {
    const v = DIRECTIONS[d].v;
    sum.pan += v.pan;
    sum.tilt += v.tilt;
    sum.zoom += v.zoom;
  }
  const axis = (n: number) => {
    const x = Math.max(-1, Math.min(1, n)) * speed;
    return Math.round(x * 100) / 100 || 0; // no -0, no 0.30000000000000004 on the wire
  };
  return { pan: axis(sum.pan), tilt: axis(sum.tilt), zoom: axis(sum.zoom) };
}
