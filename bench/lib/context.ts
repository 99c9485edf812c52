import type { Children } from './children.ts';

/** What run.ts hands every benchmark: the one place child processes are started from, and the output. */
export interface BenchContext {
  children: Children;
  log(line: string): void;
}

/** first line of an error, cut to `max` characters: for one-line notes in tables and logs */
export function errorLine(err: unknown, max = 300): string {
  const line = String(err instanceof Error ? err.message : err).split('\n')[0] ?? '';
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}
