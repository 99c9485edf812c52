import { Router, type Request } from 'express';
import type { VodService } from '../recording/vod.ts';
import { parseSpan } from '../recording/vod.ts';
import { AppError } from '../errors.ts';

/** GET /api/cameras/:id/recordings?from=&to= — recorded ranges for the review timeline. */
export function createRecordingsRouter(vod: VodService) {
  const r = Router({ mergeParams: true });
  r.get('/', (req: Request<{ id: string }>, res) => {
    const { from, to } = parseSpan(req.query.from, req.query.to);
    res.json({ cameraId: req.params.id, ranges: vod.ranges(req.params.id, from, to) });
  });
  return r;
}

/** /vod/:cameraId/index.m3u8?from=&to= and the segment files it names. Mounted behind the same checks as /live. */
export function createVodRouter(vod: VodService) {
  const r = Router();
  r.get('/:cameraId/index.m3u8', (req: Request<{ cameraId: string }>, res) => {
    const { from, to } = parseSpan(req.query.from, req.query.to);
    res.set({ 'Content-Type': 'application/vnd.apple.mpegurl', 'Cache-Control': 'no-cache' });
    res.send(vod.playlist(req.params.cameraId, from, to));
  });
  r.get('/:cameraId/file/:recordingId.mp4', (req: Request<{ cameraId: string; recordingId: string }>, res, next) => {
    const id = Number(req.params.recordingId);
    const file = Number.isSafeInteger(id) ? vod.segmentFile(req.params.cameraId, id) : undefined;
    if (!file) throw new AppError('recording-not-found', 'No such recording.');
    res.sendFile(file, { acceptRanges: true, cacheControl: false, headers: { 'Content-Type': 'video/mp4' } }, (err) => {
      if (err && !res.headersSent) next(err);
    });
  });
  // a recorded file muxed with its audio file (recording/vod-mux.ts): the init, and one GOP with its audio
  r.get('/:cameraId/av/:videoId/:audioId/:part', (req: Request<{ cameraId: string; videoId: string; audioId: string; part: string }>, res) => {
    const m = /^(?:(init)\.mp4|(\d{1,6})\.m4s)$/.exec(req.params.part);
    const videoId = Number(req.params.videoId);
    const audioId = Number(req.params.audioId);
    const bytes = m && Number.isSafeInteger(videoId) && Number.isSafeInteger(audioId)
      ? vod.muxed(req.params.cameraId, videoId, audioId, m[1] ? 'init' : Number(m[2]))
      : undefined;
    if (!bytes) throw new AppError('recording-not-found', 'No such recording.');
    res.set({ 'Content-Type': 'video/mp4', 'Cache-Control': 'no-cache' }).send(bytes);
  });
  return r;
}
