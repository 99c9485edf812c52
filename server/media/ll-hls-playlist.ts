// Renders an LL-HLS media playlist (RFC 8216bis) from the packager's state. Pure.

export interface HlsPart {
  /** global part number: names the part (`p<id>.m4s`), so the preload hint is right even across a segment cut */
  id: number;
  msn: number;
  data: Buffer;
  durationSec: number;
  independent: boolean;
}

export interface HlsSegment {
  msn: number;
  parts: HlsPart[];
  durationSec: number;
  bytes: number;
  /** decode time of the segment's first frame, in seconds (media clock) */
  startDecodeSec: number;
}

export interface PlaylistState {
  targetDurationSec: number;
  partTargetSec: number;
  discontinuitySequence: number;
  initUri: string;
  /** wall clock (ms since epoch) at media time 0: PROGRAM-DATE-TIME = this + decode time */
  wallAtZeroMs: number;
  complete: readonly HlsSegment[];
  current: HlsSegment | null;
  nextPartId: number;
}

export const partUri = (id: number) => `p${id}.m4s`;
export const segmentUri = (msn: number) => `s${msn}.m4s`;

const dur = (s: number) => s.toFixed(5);

/** `#EXT-X-PART` lines are listed for segments ending within this many target durations of the live edge. */
const PARTS_WINDOW_TARGETS = 3;

export function renderPlaylist(s: PlaylistState): string {
  const out: string[] = [
    '#EXTM3U',
    '#EXT-X-VERSION:9',
    `#EXT-X-TARGETDURATION:${s.targetDurationSec}`,
    `#EXT-X-SERVER-CONTROL:CAN-BLOCK-RELOAD=YES,PART-HOLD-BACK=${(3 * s.partTargetSec).toFixed(3)}`,
    `#EXT-X-PART-INF:PART-TARGET=${s.partTargetSec.toFixed(3)}`,
    // no EXT-X-INDEPENDENT-SEGMENTS: with a short first segment, the second segment of an epoch starts mid-GOP;
    // parts that start with a keyframe say so with INDEPENDENT=YES
    `#EXT-X-MEDIA-SEQUENCE:${s.complete[0]?.msn ?? s.current?.msn ?? 0}`,
  ];
  if (s.discontinuitySequence > 0) out.push(`#EXT-X-DISCONTINUITY-SEQUENCE:${s.discontinuitySequence}`);
  out.push(`#EXT-X-MAP:URI="${s.initUri}"`);

  // media after the end of each complete segment, to decide which ones still list their parts
  let after = s.current?.durationSec ?? 0;
  const tailAfter: number[] = new Array(s.complete.length);
  for (let i = s.complete.length - 1; i >= 0; i--) {
    tailAfter[i] = after;
    after += s.complete[i]!.durationSec;
  }
  const window = PARTS_WINDOW_TARGETS * s.targetDurationSec;

  const pdt = (seg: HlsSegment) =>
    `#EXT-X-PROGRAM-DATE-TIME:${new Date(Math.round(s.wallAtZeroMs + seg.startDecodeSec * 1000)).toISOString()}`;
  s.complete.forEach((seg, i) => {
    out.push(pdt(seg));
    if (tailAfter[i]! < window) pushParts(out, seg);
    out.push(`#EXTINF:${dur(seg.durationSec)},`, segmentUri(seg.msn));
  });
  if (s.current) {
    out.push(pdt(s.current));
    pushParts(out, s.current);
  }
  out.push(`#EXT-X-PRELOAD-HINT:TYPE=PART,URI="${partUri(s.nextPartId)}"`, '');
  return out.join('\n');
}

function pushParts(out: string[], seg: HlsSegment): void {
  for (const p of seg.parts) {
    out.push(`#EXT-X-PART:DURATION=${dur(p.durationSec)},URI="${partUri(p.id)}"${p.independent ? ',INDEPENDENT=YES' : ''}`);
  }
}
