import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { once } from 'node:events';

export interface Child {
  readonly name: string;
  readonly proc: ChildProcess;
  readonly pid: number;
  /** resolves when the process has exited */
  readonly exited: Promise<void>;
  /** SIGTERM, then SIGKILL after `graceMs` */
  stop(graceMs?: number): Promise<void>;
  /** last lines the child wrote on stderr (for error messages) */
  stderrTail(): string;
}

/**
 * Every process a benchmark starts goes through one `Children`, so that the run ends with none left behind,
 * whatever fails. stderr is kept (last lines) for error messages.
 */
export class Children {
  private readonly live = new Set<Child>();

  spawn(name: string, command: string, args: string[], options: SpawnOptions = {}): Child {
    const proc = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'], ...options });
    if (proc.pid === undefined) throw new Error(`${name}: could not start ${command}`);
    return this.adopt(name, proc);
  }

  /** tracks a process started elsewhere (e.g. by test/helpers/hub.ts) so that it is stopped with the others */
  adopt(name: string, proc: ChildProcess): Child {
    if (proc.pid === undefined) throw new Error(`${name}: not started`);
    const pid = proc.pid;
    const tail: string[] = [];
    proc.stderr?.on('data', (chunk: Buffer | string) => {
      tail.push(String(chunk));
      if (tail.length > 40) tail.shift();
    });
    const exited = proc.exitCode !== null || proc.signalCode !== null ? Promise.resolve() : once(proc, 'exit').then(() => undefined);
    const child: Child = {
      name,
      proc,
      pid,
      exited,
      stop: async (graceMs = 3000) => {
        if (proc.exitCode === null && proc.signalCode === null) {
          proc.kill('SIGTERM');
          const timer = setTimeout(() => proc.kill('SIGKILL'), graceMs);
          await exited;
          clearTimeout(timer);
        }
        this.live.delete(child);
      },
      stderrTail: () => tail.join(''),
    };
    this.live.add(child);
    void exited.then(() => this.live.delete(child));
    return child;
  }

  get count(): number {
    return this.live.size;
  }

  async stopAll(): Promise<void> {
    await Promise.all([...this.live].map((c) => c.stop()));
  }

  /** synchronous last resort (process 'exit' handler): SIGKILL whatever is left */
  killAllNow(): void {
    for (const c of this.live) c.proc.kill('SIGKILL');
  }
}

/** Resolves with the first stdout line matching `pattern`; rejects if the child exits or `timeoutMs` passes. */
export function waitForLine(child: Child, pattern: RegExp, timeoutMs: number): Promise<RegExpMatchArray> {
  return new Promise((resolve, reject) => {
    let buffered = '';
    const out = child.proc.stdout;
    if (!out) {
      reject(new Error(`${child.name}: no stdout`));
      return;
    }
    const onData = (chunk: Buffer): void => {
      buffered += chunk.toString('utf8');
      for (const line of buffered.split('\n')) {
        const m = line.match(pattern);
        if (m) {
          finish();
          resolve(m);
          return;
        }
      }
    };
    const onExit = (): void => {
      finish();
      reject(new Error(`${child.name} exited before ready:\n${child.stderrTail()}`));
    };
    const timer = setTimeout(() => {
      finish();
      reject(new Error(`${child.name} not ready after ${timeoutMs} ms:\n${child.stderrTail()}`));
    }, timeoutMs);
    const finish = (): void => {
      clearTimeout(timer);
      out.off('data', onData);
      child.proc.off('exit', onExit);
    };
    out.on('data', onData);
    child.proc.once('exit', onExit);
  });
}
