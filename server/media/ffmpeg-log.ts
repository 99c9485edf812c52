// ffmpeg's stderr read with `-loglevel level+info` (camera sessions that may carry audio): every line carries its
// level (`[info]`, `[error]` …) after the optional `[ctx @ 0x…]` prefix. Errors are what the session has always
// seen (the exit report, the long-probe hint); info lines are the input's description, read for its audio stream.

export interface LevelLine {
  /** error, fatal or panic: what `-loglevel error` would have printed */
  error: boolean;
  /** the line without its level tag */
  text: string;
}

const LEVEL = /\[(trace|debug|verbose|info|warning|error|fatal|panic)\] /;
const ERROR_LEVELS = new Set(['error', 'fatal', 'panic']);

/**
 * What the tee says, as errors, when the camera has no audio and the audio branch is dropped: not errors of the
 * session (the video goes on), so they stay out of its exit report.
 */
const AUDIO_BRANCH_DROPPED = /No streams to mux were specified|Slave '\[select=a:.*error writing header|Slave muxer #1 failed/;

export function splitLevel(line: string): LevelLine {
  const m = LEVEL.exec(line);
  if (!m) return { error: true, text: line }; // untagged (should not happen): treated as before
  const text = line.slice(0, m.index) + line.slice(m.index + m[0].length);
  return { error: ERROR_LEVELS.has(m[1]!) && !AUDIO_BRANCH_DROPPED.test(text), text };
}

/** What the camera sends as audio, read from ffmpeg's description of the input. */
export interface InputAudio {
  /** ffmpeg's codec name: pcm_alaw, pcm_mulaw, aac, adpcm_g726 … */
  codec: string;
  sampleRate: number | null;
  channels: string | null;
}

const NAMES: Record<string, string> = {
  pcm_alaw: 'G.711 A-law', pcm_mulaw: 'G.711 µ-law', aac: 'AAC', adpcm_g726: 'G.726', adpcm_g726le: 'G.726',
  g722: 'G.722', mp3: 'MP3', opus: 'Opus',
};

/** "G.711 A-law 8 kHz" */
export function describeInputAudio(a: InputAudio): string {
  const rate = a.sampleRate ? ` ${a.sampleRate % 1000 === 0 ? a.sampleRate / 1000 : (a.sampleRate / 1000).toFixed(1)} kHz` : '';
  return `${NAMES[a.codec] ?? a.codec}${rate}`;
}

/**
 * Reads the input description line by line (`Input #0 …`, `Stream #0:1: Audio: pcm_alaw, 8000 Hz, mono, s16`) up to
 * the output's (`Output #0`, `Stream mapping:`), which come before any media is written.
 */
export class InputDescription {
  private inInput = false;
  private doneValue = false;
  audio: InputAudio | null = null;

  /** the input was described completely (its audio, if any, is known) */
  get done(): boolean {
    return this.doneValue;
  }

  line(text: string): void {
    if (this.doneValue) return;
    if (/^Input #0\b/.test(text)) this.inInput = true;
    else if (/^(Output #0|Stream mapping:)/.test(text)) this.doneValue = this.inInput;
    else if (this.inInput && !this.audio) {
      const m = /Stream #0:\d+.*?: Audio: ([\w-]+)[^,]*(?:, (\d+) Hz)?(?:, ([\w.]+))?/.exec(text);
      if (m) this.audio = { codec: m[1]!, sampleRate: m[2] ? Number(m[2]) : null, channels: m[3] ?? null };
    }
  }
}
