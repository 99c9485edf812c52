// The audio of one push subscription, for a client that asked for it (`sub` with `audio: true`: the focused view;
// the wall's tiles never do). The camera session hands it the audio init and fragments (an AudioSink); they go out
// framed like the video (FRAME_AUDIO_INIT, FRAME_AUDIO_FRAGMENT) once the channel's video `init` has named the
// audio codec, so the browser opens its MediaSource with both SourceBuffers at once. Audio that came before that
// (the session's recent audio, replayed with the GOP) waits here, bounded.
import type { Fragment, InitSegment } from '../media/mp4-box-reader.ts';
import type { AudioSink } from '../media/session-audio.ts';
import type { ChannelOwner } from './push-channel.ts';
import { encodeFrameHeader, FRAME_AUDIO_FRAGMENT, FRAME_AUDIO_INIT } from './wire.ts';

/** audio fragments held until the video init went out (~13 s of AAC at 8 kHz) */
const MAX_PENDING = 100;

export class ChannelAudio implements AudioSink {
  private init: { data: Buffer; codec: string } | null = null;
  /** the client was told about this init and has it: fragments flow */
  private started = false;
  private pending: Fragment[] = [];
  /** fragments not sent because the socket was too far behind */
  dropped = 0;

  constructor(
    private readonly owner: ChannelOwner,
    private readonly ch: number,
    /** past this many queued bytes on the socket, audio is dropped (the video skips to a keyframe) */
    private readonly highWaterBytes: number,
  ) {}

  /** the codec to name in the channel's `init`, when audio can start with it */
  get codec(): string | undefined {
    return this.init?.codec;
  }

  onInit(init: InitSegment, codec: string): void {
    this.init = { data: init.data, codec };
    this.started = false;
    this.pending = [];
  }

  onFragment(f: Fragment): void {
    if (!this.init) return;
    if (!this.started) {
      this.pending.push(f);
      if (this.pending.length > MAX_PENDING) this.pending.shift();
      return;
    }
    this.send(f);
  }

  onDrop(): void {
    this.init = null;
    this.started = false;
    this.pending = [];
  }

  /** The video `init` (naming `codec`) and the video init segment were sent: the audio init and what waited follow. */
  start(): void {
    if (!this.init || !this.owner.open) return;
    this.started = true;
    this.owner.sendFrame(encodeFrameHeader({ kind: FRAME_AUDIO_INIT, channel: this.ch, flags: 0, wallMs: 0 }), this.init.data);
    const pending = this.pending;
    this.pending = [];
    for (const f of pending) this.send(f);
  }

  private send(f: Fragment): void {
    if (!this.owner.open) return;
    if (this.owner.queuedBytes > this.highWaterBytes) {
      this.dropped++;
      return;
    }
    this.owner.sendFrame(encodeFrameHeader({ kind: FRAME_AUDIO_FRAGMENT, channel: this.ch, flags: 0, wallMs: f.arrivedAt }), f.data);
  }
}
