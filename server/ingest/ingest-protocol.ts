// Messages between the hub and its RTMP ingest child (server/ingest/rtmp-ingest-child.ts), over the IPC channel.
// Stream keys never cross it: the hub sends the SHA-256 of each valid key, the child answers with hashes.

export interface IngestChildConfig {
  host: string;
  /** 0 = any free port */
  port: number;
  /** what the hub's own ffmpeg puts in the play path (?t=…); any other play is refused */
  playToken: string;
  /** the RTMP application name in publish URLs: rtmp://host:port/<app>/<key> */
  app: string;
}

/** the child reads its IngestChildConfig (JSON) from this environment variable */
export const INGEST_CONFIG_ENV = 'MATTHAN_INGEST_CONFIG';

/** every valid key's SHA-256 (hex); publishers whose key is no longer listed are cut at once */
export type ParentMessage = { type: 'keys'; seq: number; hashes: string[] };

export type RefusalReason = 'unknown-key' | 'bad-app' | 'play-denied' | 'duplicate-publish';

export type ChildMessage =
  | { type: 'listening'; port: number }
  | { type: 'listen-error'; code: string; message: string }
  | { type: 'keys-applied'; seq: number; cut: number }
  | { type: 'publish-start'; hash: string }
  | { type: 'publish-end'; hash: string }
  | { type: 'refused'; reason: RefusalReason };

export const INGEST_APP = 'live';
export const STREAM_NAME_RE = /^[A-Za-z0-9_-]{16,128}$/;
