// The wire format of the live push transport (one WebSocket per browser tab, every tile multiplexed on it).
// Pure: no Node or DOM imports, so the hub and the web app share this one file (the web app imports it as a value).
//
// URL: `/ws/live` on the hub's own port; needs the session cookie and a same-origin `Origin` header.
// Client → hub, text frames (JSON): LiveClientMessage. Hub → client: text frames (JSON) LiveServerMessage and
// binary frames: a 12-byte header then the payload.
//
//   byte 0      kind: 1 = init segment (ftyp+moov), 2 = fragment (moof+mdat, usually one frame),
//               3 = audio init segment, 4 = audio fragment (AAC; only on a `sub` with `audio: true`)
//   bytes 1-2   channel (uint16, big-endian): the number the client chose when it subscribed
//   byte 3      flags: bit 0 = the fragment starts with a keyframe; bit 1 = fragments were skipped before this one
//   bytes 4-11  float64 big-endian: wall-clock ms (since epoch) when the fragment's last byte reached the hub
//               (Fragment.arrivedAt); 0 on an init segment
//   bytes 12-   payload
//
// Order on one channel: `init` (JSON, with the codec) → binary init → binary fragments, the first a keyframe.
// A new `init` on a channel means the camera session restarted: the client resets that tile's SourceBuffer.

import type { ErrorCode, LiveStreamName, StreamStatus } from '../contracts.ts';

export const LIVE_WS_PATH = '/ws/live';
export const FRAME_HEADER_BYTES = 12;
export const FRAME_INIT = 1;
export const FRAME_FRAGMENT = 2;
/** the camera's audio (AAC in fMP4), after an `init` that named its codec in `audio` */
export const FRAME_AUDIO_INIT = 3;
export const FRAME_AUDIO_FRAGMENT = 4;
export const FLAG_KEYFRAME = 1;
export const FLAG_AFTER_SKIP = 2;
/** channels are 1..65535 */
export const MAX_CHANNEL = 0xffff;

/** Close codes the hub uses (4000–4999 are the application's). */
export const CLOSE_SESSION_ENDED = 4001; // logged out, expired or revoked: go to the login page
export const CLOSE_TOO_MANY = 4008; // too many subscriptions or messages

export type LiveClientMessage =
  /** `audio`: the camera's audio too, when it has some (the focused view; the wall never asks) */
  | { op: 'sub'; ch: number; cameraId: string; stream: LiveStreamName; audio?: boolean }
  | { op: 'unsub'; ch: number };

export type LiveServerMessage =
  /** the subscription is live; media follows. `stream` is the effective one (`sub` falls back to `main`) */
  | { op: 'init'; ch: number; cameraId: string; stream: LiveStreamName; codec: string; audio?: string }
  /** the subscription was refused or ended by the hub (permission withdrawn, camera deleted…); no more media */
  | { op: 'error'; ch: number; code: ErrorCode; message: string }
  /** the stream's status changed (offline with a reason, online again…) */
  | { op: 'status'; ch: number; status: StreamStatus; lastError: string | null }
  /** the viewer fell behind: `dropped` fragments were not sent; the next fragment is a keyframe */
  | { op: 'skip'; ch: number; dropped: number };

export interface FrameHeader {
  kind: number;
  channel: number;
  flags: number;
  /** wall-clock ms when the fragment reached the hub (Fragment.arrivedAt); 0 for init */
  wallMs: number;
}

export function encodeFrameHeader(h: FrameHeader, into: Uint8Array = new Uint8Array(FRAME_HEADER_BYTES)): Uint8Array {
  const v = new DataView(into.buffer, into.byteOffset, FRAME_HEADER_BYTES);
  v.setUint8(0, h.kind);
  v.setUint16(1, h.channel);
  v.setUint8(3, h.flags);
  v.setFloat64(4, h.wallMs);
  return into;
}

/** Returns null when the frame is too short to hold a header. */
export function decodeFrameHeader(frame: ArrayBuffer | Uint8Array): FrameHeader | null {
  const bytes = frame instanceof Uint8Array ? frame : new Uint8Array(frame);
  if (bytes.byteLength < FRAME_HEADER_BYTES) return null;
  const v = new DataView(bytes.buffer, bytes.byteOffset, FRAME_HEADER_BYTES);
  return { kind: v.getUint8(0), channel: v.getUint16(1), flags: v.getUint8(3), wallMs: v.getFloat64(4) };
}
