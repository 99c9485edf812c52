// The reader page's script (plain JavaScript, runs in Chromium). Plays an HLS URL with hls.js and, for every frame
// the browser presents (requestVideoFrameCallback), reads the capture time stamped into the picture.
// Driven by bench/lib/browser.ts through window.benchStart / window.benchState.
import { decodeStamp, stampAgeMs, STAMP_HEIGHT, STAMP_WIDTH } from './stamp-decode.js';

const state = {
  /** ms from hls.loadSource to the first presented frame */
  firstFrameMs: null,
  /** [Date.now() at presentation, now − stamp] per decoded frame */
  samples: [],
  rejected: 0,
  frames: 0,
  errors: [],
  hlsLatencyMs: null,
  /** ms from hls.loadSource to the first of each hls.js step (where the time to first frame goes) */
  marks: {},
};
window.benchState = state;

window.benchStart = (src, config, sourceWidth) => {
  const video = document.querySelector('video');
  const canvas = document.querySelector('canvas');
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  // eslint-disable-next-line no-undef
  const hls = new Hls(config);
  window.benchHls = hls;
  let loadStartedAt = 0;
  hls.on(Hls.Events.ERROR, (_e, data) => {
    state.errors.push(`${data.type}/${data.details}${data.fatal ? ' (fatal)' : ''}`);
    if (state.errors.length > 50) state.errors.shift();
    if (data.fatal && data.type === Hls.ErrorTypes.MEDIA_ERROR) hls.recoverMediaError();
  });
  hls.on(Hls.Events.MANIFEST_PARSED, () => void video.play().catch((err) => state.errors.push(String(err))));
  const mark = (name) => () => {
    if (state.marks[name] === undefined) state.marks[name] = performance.now() - loadStartedAt;
  };
  hls.on(Hls.Events.MANIFEST_LOADED, mark('playlist'));
  hls.on(Hls.Events.FRAG_LOADED, mark('media'));
  hls.on(Hls.Events.BUFFER_APPENDED, mark('appended'));
  video.addEventListener('playing', mark('playing'), { once: true });
  hls.on(Hls.Events.MEDIA_ATTACHED, () => {
    loadStartedAt = performance.now();
    hls.loadSource(src);
  });

  const onFrame = () => {
    const now = Date.now();
    if (state.firstFrameMs === null) state.firstFrameMs = performance.now() - loadStartedAt;
    state.frames += 1;
    const scale = video.videoWidth / sourceWidth;
    ctx.drawImage(video, 0, 0, STAMP_WIDTH * scale, STAMP_HEIGHT * scale, 0, 0, STAMP_WIDTH, STAMP_HEIGHT);
    const px = ctx.getImageData(0, 0, STAMP_WIDTH, STAMP_HEIGHT).data;
    const stamp = decodeStamp((x, y) => {
      const i = (y * STAMP_WIDTH + x) * 4;
      return (px[i] + px[i + 1] + px[i + 2]) / 3;
    });
    if (stamp === null) state.rejected += 1;
    else state.samples.push([now, stampAgeMs(stamp, now)]);
    if (state.samples.length > 20000) state.samples.shift();
    state.hlsLatencyMs = Number.isFinite(hls.latency) ? hls.latency * 1000 : null;
    video.requestVideoFrameCallback(onFrame);
  };
  video.requestVideoFrameCallback(onFrame);
  hls.attachMedia(video);
};
