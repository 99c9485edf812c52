// The wall meter (plain JavaScript, runs in Chromium inside the web app's own wall page, injected before the app's
// scripts by bench/lib/wall-browser.ts). It expects `decodeStamp`, `stampAgeMs`, `STAMP_WIDTH`, `STAMP_HEIGHT`,
// `SOURCE_WIDTH` and `SAMPLE_EVERY` in scope (wall-browser.ts puts bench/page/stamp-decode.js and those constants in
// front of this file).
//
// Per tile (keyed by the tile's data-camera-id):
// - presented frames, from requestVideoFrameCallback's `presentedFrames` (frames the compositor showed, also those
//   between two callbacks), and the callbacks themselves;
// - the age of the shown frame = Date.now() − the capture time read from the picture, on one callback in SAMPLE_EVERY
//   (so that reading does not starve a page of 36 videos).
// Per page: media requests under /live/ (Resource Timing: requestStart − fetchStart is the time a request waited
// for a free connection, the handshake on a new connection included); WebSockets opened, and for binary messages of
// the live push wire, the delay Date.now() − the frame header's wallMs (hub arrival → page).
(() => {
  const MAX_SAMPLES = 20000;
  const tiles = new Map(); // camera id → record
  const hooked = new WeakSet();
  const canvas = document.createElement('canvas');
  canvas.width = STAMP_WIDTH;
  canvas.height = STAMP_HEIGHT;
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  const page = {
    windowStart: performance.now(),
    requests: [], // [startTime, wait ms, path kind]
    sockets: [],
    wsMessages: 0,
    wsBytes: 0,
    wsDelays: [],
  };

  const record = (id) => {
    let r = tiles.get(id);
    if (!r) {
      r = { id, presented: 0, callbacks: 0, ages: [], rejected: 0, firstFrameAt: null, videos: 0 };
      tiles.set(id, r);
    }
    return r;
  };

  const luma = (px) => (x, y) => {
    const i = (y * STAMP_WIDTH + x) * 4;
    return (px[i] + px[i + 1] + px[i + 2]) / 3;
  };

  const hook = (video) => {
    if (hooked.has(video)) return;
    const tile = video.closest('[data-camera-id]');
    if (!tile) return;
    hooked.add(video);
    const r = record(tile.dataset.cameraId);
    r.videos += 1;
    let lastPresented = null;
    let n = 0;
    const onFrame = (now, md) => {
      if (!video.isConnected) return; // the tile was destroyed: stop the loop
      const wall = Date.now();
      if (r.firstFrameAt === null) r.firstFrameAt = performance.now();
      const presented = md && typeof md.presentedFrames === 'number' ? md.presentedFrames : null;
      let delta = 1;
      if (presented !== null && lastPresented !== null) delta = presented >= lastPresented ? presented - lastPresented : 1;
      lastPresented = presented;
      r.presented += delta;
      r.callbacks += 1;
      n += 1;
      if (n % SAMPLE_EVERY === 0 && video.videoWidth > 0) {
        const scale = video.videoWidth / SOURCE_WIDTH;
        ctx.drawImage(video, 0, 0, STAMP_WIDTH * scale, STAMP_HEIGHT * scale, 0, 0, STAMP_WIDTH, STAMP_HEIGHT);
        const stamp = decodeStamp(luma(ctx.getImageData(0, 0, STAMP_WIDTH, STAMP_HEIGHT).data));
        if (stamp === null) r.rejected += 1;
        else if (r.ages.length < MAX_SAMPLES) r.ages.push(stampAgeMs(stamp, wall));
      }
      video.requestVideoFrameCallback(onFrame);
    };
    video.requestVideoFrameCallback(onFrame);
  };

  const scan = () => {
    for (const v of document.querySelectorAll('video[data-testid="live-video"]')) hook(v);
  };
  setInterval(scan, 250);

  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      if (page.requests.length >= 50000) return;
      const path = new URL(e.name, location.href).pathname;
      if (!path.startsWith('/live/')) continue;
      const kind = path.endsWith('.m3u8') ? 'playlist' : 'media';
      const wait = e.requestStart > 0 ? e.requestStart - e.fetchStart : null;
      page.requests.push([e.startTime, wait, kind]);
    }
  }).observe({ type: 'resource', buffered: true });

  const NativeWebSocket = window.WebSocket;
  window.WebSocket = class extends NativeWebSocket {
    constructor(url, protocols) {
      super(url, protocols);
      page.sockets.push(String(url));
      this.addEventListener('message', (ev) => {
        page.wsMessages += 1;
        const data = ev.data;
        if (data instanceof ArrayBuffer) {
          page.wsBytes += data.byteLength;
          // live push wire: byte 0 kind (2 = fragment), bytes 4-11 float64 BE wall-clock ms at the hub
          if (data.byteLength >= 12 && page.wsMessages % SAMPLE_EVERY === 0 && page.wsDelays.length < MAX_SAMPLES) {
            const v = new DataView(data, 0, 12);
            if (v.getUint8(0) === 2) page.wsDelays.push(Date.now() - v.getFloat64(4));
          }
        } else if (typeof data === 'string') page.wsBytes += data.length;
        else if (data && typeof data.size === 'number') page.wsBytes += data.size;
      });
    }
  };

  window.__wallMeter = {
    /** forget everything measured so far: the window starts now */
    reset() {
      page.windowStart = performance.now();
      for (const r of tiles.values()) {
        r.presented = 0;
        r.callbacks = 0;
        r.ages = [];
        r.rejected = 0;
      }
      page.wsMessages = 0;
      page.wsBytes = 0;
      page.wsDelays = [];
    },
    /** tiles that have shown at least one frame since the page loaded */
    playing() {
      let n = 0;
      for (const r of tiles.values()) if (r.firstFrameAt !== null) n += 1;
      return n;
    },
    read() {
      const seconds = (performance.now() - page.windowStart) / 1000;
      const out = [];
      for (const el of document.querySelectorAll('[data-camera-id]')) {
        const video = el.querySelector('video[data-testid="live-video"]');
        if (!video) continue;
        const r = tiles.get(el.dataset.cameraId) ?? record(el.dataset.cameraId);
        out.push({
          id: r.id,
          presented: r.presented,
          callbacks: r.callbacks,
          ages: r.ages,
          rejected: r.rejected,
          videos: r.videos,
          transport: video.dataset.transport ?? null,
          playerState: video.dataset.playerState ?? el.dataset.player ?? null,
          latency: video.dataset.latency ?? null,
          delay: video.dataset.delay ?? null,
        });
      }
      const since = page.windowStart;
      return {
        seconds,
        tiles: out,
        requests: page.requests.filter((q) => q[0] >= since),
        sockets: page.sockets,
        wsMessages: page.wsMessages,
        wsBytes: page.wsBytes,
        wsDelays: page.wsDelays,
      };
    },
  };
})();
