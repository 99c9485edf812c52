// hls.js ships no types for its "light" build (same API without subtitles, alternate audio, DRM, CMCD):
// reuse the full build's declarations.
declare module 'hls.js/light' {
  export * from 'hls.js';
  export { default } from 'hls.js';
}
