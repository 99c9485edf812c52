import type { LiveStreamName, StreamName, StreamStatus } from '../contracts.ts';

export type { LiveStreamName, StreamName, StreamStatus };

/** What ffmpeg reads. Built only by the camera registry from validated data, never from raw user input. */
export type InputSpec =
  | { kind: 'rtsp'; url: string } // full URL including credentials; scheme already checked to be rtsp/rtsps
  // a stream pushed to the hub's own RTMP ingest (server/ingest), pulled back from 127.0.0.1:<port>/live;
  // the stream name (the camera's secret key) and the ingest's play token never appear in the URL ffmpeg prints
  | { kind: 'rtmp'; port: number; streamName: string; playToken: string }
  | { kind: 'demo'; pattern: 'testsrc2' | 'smptehdbars' | 'rgbtestsrc'; label: string; width: number; height: number; fps: number }
  // the hub's own fMP4 of a camera stream on ffmpeg's stdin, re-encoded to H.264 (built only by transcodes.ts)
  | { kind: 'transcode'; maxWidth: number; maxHeight: number };

export interface ResolvedStream {
  /** effective stream: `sub` resolves to `main` when the camera has no sub-stream */
  stream: StreamName;
  input: InputSpec;
}

/** Returns undefined when the camera does not exist. */
export type SourceResolver = (cameraId: string, stream: StreamName) => ResolvedStream | undefined;

export interface StreamStatusEvent {
  cameraId: string;
  stream: StreamName;
  status: StreamStatus;
  lastError: string | null;
  at: string;
}

export interface BackoffStep {
  delayMs: number;
  /** how many attempts use this delay; omitted on the last step = forever */
  times?: number;
}

export interface MediaOptions {
  ffmpegPath: string;
  /** target duration of an LL-HLS part (with fragmentPerFrame off: of an fMP4 fragment too) */
  partDurationMs: number;
  /**
   * ffmpeg writes one fMP4 fragment per frame (the live push transport sends each at once; the LL-HLS packager
   * gathers them into parts of partDurationMs). Default true.
   */
  fragmentPerFrame?: boolean;
  /** the cameras' audio beside the video (session-audio.ts); false = video only. Default true */
  audio?: boolean;
  /** bytes of the current GOP kept per stream so a new push viewer starts at once (0 = none); default 8 MiB */
  gopCacheBytes?: number;
  /** a segment is cut at the first keyframe after at least this much media */
  minSegmentMs: number;
  /** complete segments kept in memory and listed in the playlist */
  segmentsKept: number;
  /** a stream with no consumer for this long is stopped */
  idleTimeoutMs: number;
  /** RTSP socket timeout (ffmpeg -timeout) */
  connectTimeoutMs: number;
  /** no output for this long → kill and restart ffmpeg */
  watchdogMs: number;
  backoff: BackoffStep[];
  /** H.264 transcodes for browsers that cannot decode a camera's codec; absent = none (`transcode-disabled`) */
  transcode?: TranscodeLimits;
}

export interface TranscodeLimits {
  /** transcodes running at once (one per camera); 0 = off */
  maxConcurrent: number;
  /** the picture is scaled down to fit this box, keeping its aspect; never up */
  maxWidth: number;
  maxHeight: number;
}
