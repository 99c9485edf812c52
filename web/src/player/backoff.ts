// Retry delays for a tile's player: short at first (a hiccup), longer while the camera stays away.
const STEPS_MS = [500, 1000, 2000, 3000, 5000, 8000];

export function retryDelayMs(attempt: number): number {
  return STEPS_MS[Math.min(attempt, STEPS_MS.length - 1)] ?? 8000;
}
