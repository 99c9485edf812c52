export declare const STAMP_BLOCK: number;
export declare const STAMP_BITS: number;
export declare const STAMP_MODULUS: number;
export declare const STAMP_WIDTH: number;
export declare const STAMP_HEIGHT: number;
export declare function decodeStamp(luma: (x: number, y: number) => number, scale?: number): number | null;
export declare function stampAgeMs(stamp: number, nowMs: number): number;
