// Reads the capture time that bench/sources/stamp-camera.py draws into each frame.
// Plain JavaScript so that one implementation serves both the browser reader page and Node (floor measurement).
// Layout: two rows of 40 blocks of 16x16 px from the top-left corner; row A = the 40 low bits of the capture time in
// ms, MSB first (white = 1), row B = the complement of row A.

export const STAMP_BLOCK = 16;
export const STAMP_BITS = 40;
export const STAMP_MODULUS = 2 ** STAMP_BITS;
/** the band the reader must look at, in source pixels */
export const STAMP_WIDTH = STAMP_BLOCK * STAMP_BITS;
export const STAMP_HEIGHT = STAMP_BLOCK * 2;
/** a bit is trusted only when its block in row A and the one in row B differ by at least this much luma (0..255) */
const MIN_CONTRAST = 48;

function blockMean(luma, bx, by, scale) {
  // the centre 8x8 of the block: away from the edges that H.264 smears
  const q = STAMP_BLOCK / 4;
  let sum = 0;
  let n = 0;
  for (let y = by + q; y < by + STAMP_BLOCK - q; y += 1) {
    for (let x = bx + q; x < bx + STAMP_BLOCK - q; x += 1) {
      sum += luma(Math.floor(x * scale), Math.floor(y * scale));
      n += 1;
    }
  }
  return sum / n;
}

/**
 * @param luma (x, y) => brightness 0..255 of the picture, in the picture's own pixels
 * @param scale picture pixels per source pixel (1 when the picture is decoded at the source's size)
 * @returns the stamped time in ms modulo 2^40, or null when the stamp is damaged
 */
export function decodeStamp(luma, scale = 1) {
  let value = 0;
  for (let i = 0; i < STAMP_BITS; i += 1) {
    const a = blockMean(luma, i * STAMP_BLOCK, 0, scale);
    const b = blockMean(luma, i * STAMP_BLOCK, STAMP_BLOCK, scale);
    if (Math.abs(a - b) < MIN_CONTRAST) return null;
    value = value * 2 + (a > b ? 1 : 0);
  }
  return value;
}

/** now − stamp in ms, both taken from the same wall clock; the stamp holds only the low 40 bits of the time */
export function stampAgeMs(stamp, nowMs) {
  const d = (((nowMs - stamp) % STAMP_MODULUS) + STAMP_MODULUS) % STAMP_MODULUS;
  return d > STAMP_MODULUS / 2 ? d - STAMP_MODULUS : d;
}
