import crypto from 'node:crypto';
import { ZipFile } from 'yazl';
import type { IncidentDto } from '../contracts.ts';
import type { CustodyRow } from '../db/incident-log-repo.ts';

/** "2026-11-22 10:00:00 +07:00": Asia/Ho_Chi_Minh has no daylight saving time. */
export function vnTime(iso: string | null): string | null {
  if (!iso) return null;
  const local = new Date(Date.parse(iso) + 7 * 3600_000).toISOString();
  return `${local.slice(0, 10)} ${local.slice(11, 19)} +07:00`;
}

export interface ExportInput {
  incident: IncidentDto;
  /** absolute paths of the ready clips, by camera id */
  clipFiles: Map<string, string>;
  custody: CustodyRow[];
  hubVersion: string;
  exportedBy: { username: string; displayName: string };
  exportedAt: Date;
}

const README = `Mắt Thần — hồ sơ trích xuất vụ việc / incident evidence export

manifest.json liệt kê mọi tệp cùng mã SHA-256. Kiểm tra / verify:
  sha256sum clips/*.mp4 custody-log.json
rồi so sánh với manifest.json / and compare with manifest.json.
Video được cắt bằng sao chép luồng (không mã hoá lại) / clips are stream copies (never re-encoded).
`;

/**
 * Streams the evidence zip: the clips (stored, not compressed: video does not compress), the custody log,
 * and manifest.json with the incident, times in UTC and Asia/Ho_Chi_Minh, and the SHA-256 of every file.
 * Returns the zip stream and the manifest's own SHA-256 (sent in a response header, logged).
 */
export function evidenceZip(input: ExportInput): { stream: NodeJS.ReadableStream; manifestSha256: string } {
  const { incident } = input;
  const custodyJson = Buffer.from(JSON.stringify(input.custody.map((c) => ({
    at: c.at, atLocal: vnTime(c.at), user: c.username, action: c.action, detail: c.detail, ip: c.ip,
  })), null, 2));
  const sha = (b: Buffer) => crypto.createHash('sha256').update(b).digest('hex');
  const files = [
    ...incident.clips.filter((c) => c.status === 'ready' && input.clipFiles.has(c.cameraId)).map((c) => ({
      name: `clips/${c.cameraId}.mp4`, sha256: c.sha256!, bytes: c.bytes!,
    })),
    { name: 'custody-log.json', sha256: sha(custodyJson), bytes: custodyJson.length },
  ];
  const manifest = {
    format: 'mat-than-evidence/1',
    hub: { name: 'Mắt Thần', version: input.hubVersion },
    exportedBy: input.exportedBy,
    exportedAt: input.exportedAt.toISOString(),
    exportedAtLocal: vnTime(input.exportedAt.toISOString()),
    timeZone: 'Asia/Ho_Chi_Minh',
    incident: {
      id: incident.id, title: incident.title, category: incident.category, status: incident.status,
      occurredAt: incident.occurredAt, occurredAtLocal: vnTime(incident.occurredAt),
      preRollSec: incident.preRollSec, postRollSec: incident.postRollSec,
      createdBy: incident.createdBy, createdAt: incident.createdAt, assignee: incident.assignee,
    },
    cameras: incident.clips.map((c) => ({
      id: c.cameraId, name: c.cameraName, clip: c.status === 'ready' ? `clips/${c.cameraId}.mp4` : null,
      clipStatus: c.status, clipError: c.error,
      start: c.start, startLocal: vnTime(c.start), end: c.end, endLocal: vnTime(c.end), sha256: c.sha256,
    })),
    files,
  };
  const manifestJson = Buffer.from(JSON.stringify(manifest, null, 2));
  const zip = new ZipFile();
  const mtime = input.exportedAt;
  zip.addBuffer(manifestJson, 'manifest.json', { mtime });
  zip.addBuffer(Buffer.from(README), 'README.txt', { mtime });
  zip.addBuffer(custodyJson, 'custody-log.json', { mtime });
  for (const c of incident.clips) {
    const file = input.clipFiles.get(c.cameraId);
    if (file && c.status === 'ready') zip.addFile(file, `clips/${c.cameraId}.mp4`, { compress: false, mtime });
  }
  // yazl reports an unreadable file on the ZipFile itself: without a listener that error would end the process
  zip.on('error', (err: Error) => (zip.outputStream as NodeJS.ReadableStream & { destroy(e: Error): void }).destroy(err));
  zip.end();
  return { stream: zip.outputStream, manifestSha256: sha(manifestJson) };
}
