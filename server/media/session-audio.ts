// The audio of one camera session (see audio-args.ts): the second fMP4 ffmpeg writes on fd 3, read into an audio
// init segment and fragments, fanned out to the sinks that asked for audio (the recorder, the focused view's push
// channel), never to anyone else. Video consumers are untouched except for one rule at the start of each run: the
// video init is handed out once it is known whether audio comes with it (its init first), so a push client can
// open its MediaSource with both SourceBuffers at once. That is settled by the input's description on stderr
// (no audio stream → at once), by the audio init, or after SETTLE_MS.
import type { Logger } from 'pino';
import type { Readable } from 'node:stream';
import { withAudioOutput, type AudioFfmpegArgs } from './audio-args.ts';
import type { FfmpegArgs } from './ffmpeg-args.ts';
import type { FfmpegExit } from './ffmpeg-runner.ts';
import { describeInputAudio, InputDescription } from './ffmpeg-log.ts';
import { Mp4BoxReader, type Fragment, type InitSegment } from './mp4-box-reader.ts';
import { mapDecodeTimes } from './mp4-boxes.ts';
import type { InputSpec } from './types.ts';

/** A consumer's view of a session's audio (AAC in fMP4). Exceptions it throws are logged, never fatal. */
export interface AudioSink {
  /** `codec`: the RFC 6381 string (mp4a.40.2) */
  onInit(init: InitSegment, codec: string): void;
  onFragment(fragment: Fragment): void;
  /** the run ended; a new init comes with the next one */
  onDrop?(): void;
}

/** how long the video init waits for the audio init when the input has audio */
const SETTLE_MS = 3000;
/** audio silent this long while video flows: the audio of this run is over (its sinks drop it) */
const AUDIO_GONE_MS = 5000;
/**
 * ffmpeg's AAC encoder starts with 1024 samples of priming, written at decode time 0, so without a correction every
 * sample sits 1024 samples (0.128 s at 8 kHz) after the video it belongs to (no edit list says otherwise in a
 * fragmented MP4). The priming frame is dropped and the rest moved back by it (an audio track's timescale is its
 * sample rate, so 1024 in tfdt units).
 */
export const AAC_PRIMING_SAMPLES = 1024;
/** audio kept for a new viewer (seconds of media) */
const CACHE_SEC = 10;
/** a run that failed before any video with one of these in its errors is retried without audio */
const AUDIO_FAILURE = /Decoder \(codec|decoder for input stream #0:[1-9]|Error initializing output stream 0:1|aac|tee/i;

/** mp4a.40.<object type> from the init's esds (AAC-LC = 2), else mp4a.40.2 */
export function audioCodecString(init: Buffer): string {
  const at = init.indexOf('esds', 0, 'latin1');
  if (at >= 0) {
    // DecoderSpecificInfo (tag 5): the first 5 bits are the audio object type
    for (let p = at + 8; p < Math.min(init.length - 2, at + 64); p++) {
      if (init[p] !== 0x05) continue;
      let q = p + 1;
      while (q < init.length && init[q]! & 0x80) q++; // the size, up to 4 bytes of 7 bits
      const aot = (init[q + 1] ?? 0) >> 3;
      if (aot > 0 && aot < 31) return `mp4a.40.${aot}`;
      break;
    }
  }
  return 'mp4a.40.2';
}

export class SessionAudio {
  /** off for this session after a run that failed because of its audio */
  private disabled = false;
  /** this run was started with the audio argv */
  private active = false;
  private desc = new InputDescription();
  private settled = true;
  private held: (() => void)[] = [];
  private settleTimer: NodeJS.Timeout | null = null;
  private init: { segment: InitSegment; codec: string } | null = null;
  private recent: Fragment[] = [];
  private readonly sinks = new Set<AudioSink>();
  /** wall clock − media time of the video (ms), the earliest seen this run: audio is stamped on the same clock */
  private anchor: number | null = null;
  private sawVideo = false;
  /** arrival of the last audio fragment of this run */
  private lastAudioAt = 0;

  /** `enabled` false (media.audio): every run is video only */
  constructor(private readonly logger: Logger, private readonly enabled = true) {}

  /** The argv of a new run: with the audio branch for camera pulls (RTSP, RTMP), unless disabled. */
  prepare(input: InputSpec, args: FfmpegArgs): FfmpegArgs | AudioFfmpegArgs {
    this.reset();
    const withAudio = this.enabled && !this.disabled && (input.kind === 'rtsp' || input.kind === 'rtmp') ? withAudioOutput(args) : null;
    this.active = withAudio !== null;
    if (this.active) this.settled = false;
    return withAudio ?? args;
  }

  /** FfmpegProcess options of this run */
  processOptions(): { levelTagged?: boolean; onInfoLine?: (line: string) => void } {
    if (!this.active) return {};
    return {
      levelTagged: true,
      onInfoLine: (line) => {
        this.desc.line(line);
        if (this.desc.done && !this.desc.audio && this.sawVideo) this.settle();
      },
    };
  }

  /** Reads the run's fd 3; `live()` is false once the run is stale or over. */
  attach(pipe: Readable | null, live: () => boolean): void {
    if (!pipe) return;
    const reader = new Mp4BoxReader({
      onInit: (segment) => {
        this.init = { segment, codec: audioCodecString(segment.data) };
        this.lastAudioAt = Date.now();
        this.recent = [];
        for (const s of this.sinks) this.deliver(() => s.onInit(segment, this.init!.codec));
        this.settle();
      },
      onFragment: (f) => {
        if (!this.init) return; // the run's audio was declared gone
        this.lastAudioAt = f.arrivedAt;
        const priming = AAC_PRIMING_SAMPLES / this.init.segment.track.timescale;
        if (f.decodeTime < priming - 1e-6) return; // the encoder's priming: nothing the camera said
        const data = Buffer.from(f.data);
        mapDecodeTimes(data, (t) => t - BigInt(AAC_PRIMING_SAMPLES));
        const decodeTime = f.decodeTime - priming;
        const arrivedAt = this.anchor === null ? f.arrivedAt : Math.round(this.anchor + (decodeTime + f.durationSec) * 1000);
        const stamped: Fragment = { ...f, data, decodeTime, arrivedAt };
        this.cache(stamped);
        for (const s of this.sinks) this.deliver(() => s.onFragment(stamped));
      },
    });
    pipe.on('data', (chunk: Buffer) => {
      if (!live()) return;
      try {
        reader.push(chunk);
      } catch (err) {
        this.logger.warn({ err }, 'unreadable audio stream: audio dropped for this run');
        pipe.removeAllListeners('data');
        pipe.resume();
      }
    });
  }

  /** Every video callback of the run goes through here: run now, or after the audio question is settled. */
  gate(fn: () => void): void {
    if (this.settled) return fn();
    this.held.push(fn);
    if (this.sawVideo) return;
    this.sawVideo = true;
    if (this.desc.done && !this.desc.audio) return this.settle();
    this.settleTimer = setTimeout(() => {
      this.settleTimer = null;
      if (!this.settled) this.logger.info('audio did not start with the video: this run is video only');
      this.settle();
    }, SETTLE_MS);
  }

  /** Each video fragment, for the media clock audio is stamped with. */
  noteVideo(f: Fragment): void {
    const a = f.arrivedAt - (f.decodeTime + f.durationSec) * 1000;
    if (this.anchor === null || a < this.anchor) this.anchor = a;
    if (this.init && f.arrivedAt - this.lastAudioAt > AUDIO_GONE_MS) {
      // a browser playing both would stall at the audio's end: its sinks drop it, new viewers get video only
      this.logger.warn('the camera\'s audio stopped while its video goes on: video only for the rest of this run');
      this.init = null;
      this.recent = [];
      for (const s of this.sinks) this.deliver(() => s.onDrop?.());
    }
  }

  /**
   * Adds a sink; it gets the current init and the recent audio at once. An init that comes after the video's
   * has no SourceBuffer waiting in a browser, so sinks joining a run whose audio was settled late still get it.
   */
  add(sink: AudioSink): () => void {
    this.sinks.add(sink);
    if (this.init) {
      const { segment, codec } = this.init;
      this.deliver(() => sink.onInit(segment, codec));
      for (const f of this.recent) this.deliver(() => sink.onFragment(f));
    }
    return () => void this.sinks.delete(sink);
  }

  /** A consumer joins: its audio sink first (so the audio init is known before the video's), then `join` the video. */
  join(sink: AudioSink | undefined, join: () => () => void): () => void {
    const releaseAudio = sink ? this.add(sink) : null;
    const release = join();
    return releaseAudio ? () => (releaseAudio(), release()) : release;
  }

  /** the audio codec of the current run (mp4a.40.2), null when it has none (yet) */
  get codec(): string | null {
    return this.init?.codec ?? null;
  }

  /** "G.711 A-law 8 kHz → AAC" (as the camera sends it → as recorded and played); null: no audio known */
  describe(): string | null {
    const input = this.desc.audio;
    if (!input) return this.init ? 'AAC' : null;
    return this.init ? `${describeInputAudio(input)} → AAC` : describeInputAudio(input);
  }

  /** The run ended: sinks drop their audio; a run that failed on its audio before any video turns audio off. */
  drop(exit?: FfmpegExit): void {
    if (this.active && exit && !this.sawVideo && !this.disabled && exit.stderrTail.some((l) => AUDIO_FAILURE.test(l))) {
      this.disabled = true;
      this.logger.warn({ tail: exit.stderrTail.slice(-2) }, 'the camera\'s audio cannot be read: video only from now on');
    }
    const had = this.init !== null;
    this.reset();
    if (had) for (const s of this.sinks) this.deliver(() => s.onDrop?.());
  }

  private reset(): void {
    if (this.settleTimer) clearTimeout(this.settleTimer);
    this.settleTimer = null;
    this.settled = true;
    this.held = [];
    this.desc = new InputDescription();
    this.init = null;
    this.recent = [];
    this.anchor = null;
    this.sawVideo = false;
    this.active = false;
  }

  private settle(): void {
    if (this.settled) return;
    this.settled = true;
    if (this.settleTimer) clearTimeout(this.settleTimer);
    this.settleTimer = null;
    const held = this.held;
    this.held = [];
    for (const fn of held) fn();
  }

  private cache(f: Fragment): void {
    this.recent.push(f);
    while (this.recent.length > 1 && f.decodeTime - this.recent[0]!.decodeTime > CACHE_SEC) this.recent.shift();
  }

  private deliver(call: () => void): void {
    try {
      call();
    } catch (err) {
      this.logger.error({ err }, 'audio consumer failed');
    }
  }
}
