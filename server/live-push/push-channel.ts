// One subscription on a live socket: a media sink of the camera session that frames the init segment and each
// fragment with the channel number and passes it through the channel's backpressure policy.
import type { Fragment, InitSegment } from '../media/mp4-box-reader.ts';
import type { MediaSink } from '../media/stream-consumers.ts';
import type { LiveStreamName } from '../media/types.ts';
import type { ChannelAudio } from './channel-audio.ts';
import { ChannelPacer, type PacerLimits } from './channel-pacer.ts';
import { codecString } from '../media/codec-string.ts';
import {
  encodeFrameHeader, FLAG_AFTER_SKIP, FLAG_KEYFRAME, FRAME_FRAGMENT, FRAME_INIT, type LiveServerMessage,
} from './wire.ts';

/** What a channel needs of its socket. */
export interface ChannelOwner {
  /** bytes waiting to be written on the socket */
  readonly queuedBytes: number;
  readonly open: boolean;
  sendJson(message: LiveServerMessage): void;
  /** one binary message: the 12-byte header, then the payload (never copied) */
  sendFrame(header: Uint8Array, payload: Buffer): void;
  /** the first drop of a skip episode on this channel */
  onSkipEpisode(channel: PushChannel, queuedBytes: number): void;
}

export class PushChannel implements MediaSink {
  readonly pacer: ChannelPacer;
  /** set once the camera session accepted the subscription */
  release: () => void = () => {};
  /** ends this view's access-log entry */
  viewEnd: () => void = () => {};
  /** the camera's audio, on a subscription that asked for it (channel-audio.ts) */
  audio?: ChannelAudio;

  constructor(
    private readonly owner: ChannelOwner,
    readonly ch: number,
    readonly cameraId: string,
    /** effective stream */
    readonly stream: LiveStreamName,
    /** the stream the client asked for (`sub` may be served by `main`) */
    readonly requested: LiveStreamName,
    limits: PacerLimits,
  ) {
    this.pacer = new ChannelPacer(limits);
  }

  onInit(init: InitSegment): void {
    if (!this.owner.open) return;
    this.pacer.reset();
    const audio = this.audio?.codec;
    this.owner.sendJson({
      op: 'init', ch: this.ch, cameraId: this.cameraId, stream: this.stream, codec: codecString(init.data, init.track.codec),
      ...(audio ? { audio } : {}),
    });
    this.owner.sendFrame(encodeFrameHeader({ kind: FRAME_INIT, channel: this.ch, flags: 0, wallMs: 0 }), init.data);
    if (audio) this.audio!.start();
  }

  onFragment(f: Fragment): void {
    if (!this.owner.open) return;
    const queued = this.owner.queuedBytes;
    const d = this.pacer.offer(f.keyframe, queued);
    if (d.action === 'wait') return;
    if (d.action === 'drop') {
      if (d.episodeStarted) this.owner.onSkipEpisode(this, queued);
      return;
    }
    let flags = f.keyframe ? FLAG_KEYFRAME : 0;
    if (d.action === 'resume') {
      this.owner.sendJson({ op: 'skip', ch: this.ch, dropped: d.dropped });
      flags |= FLAG_AFTER_SKIP;
    }
    this.owner.sendFrame(encodeFrameHeader({ kind: FRAME_FRAGMENT, channel: this.ch, flags, wallMs: f.arrivedAt }), f.data);
  }

  onDrop(): void {
    this.pacer.reset();
  }
}
