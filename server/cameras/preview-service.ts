// "Test connection" before a camera is saved (POST /api/cameras/preview): what the camera says it is and one
// picture from it, so the person adding it sees the right camera. Nothing is stored.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { AppError } from '../errors.ts';
import { runFfmpegToFile } from '../media/ffmpeg-runner.ts';
import { buildRtspSnapshotArgs } from '../media/snapshot-args.ts';
import { probeOnvifCamera, type OnvifCameraInfo, type OnvifProbeOptions } from '../onvif/onboard.ts';
import type { PreviewDto } from '../contracts.ts';
import type { CreateCamera } from './camera-schemas.ts';
import { parseCameraUrl, withPassword } from './camera-url.ts';
import { fetchSnapshot } from './http-snapshot.ts';
import { channelUrls, findTemplate, type NvrTemplates } from './nvr-templates.ts';

export interface PreviewOptions {
  nvrTemplates: NvrTemplates;
  onvifTimeoutMs: number;
  ffmpegPath: string;
  connectTimeoutMs: number;
  snapshotTimeoutMs: number;
  snapshotMaxBytes: number;
  probeOnvif?: (o: OnvifProbeOptions) => Promise<OnvifCameraInfo>;
}

/** The URL with these credentials, as ffmpeg takes it. */
function withCredentials(url: string, username: string, password: string): string {
  const u = new URL(url);
  u.username = username ? encodeURIComponent(username) : '';
  return withPassword(u.toString(), password ? encodeURIComponent(password) : null);
}

const toDataUrl = (jpeg: Buffer) => `data:image/jpeg;base64,${jpeg.toString('base64')}`;

export class PreviewService {
  constructor(private readonly o: PreviewOptions) {}

  async preview(body: CreateCamera): Promise<PreviewDto> {
    const src = body.source;
    const empty: PreviewDto = { manufacturer: null, model: null, main: null, sub: null, ptz: false, snapshot: null, snapshotError: null };
    switch (src.kind) {
      case 'rtsp': {
        const url = src.subUrl ?? src.url;
        const parsed = parseCameraUrl(url, src.subUrl ? 'source.subUrl' : 'source.url');
        return { ...empty, ...(await this.picture(() => this.grab(withPassword(parsed.url, parsed.password)))) };
      }
      case 'nvr': {
        const { template } = findTemplate(this.o.nvrTemplates, src.vendor);
        const urls = channelUrls(template, { host: src.host, port: src.port ?? template.defaultPort, channel: Math.min(...src.channels) });
        return { ...empty, ...(await this.picture(() => this.grab(withCredentials(urls.sub, src.username, src.password)))) };
      }
      case 'onvif': {
        const info = await (this.o.probeOnvif ?? probeOnvifCamera)({
          host: src.host, port: src.port, username: src.username, password: src.password, timeoutMs: this.o.onvifTimeoutMs,
        });
        const stream = info.sub ?? info.main;
        const picture = await this.picture(() => (info.snapshotUrl
          ? fetchSnapshot({
            url: info.snapshotUrl, host: src.host, username: src.username, password: src.password,
            timeoutMs: this.o.snapshotTimeoutMs, maxBytes: this.o.snapshotMaxBytes,
          })
          : this.grab(withCredentials(stream.rtspUrl, src.username, src.password))));
        return {
          manufacturer: info.manufacturer || null, model: info.model || null, ptz: info.ptz,
          main: { width: info.main.width, height: info.main.height },
          sub: info.sub ? { width: info.sub.width, height: info.sub.height } : null,
          ...picture,
        };
      }
      case 'rtmp-push':
        throw new AppError('preview-not-available', 'A pushed camera has nothing to preview until it pushes: add it, then point it at its publish URL.');
    }
  }

  private async picture(get: () => Promise<Buffer>): Promise<Pick<PreviewDto, 'snapshot' | 'snapshotError'>> {
    try {
      return { snapshot: toDataUrl(await get()), snapshotError: null };
    } catch (err) {
      return { snapshot: null, snapshotError: err instanceof AppError ? err.message : 'No picture could be read.' };
    }
  }

  private async grab(url: string): Promise<Buffer> {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'matthan-preview-'));
    try {
      const output = path.join(dir, 'frame.jpg');
      try {
        await runFfmpegToFile(this.o.ffmpegPath, buildRtspSnapshotArgs({ url, output, connectTimeoutMs: this.o.connectTimeoutMs }), {
          timeoutMs: this.o.connectTimeoutMs + this.o.snapshotTimeoutMs,
        });
      } catch (err) {
        // the runner's reasons are scrubbed of credentials
        throw new AppError('preview-stream-failed', `The camera's stream could not be read: ${(err as Error).message}`.slice(0, 240));
      }
      return await fs.readFile(output);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  }
}
