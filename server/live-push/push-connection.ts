// One browser tab's live socket: its session, its subscriptions (channels), message validation and limits.
import type { Logger } from 'pino';
import type { WebSocket } from 'ws';
import type { AuthedSession } from '../auth/auth-service.ts';
import type { ErrorCode } from '../contracts.ts';
import { AppError } from '../errors.ts';
import type { MediaService } from '../media/media-service.ts';
import type { LiveStreamName, StreamStatusEvent } from '../media/types.ts';
import { parseClientMessage } from './client-messages.ts';
import { ChannelAudio } from './channel-audio.ts';
import type { PacerLimits } from './channel-pacer.ts';
import { PushChannel, type ChannelOwner } from './push-channel.ts';
import type { LiveViewStart } from './push-server.ts';
import { CLOSE_TOO_MANY, type LiveClientMessage, type LiveServerMessage } from './wire.ts';

export interface ConnectionDeps {
  media: MediaService;
  /** the same check as `/live` (CameraService.assertViewable): throws AppError when refused */
  assertViewable(cameraId: string, user: AuthedSession['user']): void;
  limits: PacerLimits;
  maxSubscriptions: number;
  /** the client's address (for the access log) */
  ip: string | null;
  /** a subscription started sending; the returned function is called when it ends */
  onViewStart?(v: LiveViewStart): () => void;
  logger: Logger;
  onClosed(conn: PushConnection): void;
}

/** bad messages tolerated before the socket is closed with CLOSE_TOO_MANY */
const MAX_BAD_MESSAGES = 10;
/** messages per window: a 36-tile wall changing page sends 72 */
const MAX_MESSAGES_PER_WINDOW = 400;
const MESSAGE_WINDOW_MS = 10_000;

export class PushConnection implements ChannelOwner {
  readonly channels = new Map<number, PushChannel>();
  readonly connectedAt = new Date().toISOString();
  /** fragments dropped by channels that are gone */
  private droppedBefore = 0;
  private sentBefore = 0;
  private episodesBefore = 0;
  private badMessages = 0;
  private windowStart = Date.now();
  private windowCount = 0;
  alive = true;
  private closed = false;

  constructor(
    readonly id: number,
    private readonly ws: WebSocket,
    public session: AuthedSession,
    /** the cookie's token, to re-check the session */
    readonly token: string,
    private readonly d: ConnectionDeps,
  ) {
    ws.on('message', (data, isBinary) => this.onMessage(isBinary ? null : String(data)));
    ws.on('pong', () => (this.alive = true));
    ws.on('close', () => this.cleanup());
    ws.on('error', (err) => d.logger.debug({ err: err.message }, 'live socket error'));
  }

  get open(): boolean {
    return !this.closed && this.ws.readyState === this.ws.OPEN;
  }

  get queuedBytes(): number {
    return this.ws.bufferedAmount;
  }

  get stats() {
    let sent = this.sentBefore;
    let dropped = this.droppedBefore;
    let episodes = this.episodesBefore;
    for (const c of this.channels.values()) {
      sent += c.pacer.sent;
      dropped += c.pacer.dropped;
      episodes += c.pacer.episodes;
    }
    return { sent, dropped, episodes };
  }

  sendJson(message: LiveServerMessage): void {
    if (this.open) this.ws.send(JSON.stringify(message));
  }

  sendFrame(header: Uint8Array, payload: Buffer): void {
    if (!this.open) return;
    // one WebSocket message in two frames: the payload (shared by every viewer) is never copied
    this.ws.send(header, { binary: true, fin: false });
    this.ws.send(payload, { binary: true, fin: true });
  }

  /** Logged once per episode of the viewer: when its first channel starts skipping, not for each channel. */
  onSkipEpisode(channel: PushChannel, queuedBytes: number): void {
    for (const c of this.channels.values()) if (c !== channel && c.pacer.isSkipping) return;
    this.d.logger.warn({
      user: this.session.user.username, cameraId: channel.cameraId, stream: channel.stream, queuedBytes,
      subscriptions: this.channels.size, droppedSoFar: this.stats.dropped,
    }, 'live viewer falls behind: its tiles skip to their next keyframe');
  }

  /** the stream's status changed (a camera stream's or a transcode's) */
  status(e: Omit<StreamStatusEvent, 'stream'> & { stream: LiveStreamName }): void {
    for (const c of this.channels.values()) {
      if (c.cameraId === e.cameraId && c.stream === e.stream) {
        this.sendJson({ op: 'status', ch: c.ch, status: e.status, lastError: e.lastError });
      }
    }
  }

  /** Ends the subscriptions of a camera (deleted, or no longer viewable) with an error message. */
  endCamera(cameraId: string, code: ErrorCode, message: string): void {
    for (const c of [...this.channels.values()]) {
      if (c.cameraId === cameraId) this.end(c, code, message);
    }
  }

  /**
   * The camera's source changed: a subscription whose effective stream is no longer the one it watches (a
   * sub-stream added or removed) moves to the right one; the new `init` tells the client.
   */
  cameraChanged(cameraId: string): void {
    for (const c of [...this.channels.values()]) {
      if (c.cameraId !== cameraId || this.d.media.effectiveStream(cameraId, c.requested) === c.stream) continue;
      // the same view goes on (another stream of the same camera): its access-log entry does not end here
      const viewEnd = c.viewEnd;
      c.viewEnd = () => {};
      this.unsubscribe(c);
      this.subscribe(c.ch, cameraId, c.requested, viewEnd, c.audio !== undefined);
    }
  }

  /** Re-checks every subscription against the (possibly changed) user. */
  recheck(): void {
    for (const c of [...this.channels.values()]) {
      try {
        this.d.assertViewable(c.cameraId, this.session.user);
      } catch (e) {
        const err = e instanceof AppError ? e : new AppError('forbidden', 'You may no longer view this camera.');
        this.end(c, err.code, err.message);
      }
    }
  }

  close(code: number, reason: string): void {
    if (this.closed) return;
    this.ws.close(code, reason);
    this.cleanup();
  }

  ping(): void {
    if (this.open) this.ws.ping();
  }

  terminate(): void {
    this.ws.terminate();
    this.cleanup();
  }

  private onMessage(text: string | null): void {
    if (this.closed) return;
    const now = Date.now();
    if (now - this.windowStart > MESSAGE_WINDOW_MS) {
      this.windowStart = now;
      this.windowCount = 0;
    }
    if (++this.windowCount > MAX_MESSAGES_PER_WINDOW) return this.close(CLOSE_TOO_MANY, 'too many messages');
    const parsed = text === null
      ? { ok: false as const, ch: 0, message: 'Binary messages are not accepted.' }
      : parseClientMessage(text);
    if (!parsed.ok) {
      this.sendJson({ op: 'error', ch: parsed.ch, code: 'bad-message', message: parsed.message });
      if (++this.badMessages >= MAX_BAD_MESSAGES) this.close(CLOSE_TOO_MANY, 'too many bad messages');
      return;
    }
    this.handle(parsed.message);
  }

  private handle(m: LiveClientMessage): void {
    const old = this.channels.get(m.ch);
    if (old) this.unsubscribe(old); // a `sub` on a channel in use replaces it
    if (m.op === 'sub') this.subscribe(m.ch, m.cameraId, m.stream, undefined, m.audio === true);
  }

  private subscribe(ch: number, cameraId: string, stream: LiveStreamName, viewEnd?: () => void, audio = false): void {
    if (this.channels.size >= this.d.maxSubscriptions) {
      return this.sendJson({
        op: 'error', ch, code: 'too-many-subscriptions',
        message: `At most ${this.d.maxSubscriptions} streams per connection.`,
      });
    }
    let channel: PushChannel | null = null;
    try {
      this.d.assertViewable(cameraId, this.session.user);
      const effective = this.d.media.effectiveStream(cameraId, stream);
      if (!effective) throw new AppError('camera-not-found', 'No such camera.');
      channel = new PushChannel(this, ch, cameraId, effective, stream, this.d.limits);
      if (audio) channel.audio = new ChannelAudio(this, ch, this.d.limits.highWaterBytes);
      this.channels.set(ch, channel);
      const watch = this.d.media.watch(cameraId, stream, `live-push:${this.id}:${ch}`, channel);
      channel.release = watch.release;
      channel.viewEnd = viewEnd ?? this.d.onViewStart?.({ user: this.session.user, cameraId, stream: watch.source, ip: this.d.ip }) ?? channel.viewEnd;
      this.sendJson({ op: 'status', ch, status: watch.status, lastError: watch.lastError });
    } catch (e) {
      if (channel) this.channels.delete(ch);
      const err = e instanceof AppError ? e : new AppError('internal-error', 'The stream could not be opened.');
      if (!(e instanceof AppError)) this.d.logger.error({ err: e }, 'live subscribe failed');
      this.sendJson({ op: 'error', ch, code: err.code, message: err.message });
    }
  }

  private end(c: PushChannel, code: ErrorCode, message: string): void {
    this.unsubscribe(c);
    this.sendJson({ op: 'error', ch: c.ch, code, message });
  }

  private unsubscribe(c: PushChannel): void {
    if (this.channels.get(c.ch) !== c) return;
    this.channels.delete(c.ch);
    this.sentBefore += c.pacer.sent;
    this.droppedBefore += c.pacer.dropped;
    this.episodesBefore += c.pacer.episodes;
    c.release();
    c.viewEnd();
  }

  private cleanup(): void {
    if (this.closed) return;
    this.closed = true;
    for (const c of [...this.channels.values()]) this.unsubscribe(c);
    this.d.onClosed(this);
  }
}
