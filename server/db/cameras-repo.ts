import type { Db } from './database.ts';

export type CameraSourceKind = 'rtsp' | 'demo' | 'onvif' | 'nvr' | 'rtmp-push';

/** What a camera's source adds to the common columns (all null for a plain RTSP or demo camera). */
export interface CameraSourceExtras {
  /** the ONVIF camera or recorder the camera was added through */
  deviceHost: string | null;
  devicePort: number | null;
  deviceUsername: string | null;
  /** sealed, as typed (ONVIF and snapshot authentication) */
  devicePasswordEnc: string | null;
  manufacturer: string | null;
  model: string | null;
  onvifAuth: 'ws-security' | 'digest' | null;
  /** http(s) on deviceHost, no credentials */
  snapshotUrl: string | null;
  ptz: boolean;
  ptzProfileToken: string | null;
  nvrVendor: string | null;
  nvrChannel: number | null;
  groupId: string | null;
  groupName: string | null;
  /** RTMP push: the sealed stream key and its SHA-256 (hex) */
  streamKeyEnc: string | null;
  streamKeyHash: string | null;
}

export interface CameraRow extends CameraSourceExtras {
  id: string;
  name: string;
  sourceKind: CameraSourceKind;
  mainUrl: string | null;
  mainPasswordEnc: string | null;
  subUrl: string | null;
  subPasswordEnc: string | null;
  demoPattern: string | null;
  isDemo: boolean;
  recordingMode: 'off' | 'continuous' | null;
  recordingStream: 'main' | 'sub' | null;
  retentionDays: number | null;
  /** residents, areas and consent (server/access/permissions.ts has the rules) */
  areaId: number | null;
  place: string | null;
  ownerId: number | null;
  ownerName: string | null;
  sharePoliceLive: boolean;
  sharePoliceOnRequest: boolean;
  shareGroup: boolean;
  approval: 'pending' | 'approved' | 'declined';
  approvalReason: string | null;
  approvedByName: string | null;
  approvedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

/** Who a camera belongs to and where it is, when it is added (the post's own cameras: no owner, approved). */
export interface CameraPlacement {
  areaId: number | null;
  place: string | null;
  ownerId: number | null;
  approval: CameraRow['approval'];
}

const COLUMNS = `id, name, source_kind AS sourceKind, main_url AS mainUrl, main_password_enc AS mainPasswordEnc,
  sub_url AS subUrl, sub_password_enc AS subPasswordEnc, demo_pattern AS demoPattern, is_demo AS isDemo,
  recording_mode AS recordingMode, recording_stream AS recordingStream, retention_days AS retentionDays,
  device_host AS deviceHost, device_port AS devicePort, device_username AS deviceUsername,
  device_password_enc AS devicePasswordEnc, manufacturer, model, onvif_auth AS onvifAuth, snapshot_url AS snapshotUrl,
  ptz, ptz_profile_token AS ptzProfileToken, nvr_vendor AS nvrVendor, nvr_channel AS nvrChannel,
  group_id AS groupId, group_name AS groupName, stream_key_enc AS streamKeyEnc, stream_key_hash AS streamKeyHash,
  area_id AS areaId, place, owner_id AS ownerId, (SELECT display_name FROM users WHERE users.id = owner_id) AS ownerName,
  share_police_live AS sharePoliceLive, share_police_on_request AS sharePoliceOnRequest, share_group AS shareGroup,
  approval, approval_reason AS approvalReason, approved_at AS approvedAt,
  (SELECT display_name FROM users WHERE users.id = approved_by) AS approvedByName,
  created_at AS createdAt, updated_at AS updatedAt`;

type Base = Pick<CameraRow, 'id' | 'name' | 'sourceKind' | 'mainUrl' | 'mainPasswordEnc' | 'subUrl' | 'subPasswordEnc'
  | 'demoPattern' | 'isDemo'>;

/** A camera to insert: the common columns, and whatever its source adds. */
export type NewCamera = Base & Partial<CameraSourceExtras>;

const EXTRA_COLUMNS: [keyof CameraSourceExtras, string][] = [
  ['deviceHost', 'device_host'], ['devicePort', 'device_port'], ['deviceUsername', 'device_username'],
  ['devicePasswordEnc', 'device_password_enc'], ['manufacturer', 'manufacturer'], ['model', 'model'],
  ['onvifAuth', 'onvif_auth'], ['snapshotUrl', 'snapshot_url'], ['ptz', 'ptz'], ['ptzProfileToken', 'ptz_profile_token'],
  ['nvrVendor', 'nvr_vendor'], ['nvrChannel', 'nvr_channel'], ['groupId', 'group_id'], ['groupName', 'group_name'],
  ['streamKeyEnc', 'stream_key_enc'], ['streamKeyHash', 'stream_key_hash'],
];

export class CamerasRepo {
  constructor(private readonly db: Db) {}

  list(): CameraRow[] {
    return this.db.prepare(`SELECT ${COLUMNS} FROM cameras ORDER BY is_demo, group_name, nvr_channel, name, id`).all().map(fix);
  }

  get(id: string): CameraRow | undefined {
    const row = this.db.prepare(`SELECT ${COLUMNS} FROM cameras WHERE id = ?`).get(id);
    return row ? fix(row) : undefined;
  }

  /** The camera an RTMP stream key belongs to (by the key's SHA-256). */
  byStreamKeyHash(hash: string): CameraRow | undefined {
    const row = this.db.prepare(`SELECT ${COLUMNS} FROM cameras WHERE stream_key_hash = ?`).get(hash);
    return row ? fix(row) : undefined;
  }

  /** SHA-256 of every valid RTMP stream key. */
  streamKeyHashes(): string[] {
    return this.db.prepare('SELECT stream_key_hash FROM cameras WHERE stream_key_hash IS NOT NULL').pluck().all() as string[];
  }

  countReal(): number {
    return this.db.prepare('SELECT COUNT(*) FROM cameras WHERE is_demo = 0').pluck().get() as number;
  }

  countKind(kind: CameraSourceKind): number {
    return this.db.prepare('SELECT COUNT(*) FROM cameras WHERE source_kind = ?').pluck().get(kind) as number;
  }

  insert(c: NewCamera, placement?: CameraPlacement): void {
    this.insertMany([c], placement);
  }

  /** All or nothing (the channels of one recorder). */
  insertMany(cameras: NewCamera[], placement: CameraPlacement = { areaId: null, place: null, ownerId: null, approval: 'approved' }): void {
    const now = new Date().toISOString();
    const cols = ['id', 'name', 'source_kind', 'main_url', 'main_password_enc', 'sub_url', 'sub_password_enc',
      'demo_pattern', 'is_demo', ...EXTRA_COLUMNS.map(([, col]) => col), 'area_id', 'place', 'owner_id', 'approval',
      'created_at', 'updated_at'];
    const stmt = this.db.prepare(`INSERT INTO cameras (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`);
    this.db.transaction(() => {
      for (const c of cameras) {
        const extras = EXTRA_COLUMNS.map(([key]) => toSql(key === 'ptz' ? (c.ptz ?? false) : c[key]));
        stmt.run(c.id, c.name, c.sourceKind, c.mainUrl, c.mainPasswordEnc, c.subUrl, c.subPasswordEnc, c.demoPattern,
          c.isDemo ? 1 : 0, ...extras, placement.areaId, placement.place, placement.ownerId, placement.approval, now, now);
      }
    })();
  }

  /** Name and RTSP source columns (PATCH of a plain RTSP camera, or a rename). */
  update(c: Base): void {
    this.db
      .prepare(`UPDATE cameras SET name = ?, source_kind = ?, main_url = ?, main_password_enc = ?, sub_url = ?,
                sub_password_enc = ?, demo_pattern = ?, is_demo = ?, updated_at = ? WHERE id = ?`)
      .run(c.name, c.sourceKind, c.mainUrl, c.mainPasswordEnc, c.subUrl, c.subPasswordEnc, c.demoPattern,
        c.isDemo ? 1 : 0, new Date().toISOString(), c.id);
  }

  setStreamKey(id: string, sealed: string, hash: string): boolean {
    return this.db.prepare(`UPDATE cameras SET stream_key_enc = ?, stream_key_hash = ?, updated_at = ?
      WHERE id = ? AND source_kind = 'rtmp-push'`).run(sealed, hash, new Date().toISOString(), id).changes > 0;
  }

  setRecording(id: string, r: Pick<CameraRow, 'recordingMode' | 'recordingStream' | 'retentionDays'>): void {
    this.db.prepare(`UPDATE cameras SET recording_mode = ?, recording_stream = ?, retention_days = ?, updated_at = ?
      WHERE id = ?`).run(r.recordingMode, r.recordingStream, r.retentionDays, new Date().toISOString(), id);
  }

  /** Where the camera is and what it looks at. */
  setPlacement(id: string, p: { areaId: number | null; place: string | null }): void {
    this.db.prepare('UPDATE cameras SET area_id = ?, place = ?, updated_at = ? WHERE id = ?')
      .run(p.areaId, p.place, new Date().toISOString(), id);
  }

  /** The owner's consent, whole. */
  setShares(id: string, s: { policeLive: boolean; policeOnRequest: boolean; group: boolean }): void {
    this.db.prepare(`UPDATE cameras SET share_police_live = ?, share_police_on_request = ?, share_group = ?, updated_at = ?
      WHERE id = ?`).run(Number(s.policeLive), Number(s.policeOnRequest), Number(s.group), new Date().toISOString(), id);
  }

  /** Staff's answer to a resident's camera (or `pending` again when the owner re-points it). */
  setApproval(id: string, state: CameraRow['approval'], by: number | null, reason: string | null): void {
    this.db.prepare(`UPDATE cameras SET approval = ?, approved_by = ?, approval_reason = ?, approved_at = ?, updated_at = ?
      WHERE id = ?`).run(state, by, reason, state === 'pending' ? null : new Date().toISOString(), new Date().toISOString(), id);
  }

  delete(id: string): boolean {
    return this.db.prepare('DELETE FROM cameras WHERE id = ?').run(id).changes > 0;
  }

  deleteDemo(): number {
    return this.db.prepare('DELETE FROM cameras WHERE is_demo = 1').run().changes;
  }
}

function toSql(v: unknown): unknown {
  if (v === undefined) return null;
  return typeof v === 'boolean' ? (v ? 1 : 0) : v;
}

type Flags = 'isDemo' | 'ptz' | 'sharePoliceLive' | 'sharePoliceOnRequest' | 'shareGroup';

function fix(row: unknown): CameraRow {
  const r = row as Omit<CameraRow, Flags> & Record<Flags, number>;
  return {
    ...r, isDemo: r.isDemo === 1, ptz: r.ptz === 1, sharePoliceLive: r.sharePoliceLive === 1,
    sharePoliceOnRequest: r.sharePoliceOnRequest === 1, shareGroup: r.shareGroup === 1,
  };
}
