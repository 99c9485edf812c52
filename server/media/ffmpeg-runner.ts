// The only module that imports fluent-ffmpeg, and so the only place in the project that spawns ffmpeg.
//
// What fluent-ffmpeg 2.1.3 does around `run()` (read from lib/processor.js and lib/capabilities.js):
// - before the first spawn of the Node process it runs `ffmpeg -formats` and `ffmpeg -encoders` once to check the
//   `-f` formats (results cached in the module): `preloadFfmpegCapabilities()` does that early so the first camera
//   does not wait for it, and all starts share the one probe;
// - it spawns ffprobe only when a `progress` listener exists (or for `ffprobe()`/screenshots): a second RTSP
//   session to the camera. We never add a `progress` listener;
// - it adds `-y` only for file outputs (ours is a stream), `-strict experimental` only after `-vcodec/-acodec`
//   (we use `-c`/`-c:v`); with a stream output it appends `pipe:1` and pipes stdout into our stream;
// - `inputOptions([..])`/`outputOptions([..])` given ONE array split any item holding exactly one space in two:
//   we pass options as separate arguments, which disables that splitting;
// - its `kill()` defaults to SIGKILL, and it SIGKILLs ffmpeg if the output stream errors, or 20 ms after it
//   closes: we stop with SIGTERM on the process itself and never destroy the output stream before exit;
// - the ffmpeg path is kept in a module-level cache (`setFfmpegPath` is global): harmless, one ffmpeg per box.
import ffmpeg from 'fluent-ffmpeg';
import type { ChildProcess } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { PassThrough, type Duplex, type Readable } from 'node:stream';
import type { FfmpegArgs } from './ffmpeg-args.ts';
import { splitLevel } from './ffmpeg-log.ts';

export interface FfmpegExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** spawn failure or fluent-ffmpeg preparation failure */
  error: Error | null;
  /** true when the exit followed stop() */
  requested: boolean;
  /** last stderr lines, credentials scrubbed */
  stderrTail: string[];
}

export interface FfmpegProcessOptions {
  ffmpegPath: string;
  /**
   * with `output`, ffmpeg writes that file and `stdout` stays empty; without, fMP4 flows on `stdout`. `target` names
   * the output instead of `pipe:1` while stdout is still read (the tee of a session with audio); `pipe3` opens
   * ffmpeg's fd 3 as a pipe (`pipe3` below).
   */
  args: FfmpegArgs & { output?: string; target?: string; pipe3?: boolean };
  /** stderr lines carry their level (`-loglevel level+info`): only errors go to the tail and onStderrLine */
  levelTagged?: boolean;
  /** with levelTagged: the other lines (info, warnings), tag removed, credentials scrubbed */
  onInfoLine?: (line: string) => void;
  /** called for each stderr line, credentials scrubbed */
  onStderrLine?: (line: string) => void;
  /** stderr lines kept for the exit report */
  tailLines?: number;
  /**
   * Bytes for ffmpeg's stdin, read as the input instead of `args.input` (a transcode of the hub's own fMP4). Ended by
   * stop(): ffmpeg blocked reading a silent stdin does not act on SIGTERM until the next byte.
   */
  stdin?: Duplex;
}

/**
 * Replaces `user:pass@` / `user@` after a URL scheme (and bare `user:pass@host`) with `***@`, and hides RTMP stream
 * names (stream keys) and play tokens.
 */
export function scrubSecrets(text: string): string {
  return text
    .replace(/([a-z][a-z0-9+.-]*:\/\/)[^\s/?#]*@/gi, '$1***@')
    .replace(/(^|[\s'"(=])[^\s'"(=/@:]+:[^\s/@]+@(?=[\w.[-])/g, '$1***@')
    // an RTMP stream name is a camera's secret key (rtmp://host/app/<key>), and ?t= the ingest's play token
    .replace(/(rtmp[a-z]*:\/\/[^\s/'"]+\/[^\s/'"?]+\/)[^\s'":]+/gi, '$1***')
    .replace(/([?&]t=)[A-Za-z0-9_-]+/g, '$1***');
}

/** What an ffmpeg child may see of the hub's environment: never HUB_SECRET_KEY, HUB_ADMIN_PASSWORD or any HUB_*. */
const CHILD_ENV = ['PATH', 'LANG', 'LC_ALL', 'LC_CTYPE', 'TZ'];

export function ffmpegEnvironment(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  return Object.fromEntries(CHILD_ENV.filter((k) => env[k] !== undefined).map((k) => [k, env[k]]));
}

type SpawnFfmpeg = (args: string[], options: object | ((...a: unknown[]) => void), ...callbacks: unknown[]) => unknown;

/**
 * fluent-ffmpeg spawns with the whole environment of the hub and has no option for it: its one spawn point
 * (`_spawnFfmpeg`, used by runs and capability probes alike) is wrapped on this command to pass a clean one.
 */
function withCleanEnv<T extends object>(cmd: T, extra: object = {}): T {
  const c = cmd as T & { _spawnFfmpeg: SpawnFfmpeg };
  const spawnFfmpeg = c._spawnFfmpeg;
  c._spawnFfmpeg = function (this: unknown, args, options, ...callbacks) {
    const env = ffmpegEnvironment();
    return typeof options === 'function'
      ? spawnFfmpeg.call(this, args, { env, ...extra }, options, ...callbacks)
      : spawnFfmpeg.call(this, args, { ...options, env, ...extra }, ...callbacks);
  };
  return cmd;
}

/** Runs `ffmpeg -formats` / `-encoders` once (fluent-ffmpeg caches them) so later starts skip that step. */
export function preloadFfmpegCapabilities(ffmpegPath: string): Promise<void> {
  const cmd = withCleanEnv(ffmpeg().setFfmpegPath(ffmpegPath));
  return new Promise((resolve) => {
    cmd.availableFormats(() => cmd.availableEncoders(() => resolve()));
  });
}

export class FfmpegProcess {
  /** fMP4 bytes from ffmpeg's stdout; ends when ffmpeg closes it */
  readonly stdout: Readable;
  /** bytes from ffmpeg's fd 3 (`args.pipe3`: the audio fMP4 of a session); null otherwise */
  readonly pipe3: Readable | null;
  /** resolves once, when the process is gone and stderr is drained (never rejects) */
  readonly exited: Promise<FfmpegExit>;
  private proc: ChildProcess | null = null;
  private stopRequested = false;
  private done = false;
  private killTimer: NodeJS.Timeout | null = null;
  private code: number | null = null;
  private signal: NodeJS.Signals | null = null;
  private readonly tail: string[] = [];

  constructor(private readonly o: FfmpegProcessOptions) {
    const out = new PassThrough({ highWaterMark: 1 << 20 });
    this.stdout = out;
    const tailLines = o.tailLines ?? 8;
    let finish!: (e: FfmpegExit) => void;
    this.exited = new Promise((resolve) => (finish = resolve));

    const target = o.args.target;
    const pipe3 = o.args.pipe3 ? new PassThrough({ highWaterMark: 1 << 16 }) : null;
    this.pipe3 = pipe3;
    // a named target is a "file" to fluent-ffmpeg, which would then read stdout itself: it must not, we pipe it
    const spawnExtra = target !== undefined
      ? { captureStdout: false, stdio: ['pipe', 'pipe', 'pipe', ...(pipe3 ? ['pipe'] : [])] }
      : {};
    const cmd = withCleanEnv(ffmpeg({ stdoutLines: tailLines }).setFfmpegPath(o.ffmpegPath), spawnExtra);
    cmd.input(o.stdin ?? o.args.input);
    addOptions(o.args.inputOptions, (...opts) => cmd.inputOptions(...opts));
    if (o.args.output !== undefined) {
      cmd.output(o.args.output);
      out.end();
    } else if (target !== undefined) {
      cmd.output(target);
    } else {
      cmd.output(out, { end: true });
    }
    addOptions(o.args.outputOptions, (...opts) => cmd.outputOptions(...opts));

    cmd.on('start', () => {
      const proc = (cmd as unknown as { ffmpegProc?: ChildProcess }).ffmpegProc ?? null;
      this.proc = proc;
      if (target !== undefined && proc) {
        proc.stdout?.pipe(out);
        const fd3 = proc.stdio[3] as Readable | null | undefined;
        if (pipe3 && fd3) fd3.pipe(pipe3);
        else pipe3?.end();
      }
      if (this.stopRequested) this.sendStop();
    });
    cmd.on('stderr', (line: string) => {
      if (!line) return;
      let clean = scrubSecrets(line).slice(0, 500);
      if (o.levelTagged) {
        const l = splitLevel(clean);
        if (!l.error) return o.onInfoLine?.(l.text);
        clean = l.text;
      }
      this.tail.push(clean);
      if (this.tail.length > tailLines) this.tail.shift();
      o.onStderrLine?.(clean);
    });
    const end = (err: Error | null) => {
      if (this.done) return;
      this.done = true;
      if (this.killTimer) clearTimeout(this.killTimer);
      // fluent-ffmpeg may report before our own 'exit' listener would run: read the codes off the process
      this.code = this.proc?.exitCode ?? null;
      this.signal = this.proc?.signalCode ?? null;
      // errors about the exit itself ("exited with code", "killed with signal") are not spawn errors
      const spawnError = err && this.code === null && this.signal === null ? new Error(scrubSecrets(err.message)) : null;
      // once spawned, the pipe ends `out` itself after the last byte (ending it here could drop a tail)
      if (!this.proc && !out.writableEnded) out.end();
      if (!this.proc && pipe3 && !pipe3.writableEnded) pipe3.end();
      finish({ code: this.code, signal: this.signal, error: spawnError, requested: this.stopRequested, stderrTail: [...this.tail] });
    };
    cmd.on('error', (err: Error) => end(err));
    cmd.on('end', () => end(null));
    // fluent-ffmpeg 2.1.3 crashes the whole Node process (TypeError in its endCB) when spawn fails, so the
    // binary is checked first; a missing one is reported like any other failed start.
    try {
      accessSync(o.ffmpegPath, constants.X_OK);
    } catch {
      queueMicrotask(() => end(new Error(`ffmpeg not found or not executable at ${o.ffmpegPath}`)));
      return;
    }
    cmd.run();
  }

  get pid(): number | undefined {
    return this.proc?.pid;
  }

  get running(): boolean {
    return !this.done;
  }

  /** SIGTERM (ffmpeg finishes cleanly and exits), SIGKILL only if it is still there after `graceMs`. */
  stop(graceMs = 3000): Promise<FfmpegExit> {
    if (!this.stopRequested && !this.done) {
      this.stopRequested = true;
      this.o.stdin?.end();
      if (this.proc) this.sendStop();
      this.killTimer = setTimeout(() => this.proc?.kill('SIGKILL'), graceMs);
    }
    return this.exited;
  }

  private sendStop(): void {
    const proc = this.proc;
    if (proc && proc.exitCode === null && proc.signalCode === null) proc.kill('SIGTERM');
  }
}

/**
 * Runs a finite job writing a file (evidence clips): resolves on exit code 0, rejects with the scrubbed reason
 * otherwise. Stopped with SIGTERM after `timeoutMs`.
 */
export async function runFfmpegToFile(
  ffmpegPath: string,
  args: FfmpegArgs & { output: string },
  opts: { timeoutMs?: number } = {},
): Promise<void> {
  const p = new FfmpegProcess({ ffmpegPath, args });
  const timer = setTimeout(() => void p.stop(), opts.timeoutMs ?? 10 * 60_000);
  const exit = await p.exited.finally(() => clearTimeout(timer));
  if (exit.code === 0 && !exit.error) return;
  const reason = exit.error?.message ?? exit.stderrTail.at(-1) ?? `ffmpeg exited with code ${exit.code ?? exit.signal}`;
  throw new Error(exit.requested ? `ffmpeg timed out: ${reason}` : reason);
}

/** Passes options as separate arguments so fluent-ffmpeg never splits an item at a space. */
function addOptions(opts: string[], add: (...o: string[]) => unknown): void {
  if (opts.length === 0) return;
  if (opts.length === 1) {
    if (opts[0]!.includes(' ')) throw new Error('a lone option must not contain a space');
    add(opts[0]!);
    return;
  }
  add(...opts);
}
