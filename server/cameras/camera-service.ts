import { EventEmitter } from 'node:events';
import { can, mayRecord, type CameraRight, type Subject } from '../access/permissions.ts';
import type { CameraDto, StreamName, StreamStatus, StreamStatusDto } from '../contracts.ts';
import type { CameraPlacement, CameraRow, CamerasRepo, NewCamera } from '../db/cameras-repo.ts';
import { AppError } from '../errors.ts';
import type { InputSpec, ResolvedStream, StreamStatusEvent } from '../media/types.ts';
import { probeOnvifCamera, type OnvifCameraInfo, type OnvifProbeOptions } from '../onvif/onboard.ts';
import type { OnvifAuth } from '../onvif/onvif-client.ts';
import { cameraDto, cameraFacts, forViewer, sourceDto, type DtoView } from './camera-dto.ts';
import type { CameraEventMap } from './camera-events.ts';
import { createCameraBody, updateCameraBody, type CreateCamera, type UpdateCamera } from './camera-schemas.ts';
import { nvrCameras, onvifCamera, rtmpPushCamera, rtspCamera } from './camera-sources.ts';
import { parseCameraUrl, withPassword } from './camera-url.ts';
import type { NvrTemplates } from './nvr-templates.ts';
import type { SecretBox } from './secret-box.ts';
import { hashStreamKey, newStreamKey } from './stream-key.ts';

export { createCameraBody, updateCameraBody };
export type { CreateCamera, DtoView, UpdateCamera };

export interface RecordingDefaults {
  mode: 'off' | 'continuous';
  stream: StreamName;
  retentionDays: number;
}

/** What the registry needs to know of the media side, to merge live status into DTOs. */
export interface StreamStatusSource {
  streamStatuses(cameraId: string): StreamStatusEvent[];
}

/** What the registry needs of the RTMP ingest (server/ingest/ingest-service.ts). */
export interface IngestPort {
  ensureRunning(): Promise<void>;
  syncKeys(): Promise<void>;
  pullInput(streamKey: string): InputSpec;
  isPublishing(keyHash: string | null): boolean;
}

export interface SourceOptions {
  nvrTemplates: NvrTemplates;
  onvifTimeoutMs: number;
  ingest: IngestPort;
  /** default: the real probe (tests of the service use the simulator anyway) */
  probeOnvif?: (o: OnvifProbeOptions) => Promise<OnvifCameraInfo>;
}

/** An ONVIF device to talk to (PTZ, snapshot), with its password. Never leaves the server. */
export interface OnvifTarget {
  host: string;
  port: number;
  username: string;
  password: string;
  auth: OnvifAuth;
  profileToken?: string;
}

export type SnapshotSource =
  | { kind: 'http'; url: string; host: string; username: string; password: string }
  | { kind: 'stream' };

/** A camera placed in an area that does not exist is refused (the foreign key), never a 500. */
function placed(write: () => void): void {
  try {
    write();
  } catch (err) {
    if ((err as { code?: string }).code === 'SQLITE_CONSTRAINT_FOREIGNKEY') throw new AppError('area-not-found', 'No such area.');
    throw err;
  }
}

const STATUS_RANK: StreamStatus[] = ['idle', 'offline', 'connecting', 'online'];

export function aggregateStatus(streams: StreamStatusEvent[]) {
  const map: Partial<Record<StreamName, StreamStatusDto>> = {};
  let best: StreamStatusEvent | undefined;
  for (const s of streams) {
    map[s.stream] = { status: s.status, lastError: s.lastError, at: s.at };
    if (!best || STATUS_RANK.indexOf(s.status) > STATUS_RANK.indexOf(best.status)) best = s;
  }
  return {
    status: best?.status ?? ('idle' as StreamStatus),
    lastError: streams.find((s) => s.lastError)?.lastError ?? null,
    streams: map,
    at: best?.at ?? new Date().toISOString(),
  };
}

/** The camera registry. Announces `added`, `changed` and `removed` (camera-events.ts) to whoever subscribed in main.ts. */
export class CameraService extends EventEmitter<CameraEventMap> {
  constructor(
    private readonly repo: CamerasRepo,
    private readonly box: SecretBox,
    private readonly media: StreamStatusSource,
    private readonly recordingDefaults: RecordingDefaults,
    private readonly sources: SourceOptions,
  ) {
    super();
  }

  /** The cameras the user may see (server/access/permissions.ts), as that user may see them. */
  list(user: Subject, view: DtoView = {}): CameraDto[] {
    return this.repo.list().filter((c) => can(user, cameraFacts(c), 'view')).map((c) => this.dtoFor(c, user, view));
  }

  get(id: string, user: Subject, view: DtoView = {}): CameraDto {
    return this.dtoFor(this.row(id, user), user, view);
  }

  /** Throws unless the camera exists and the user may watch it live (used by /live and the push). */
  assertViewable(id: string, user: Subject): void {
    this.row(id, user, 'live');
  }

  /** Throws `camera-not-found` unless the camera exists and the user holds the right on it. */
  assertRight(id: string, user: Subject, right: CameraRight): void {
    this.row(id, user, right);
  }

  /** The cameras the user may not see (to keep their alerts and events from them). */
  hiddenFrom(user: Subject): string[] {
    return this.repo.list().filter((c) => !can(user, cameraFacts(c), 'view')).map((c) => c.id);
  }

  /** The ids of the cameras the user may see. */
  visibleTo(user: Subject): string[] {
    return this.repo.list().filter((c) => can(user, cameraFacts(c), 'view')).map((c) => c.id);
  }

  /** Whether the user holds the right on the camera (false for a camera that does not exist). */
  allows(id: string, user: Subject, right: CameraRight): boolean {
    const row = this.repo.get(id);
    return !!row && can(user, cameraFacts(row), right);
  }

  /**
   * Adds a camera: RTSP URL, ONVIF (probed now, within the configured deadline), recorder channels (one camera
   * each), or RTMP push (the ingest is started first, so the publish URL works when the answer arrives).
   */
  async create(body: CreateCamera, view: DtoView = {}, placement?: CameraPlacement): Promise<CameraDto[]> {
    const src = body.source;
    let rows: NewCamera[];
    switch (src.kind) {
      case 'rtsp':
        rows = [rtspCamera(body.name, src, this.box)];
        break;
      case 'onvif': {
        const probe = this.sources.probeOnvif ?? probeOnvifCamera;
        const info = await probe({
          host: src.host, port: src.port, username: src.username, password: src.password,
          timeoutMs: this.sources.onvifTimeoutMs,
        });
        rows = [onvifCamera(body.name, src, info, this.box)];
        break;
      }
      case 'nvr':
        rows = nvrCameras(body.name, src, this.sources.nvrTemplates, this.box);
        break;
      case 'rtmp-push':
        await this.sources.ingest.ensureRunning();
        rows = [rtmpPushCamera(body.name, this.box)];
        break;
    }
    placed(() => this.repo.insertMany(rows, placement));
    if (src.kind === 'rtmp-push') await this.sources.ingest.syncKeys();
    for (const r of rows) this.emit('added', this.toDto(this.repo.get(r.id)!));
    return rows.map((r) => this.toDto(this.repo.get(r.id)!, view));
  }

  /** Cameras to record, with the stream to record: the recorder's plan. */
  recordingPlan(): { cameraId: string; stream: StreamName }[] {
    return this.repo.list().flatMap((c) => {
      const r = this.recordingOf(c);
      return r.mode === 'continuous' && mayRecord(cameraFacts(c)) ? [{ cameraId: c.id, stream: r.stream }] : [];
    });
  }

  retentionDays(cameraId: string): number {
    return this.repo.get(cameraId)?.retentionDays ?? this.recordingDefaults.retentionDays;
  }

  /**
   * A URL sent back with the same user name and no password keeps the stored password (the browser never has it);
   * a URL with a password replaces it; a URL without a user name drops it. Only cameras added by RTSP URL take a
   * new source: the others are deleted and added again.
   */
  update(id: string, body: UpdateCamera): { camera: CameraDto; sourceChanged: boolean; recordingChanged: boolean } {
    const row = this.repo.get(id);
    if (!row) throw new AppError('camera-not-found', `Camera ${id} does not exist.`);
    if (body.place !== undefined || body.areaId !== undefined) {
      placed(() => this.repo.setPlacement(id, {
        areaId: body.areaId === undefined ? row.areaId : body.areaId,
        place: body.place === undefined ? row.place : body.place,
      }));
    }
    const next: CameraRow = { ...row, name: body.name ?? row.name };
    let sourceChanged = false;
    if (body.source) {
      if (row.isDemo) throw new AppError('demo-camera-readonly', 'The source of a demo camera cannot be changed.');
      if (row.sourceKind !== 'rtsp') {
        throw new AppError('source-change-not-supported',
          'Only cameras added by RTSP URL can change their source here: delete this camera and add it again.');
      }
      const main = parseCameraUrl(body.source.url, 'source.url');
      const sub = body.source.subUrl ? parseCameraUrl(body.source.subUrl, 'source.subUrl') : null;
      next.mainUrl = main.url;
      next.mainPasswordEnc = this.keepOrSeal(main, row.mainUrl, row.mainPasswordEnc);
      next.subUrl = sub?.url ?? null;
      next.subPasswordEnc = sub ? this.keepOrSeal(sub, row.subUrl, row.subPasswordEnc) : null;
      sourceChanged = next.mainUrl !== row.mainUrl || next.subUrl !== row.subUrl
        || next.mainPasswordEnc !== row.mainPasswordEnc || next.subPasswordEnc !== row.subPasswordEnc;
    }
    this.repo.update(next);
    const rec = body.recording;
    if (rec) {
      this.repo.setRecording(id, {
        recordingMode: rec.mode === undefined ? row.recordingMode : rec.mode,
        recordingStream: rec.stream === undefined ? row.recordingStream : rec.stream,
        retentionDays: rec.retentionDays === undefined ? row.retentionDays : rec.retentionDays,
      });
    }
    // a resident's camera pointed elsewhere is judged again (and not recorded meanwhile: mayRecord)
    const repointed = sourceChanged && row.ownerId !== null && row.approval !== 'pending';
    if (repointed) this.repo.setApproval(id, 'pending', null, null);
    const change = { camera: this.toDto(this.repo.get(id)!), sourceChanged, recordingChanged: rec !== undefined || repointed };
    this.emit('changed', change);
    return change;
  }

  /** Deletes; a pushed camera's key stops working at once (its publisher is cut). */
  async delete(id: string): Promise<void> {
    const row = this.repo.get(id);
    if (!row || !this.repo.delete(id)) throw new AppError('camera-not-found', `Camera ${id} does not exist.`);
    this.emit('removed', id);
    if (row.streamKeyHash) await this.sources.ingest.syncKeys();
  }

  /** A new stream key for a pushed camera: the old one stops working and its publisher is cut at once. */
  async rotateKey(id: string, view: DtoView = {}): Promise<CameraDto> {
    const row = this.repo.get(id);
    if (!row) throw new AppError('camera-not-found', `Camera ${id} does not exist.`);
    if (row.sourceKind !== 'rtmp-push') {
      throw new AppError('not-rtmp-push', 'Only cameras that push RTMP to the hub have a stream key.');
    }
    const key = newStreamKey();
    this.repo.setStreamKey(id, this.box.encrypt(key), hashStreamKey(key));
    await this.sources.ingest.syncKeys();
    this.emit('changed', { camera: this.toDto(this.repo.get(id)!), sourceChanged: true, recordingChanged: false });
    return this.toDto(this.repo.get(id)!, view);
  }

  /** SHA-256 of every valid stream key (for the ingest). */
  streamKeyHashes(): string[] {
    return this.repo.streamKeyHashes();
  }

  /** A camera as every watcher may see it (socket events), or undefined when it is gone. */
  viewerDto(id: string): CameraDto | undefined {
    const row = this.repo.get(id);
    return row ? this.toDto(row) : undefined;
  }

  /** The RTMP ingest says a pushed stream started or stopped: a start is a new source for the camera's sessions. */
  publishChanged(keyHash: string, started: boolean): void {
    const row = this.repo.byStreamKeyHash(keyHash);
    if (row) this.emit('changed', { camera: this.toDto(row), sourceChanged: started, recordingChanged: false });
  }

  /** Whether any pushed camera exists (the ingest is started at boot then). */
  hasPushCameras(): boolean {
    return this.repo.countKind('rtmp-push') > 0;
  }

  /** Addresses a camera of the hub already uses (device address, or the host of its RTSP URLs). */
  registeredAddresses(): Set<string> {
    const out = new Set<string>();
    for (const c of this.repo.list()) {
      if (c.deviceHost) out.add(c.deviceHost.toLowerCase());
      for (const url of [c.mainUrl, c.subUrl]) {
        if (!url) continue;
        try {
          out.add(new URL(url).hostname.replace(/^\[|\]$/g, '').toLowerCase());
        } catch { /* stored URLs are valid */ }
      }
    }
    return out;
  }

  /** The ONVIF device behind a camera with PTZ; 400 `ptz-not-supported` for any other camera. */
  ptzTarget(id: string, user: Subject): OnvifTarget {
    const row = this.row(id, user, 'ptz');
    if (row.sourceKind !== 'onvif' || !row.ptz || !row.deviceHost) {
      throw new AppError('ptz-not-supported', 'This camera has no pan/tilt/zoom control (only ONVIF cameras with PTZ do).');
    }
    return { ...this.onvifTarget(row), ...(row.ptzProfileToken ? { profileToken: row.ptzProfileToken } : {}) };
  }

  /** Where a snapshot of the camera comes from: its ONVIF snapshot URI, or a frame of its stream. */
  snapshotSource(id: string, user: Subject): SnapshotSource {
    const row = this.row(id, user, 'snapshot');
    if (row.sourceKind === 'onvif' && row.snapshotUrl && row.deviceHost) {
      const t = this.onvifTarget(row);
      return { kind: 'http', url: row.snapshotUrl, host: row.deviceHost, username: t.username, password: t.password };
    }
    return { kind: 'stream' };
  }

  /** For the media pipeline only: the input with credentials, never leaves the server. */
  resolve(id: string, stream: StreamName): ResolvedStream | undefined {
    const row = this.repo.get(id);
    if (!row) return undefined;
    if (row.sourceKind === 'demo') {
      const pattern = (row.demoPattern ?? 'testsrc2') as 'testsrc2';
      return { stream: 'main', input: { kind: 'demo', pattern, label: row.name, width: 640, height: 360, fps: 15 } };
    }
    if (row.sourceKind === 'rtmp-push') {
      return { stream: 'main', input: this.sources.ingest.pullInput(row.streamKeyEnc ? this.box.decrypt(row.streamKeyEnc) : '') };
    }
    const useSub = stream === 'sub' && row.subUrl !== null;
    const url = useSub ? row.subUrl! : row.mainUrl!;
    const sealed = useSub ? row.subPasswordEnc : row.mainPasswordEnc;
    return {
      stream: useSub ? 'sub' : 'main',
      input: { kind: 'rtsp', url: withPassword(url, sealed ? this.box.decrypt(sealed) : null) },
    };
  }

  toDto(row: CameraRow, view: DtoView = {}): CameraDto {
    const live = aggregateStatus(this.media.streamStatuses(row.id));
    const source = sourceDto(row, view, {
      publishing: this.sources.ingest.isPublishing(row.streamKeyHash),
      streamKey: () => (row.streamKeyEnc ? this.box.decrypt(row.streamKeyEnc) : null),
    });
    return cameraDto(row, source, live, this.recordingOf(row));
  }

  /** A camera as the given user may see it: the owner's name only to staff and the owner (camera-dto.ts), the stream key only to
   * whoever may manage it (a resident's key: the owner alone). */
  private dtoFor(row: CameraRow, user: Subject, view: DtoView): CameraDto {
    const dto = this.toDto(row, can(user, cameraFacts(row), 'manage') ? view : {});
    return forViewer(dto, user);
  }

  /** A camera that is not the user's to see is answered as one that does not exist: its existence is not told. */
  private row(id: string, user: Subject, right: CameraRight = 'view'): CameraRow {
    const row = this.repo.get(id);
    if (!row || !can(user, cameraFacts(row), right)) {
      if (row && right !== 'view' && can(user, cameraFacts(row), 'view')) {
        throw new AppError('forbidden', `You may not do this with camera ${id}.`);
      }
      throw new AppError('camera-not-found', `Camera ${id} does not exist.`);
    }
    return row;
  }

  private onvifTarget(row: CameraRow): OnvifTarget {
    return {
      host: row.deviceHost!, port: row.devicePort ?? 80, username: row.deviceUsername ?? '',
      password: row.devicePasswordEnc ? this.box.decrypt(row.devicePasswordEnc) : '', auth: row.onvifAuth ?? 'ws-security',
    };
  }

  private recordingOf(row: CameraRow) {
    const d = this.recordingDefaults;
    return {
      mode: row.recordingMode ?? d.mode,
      stream: row.recordingStream ?? d.stream,
      retentionDays: row.retentionDays ?? d.retentionDays,
      own: { mode: row.recordingMode, stream: row.recordingStream, retentionDays: row.retentionDays },
    };
  }

  private keepOrSeal(parsed: { url: string; password: string | null }, oldUrl: string | null, oldSealed: string | null) {
    if (parsed.password) return this.box.encrypt(parsed.password);
    return parsed.url === oldUrl ? oldSealed : null;
  }
}
