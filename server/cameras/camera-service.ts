import crypto from 'node:crypto';
import { z } from 'zod';
import type { CameraDto, StreamName, StreamStatus, StreamStatusDto, UserDto } from '../contracts.ts';
import type { CameraRow, CamerasRepo } from '../db/cameras-repo.ts';
import { AppError, notFound } from '../http/errors.ts';
import type { ResolvedStream, StreamStatusEvent } from '../media/types.ts';
import { parseCameraUrl, withPassword } from './camera-url.ts';
import type { SecretBox } from './secret-box.ts';

const rtspSource = z.strictObject({
  kind: z.literal('rtsp'),
  url: z.string().describe('main stream, rtsp:// or rtsps://, credentials allowed'),
  subUrl: z.string().nullish().describe('optional sub-stream for the grid'),
});

export const createCameraBody = z.strictObject({
  name: z.string().trim().min(1).max(100),
  source: z.discriminatedUnion('kind', [rtspSource]),
});

const recordingSettings = z.strictObject({
  mode: z.enum(['off', 'continuous']).nullable().optional().describe('null = hub default'),
  stream: z.enum(['main', 'sub']).nullable().optional().describe('null = hub default'),
  retentionDays: z.number().int().min(1).max(3650).nullable().optional().describe('null = hub default'),
});

export const updateCameraBody = z.strictObject({
  name: z.string().trim().min(1).max(100).optional(),
  source: z.discriminatedUnion('kind', [rtspSource]).optional(),
  recording: recordingSettings.optional(),
});

export interface RecordingDefaults {
  mode: 'off' | 'continuous';
  stream: StreamName;
  retentionDays: number;
}

export type CreateCamera = z.infer<typeof createCameraBody>;
export type UpdateCamera = z.infer<typeof updateCameraBody>;

/** What the registry needs to know of the media side, to merge live status into DTOs. */
export interface StreamStatusSource {
  streamStatuses(cameraId: string): StreamStatusEvent[];
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

/** Who may watch what. Residents' own and shared cameras come with the consent issue; until then they see none. */
export function canView(user: UserDto): boolean {
  return user.role !== 'resident';
}

export class CameraService {
  constructor(
    private readonly repo: CamerasRepo,
    private readonly box: SecretBox,
    private readonly media: StreamStatusSource,
    private readonly recordingDefaults: RecordingDefaults,
  ) {}

  list(user: UserDto): CameraDto[] {
    return canView(user) ? this.repo.list().map((c) => this.toDto(c)) : [];
  }

  get(id: string, user: UserDto): CameraDto {
    const row = this.repo.get(id);
    if (!row || !canView(user)) throw notFound('camera-not-found', `Camera ${id} does not exist.`);
    return this.toDto(row);
  }

  /** Throws unless the camera exists and the user may watch it (used by /live). */
  assertViewable(id: string, user: UserDto): void {
    this.get(id, user);
  }

  create(body: CreateCamera): CameraDto {
    const main = parseCameraUrl(body.source.url, 'source.url');
    const sub = body.source.subUrl ? parseCameraUrl(body.source.subUrl, 'source.subUrl') : null;
    const row = {
      id: `cam-${crypto.randomBytes(5).toString('hex')}`,
      name: body.name,
      sourceKind: 'rtsp' as const,
      mainUrl: main.url,
      mainPasswordEnc: main.password ? this.box.encrypt(main.password) : null,
      subUrl: sub?.url ?? null,
      subPasswordEnc: sub?.password ? this.box.encrypt(sub.password) : null,
      demoPattern: null,
      isDemo: false,
    };
    this.repo.insert(row);
    return this.toDto(this.repo.get(row.id)!);
  }

  /**
   * A URL sent back with the same user name and no password keeps the stored password (the browser never has it);
   * a URL with a password replaces it; a URL without a user name drops it.
   */
  /** Cameras to record, with the stream to record: the recorder's plan. */
  recordingPlan(): { cameraId: string; stream: StreamName }[] {
    return this.repo.list().flatMap((c) => {
      const r = this.recordingOf(c);
      return r.mode === 'continuous' ? [{ cameraId: c.id, stream: r.stream }] : [];
    });
  }

  retentionDays(cameraId: string): number {
    return this.repo.get(cameraId)?.retentionDays ?? this.recordingDefaults.retentionDays;
  }

  update(id: string, body: UpdateCamera): { camera: CameraDto; sourceChanged: boolean; recordingChanged: boolean } {
    const row = this.repo.get(id);
    if (!row) throw notFound('camera-not-found', `Camera ${id} does not exist.`);
    const next: CameraRow = { ...row, name: body.name ?? row.name };
    let sourceChanged = false;
    if (body.source) {
      if (row.isDemo) throw new AppError(400, 'demo-camera-readonly', 'The source of a demo camera cannot be changed.');
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
    return { camera: this.toDto(this.repo.get(id)!), sourceChanged, recordingChanged: rec !== undefined };
  }

  delete(id: string): void {
    if (!this.repo.delete(id)) throw notFound('camera-not-found', `Camera ${id} does not exist.`);
  }

  /** For the media pipeline only: the input with credentials, never leaves the server. */
  resolve(id: string, stream: StreamName): ResolvedStream | undefined {
    const row = this.repo.get(id);
    if (!row) return undefined;
    if (row.sourceKind === 'demo') {
      const pattern = (row.demoPattern ?? 'testsrc2') as 'testsrc2';
      return { stream: 'main', input: { kind: 'demo', pattern, label: row.name, width: 640, height: 360, fps: 15 } };
    }
    const useSub = stream === 'sub' && row.subUrl !== null;
    const url = useSub ? row.subUrl! : row.mainUrl!;
    const sealed = useSub ? row.subPasswordEnc : row.mainPasswordEnc;
    return {
      stream: useSub ? 'sub' : 'main',
      input: { kind: 'rtsp', url: withPassword(url, sealed ? this.box.decrypt(sealed) : null) },
    };
  }

  toDto(row: CameraRow): CameraDto {
    const live = aggregateStatus(this.media.streamStatuses(row.id));
    return {
      id: row.id,
      name: row.name,
      demo: row.isDemo,
      source: row.sourceKind === 'demo'
        ? { kind: 'demo', pattern: row.demoPattern ?? 'testsrc2' }
        : { kind: 'rtsp', url: row.mainUrl!, subUrl: row.subUrl, hasPassword: row.mainPasswordEnc !== null },
      hasSub: row.subUrl !== null,
      status: live.status,
      lastError: live.lastError,
      streams: live.streams,
      recording: this.recordingOf(row),
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
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
