// LL-HLS over HTTP, straight from memory: /live/:cameraId/:stream/{index.m3u8, init.mp4, p<id>.m4s, s<msn>.m4s}.
// Mounted behind the session check; this router does no auth. Blocking waits end when the client goes away.
import express, { type Request, type Response } from 'express';
import type { LiveStream, MediaService } from '../media/media-service.ts';
import type { LiveStreamName } from '../media/types.ts';
import { AppError } from '../errors.ts';

type LiveParams = { cameraId: string; stream: string };
type FileParams = LiveParams & { file: string };

const PLAYLIST_TYPE = 'application/vnd.apple.mpegurl';
const INIT_TYPE = 'video/mp4';
const MEDIA_TYPE = 'video/iso.segment';
const UINT = /^(0|[1-9]\d{0,15})$/;

function streamOf(req: Request<LiveParams>): LiveStreamName {
  const s = req.params.stream;
  if (s !== 'main' && s !== 'sub' && s !== 'transcode') throw new AppError('bad-stream', 'The stream must be "main", "sub" or "transcode".');
  return s;
}

function uintQuery(v: unknown, name: string): number | undefined {
  if (v === undefined) return undefined;
  if (typeof v !== 'string' || !UINT.test(v)) throw new AppError('hls-bad-request', `Bad ${name}.`);
  return Number(v);
}

/** The stream, kept alive until the response ends (a blocking wait can outlast the idle timeout). */
function open(media: MediaService, req: Request<LiveParams>, res: Response, start: boolean): LiveStream {
  const live = media.live(req.params.cameraId, streamOf(req), { start });
  res.once('close', live.hold());
  return live;
}

/** Aborted when the client disconnects before the response is finished. */
function clientGone(res: Response): AbortSignal {
  const ac = new AbortController();
  res.on('close', () => {
    if (!res.writableFinished) ac.abort();
  });
  return ac.signal;
}

const isAbort = (e: unknown) => e instanceof Error && e.name === 'AbortError';

function sendBytes(res: Response, type: string, chunks: readonly Buffer[], length: number): void {
  res.writeHead(200, { 'Content-Type': type, 'Content-Length': String(length), 'Cache-Control': 'no-cache' });
  if (res.req.method === 'HEAD') {
    res.end();
    return;
  }
  for (const c of chunks) res.write(c);
  res.end();
}

export interface LiveRouterOptions {
  /** how long the first playlist request waits for a stream that is starting */
  readyTimeoutMs?: number;
}

export function createLiveRouter(media: MediaService, opts: LiveRouterOptions = {}): express.Router {
  const router = express.Router();
  const readyTimeoutMs = opts.readyTimeoutMs ?? media.readyTimeoutMs;

  router.get('/:cameraId/:stream/index.m3u8', async (req: Request<LiveParams>, res, next) => {
    streamOf(req);
    const msn = uintQuery(req.query._HLS_msn, '_HLS_msn');
    const part = uintQuery(req.query._HLS_part, '_HLS_part');
    if (part !== undefined && msn === undefined) {
      throw new AppError('hls-bad-request', '_HLS_part needs _HLS_msn.');
    }
    const live = open(media, req, res, true);
    const signal = clientGone(res);
    try {
      if (msn !== undefined) await live.packager.waitForPlaylist(msn, part, signal);
      else await live.waitReady(readyTimeoutMs, signal);
    } catch (e) {
      if (isAbort(e)) return;
      return next(e);
    }
    const bytes = live.packager.playlistBytes();
    sendBytes(res, PLAYLIST_TYPE, [bytes], bytes.length);
  });

  router.get('/:cameraId/:stream/init.mp4', async (req: Request<LiveParams>, res, next) => {
    const live = open(media, req, res, true);
    try {
      if (!live.packager.initSegment) await live.waitReady(readyTimeoutMs, clientGone(res));
    } catch (e) {
      if (isAbort(e)) return;
      return next(e);
    }
    const init = live.packager.initSegment;
    if (!init) throw new AppError('stream-unavailable', 'The stream has no init segment yet.');
    sendBytes(res, INIT_TYPE, [init], init.length);
  });

  router.get('/:cameraId/:stream/:file', async (req: Request<FileParams>, res, next) => {
    streamOf(req);
    const m = /^([ps])(0|[1-9]\d{0,15})\.m4s$/.exec(req.params.file);
    if (!m) throw new AppError('not-found', 'No such file.');
    const live = open(media, req, res, false);
    const n = Number(m[2]);
    const signal = clientGone(res);
    try {
      if (m[1] === 'p') {
        const p = await live.packager.getPart(n, signal);
        sendBytes(res, MEDIA_TYPE, [p.data], p.data.length);
      } else {
        const s = await live.packager.getSegment(n, signal);
        sendBytes(res, MEDIA_TYPE, s.parts.map((p) => p.data), s.bytes);
      }
    } catch (e) {
      if (isAbort(e)) return;
      next(e);
    }
  });

  return router;
}
