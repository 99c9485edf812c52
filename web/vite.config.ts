// Vite config for the web app. Root is this folder; the production build goes to <repo>/dist/web, which the hub
// serves with an SPA fallback. In development, `npm run dev:web` proxies the API, live video and socket.io to a
// hub running on 127.0.0.1:8080.
import { defineConfig } from 'vite';

const here = decodeURIComponent(new URL('.', import.meta.url).pathname);
const hub = 'http://127.0.0.1:8080';

export default defineConfig({
  root: here,
  base: '/',
  // manifest.webmanifest and the app icons, copied as they are (scripts/make-icons.ts renders the PNGs)
  publicDir: `${here}public`,
  build: {
    outDir: `${here}../dist/web`,
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    chunkSizeWarningLimit: 1024,
  },
  server: {
    host: '127.0.0.1',
    proxy: {
      '/api': { target: hub },
      '/live': { target: hub },
      '/vod': { target: hub },
      '/socket.io': { target: hub, ws: true },
      '/ws': { target: hub, ws: true },
    },
  },
});
