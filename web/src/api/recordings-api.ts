// Recorded footage: the ranges of a camera for the review timeline, and VOD playlist URLs.
import type { HttpClient } from './http-client.ts';

export interface RecordedRange {
  start: string;
  end: string;
}

export interface RecordingsApi {
  /** what was recorded in [from, to) (at most 24 h) */
  ranges(cameraId: string, from: Date, to: Date): Promise<RecordedRange[]>;
  vodUrl(cameraId: string, from: Date, to: Date): string;
}

const span = (from: Date, to: Date) =>
  `from=${encodeURIComponent(from.toISOString())}&to=${encodeURIComponent(to.toISOString())}`;

export function createRecordingsApi(http: HttpClient): RecordingsApi {
  return {
    ranges: async (cameraId, from, to) =>
      (await http.get<{ ranges: RecordedRange[] }>(`/api/cameras/${encodeURIComponent(cameraId)}/recordings?${span(from, to)}`)).ranges,
    vodUrl: (cameraId, from, to) => `/vod/${encodeURIComponent(cameraId)}/index.m3u8?${span(from, to)}`,
  };
}
