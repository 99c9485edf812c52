import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // integration and e2e tests start real ffmpeg/GStreamer/chromium processes: keep the 2-core box calm
    fileParallelism: false,
    pool: 'forks',
  },
});
