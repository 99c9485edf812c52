import { readdir, readFile } from 'node:fs/promises';

/** Linux clock ticks per second (`getconf CLK_TCK`); 100 on every mainstream kernel configuration */
const CLK_TCK = 100;

interface ProcSample {
  pid: number;
  ppid: number;
  /** start time in ticks since boot: tells a pid apart from a later process that reuses it */
  start: number;
  /** utime + stime, ticks */
  cpu: number;
  comm: string;
}

async function readStat(pid: number): Promise<ProcSample | undefined> {
  const text = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => undefined);
  if (!text) return undefined;
  // comm is in parentheses and may hold spaces: split after the last ')'
  const close = text.lastIndexOf(')');
  const comm = text.slice(text.indexOf('(') + 1, close);
  const f = text.slice(close + 2).split(' ');
  // f[0] = state (field 3); field n is f[n - 3]
  return { pid, ppid: Number(f[1]), cpu: Number(f[11]) + Number(f[12]), start: Number(f[19]), comm };
}

/** the given processes and all their descendants, as they are now (one scan of /proc) */
export async function processTree(...roots: number[]): Promise<ProcSample[]> {
  const pids = (await readdir('/proc')).filter((d) => /^\d+$/.test(d)).map(Number);
  const all = (await Promise.all(pids.map(readStat))).filter((s): s is ProcSample => s !== undefined);
  const byParent = new Map<number, ProcSample[]>();
  for (const s of all) {
    const siblings = byParent.get(s.ppid);
    if (siblings) siblings.push(s);
    else byParent.set(s.ppid, [s]);
  }
  const wanted = new Set(roots);
  const queue = all.filter((s) => wanted.has(s.pid));
  const out: ProcSample[] = [];
  const seen = new Set<number>();
  while (queue.length) {
    const s = queue.shift() as ProcSample;
    if (seen.has(s.pid)) continue;
    seen.add(s.pid);
    out.push(s);
    queue.push(...(byParent.get(s.pid) ?? []));
  }
  return out;
}

async function memoryKb(pid: number): Promise<{ rss: number; pss: number; uss: number }> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
  const rollup = await readFile(`/proc/${pid}/smaps_rollup`, 'utf8').catch(() => '');
  const field = (text: string, name: string): number => Number(text.match(new RegExp(`^${name}:\\s+(\\d+)`, 'm'))?.[1] ?? 0);
  return {
    rss: field(status, 'VmRSS'),
    pss: field(rollup, 'Pss'),
    uss: field(rollup, 'Private_Clean') + field(rollup, 'Private_Dirty'),
  };
}

export interface TreeUsage {
  /** CPU over the window, in % of one core */
  cpuPercent: number;
  /** mean over the window of the summed VmRSS of every process of the tree, MB (counts shared pages once per process) */
  rssMb: number;
  /** mean summed proportional set size, MB (shared pages split between the processes that map them) */
  pssMb: number;
  /** mean summed unique set size, MB (pages private to one process: what another stream really adds) */
  ussMb: number;
  /** processes in the tree at the end of the window */
  processes: number;
  /** same, split by command name (e.g. node, ffmpeg) */
  byCommand: Record<string, { processes: number; cpuPercent: number; rssMb: number }>;
}

/**
 * CPU and memory of one or more process trees (e.g. the hub and its ffmpeg children) over `windowMs`, from
 * /proc/<pid>/stat, /proc/<pid>/status and /proc/<pid>/smaps_rollup. Memory is sampled every `everyMs` and averaged.
 */
export async function measureTrees(roots: number[], windowMs: number, everyMs = 1000): Promise<TreeUsage> {
  const snapshot = (): Promise<ProcSample[]> => processTree(...roots);
  const key = (s: ProcSample): string => `${s.pid}:${s.start}`;
  const first = new Map((await snapshot()).map((s) => [key(s), s]));
  const t0 = performance.now();
  const mem: { rss: number; pss: number; uss: number; byCommand: Map<string, number> }[] = [];
  let last: ProcSample[] = [];
  for (;;) {
    last = await snapshot();
    const m = await Promise.all(last.map((s) => memoryKb(s.pid)));
    const byCommand = new Map<string, number>();
    last.forEach((s, i) => byCommand.set(s.comm, (byCommand.get(s.comm) ?? 0) + (m[i]?.rss ?? 0)));
    const sum = (k: 'rss' | 'pss' | 'uss'): number => m.reduce((a, b) => a + b[k], 0);
    mem.push({ rss: sum('rss'), pss: sum('pss'), uss: sum('uss'), byCommand });
    const left = windowMs - (performance.now() - t0);
    if (left <= 0) break;
    await new Promise((r) => setTimeout(r, Math.min(everyMs, left)));
  }
  const seconds = (performance.now() - t0) / 1000;
  const cpuTicks = new Map<string, number>();
  const count = new Map<string, number>();
  for (const s of last) {
    const before = first.get(key(s))?.cpu ?? 0; // a process born during the window counts from 0
    cpuTicks.set(s.comm, (cpuTicks.get(s.comm) ?? 0) + (s.cpu - before));
    count.set(s.comm, (count.get(s.comm) ?? 0) + 1);
  }
  const pct = (ticks: number): number => (ticks / CLK_TCK / seconds) * 100;
  const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
  const byCommand: TreeUsage['byCommand'] = {};
  for (const [comm, ticks] of cpuTicks) {
    byCommand[comm] = {
      processes: count.get(comm) ?? 0,
      cpuPercent: pct(ticks),
      rssMb: mean(mem.map((m) => m.byCommand.get(comm) ?? 0)) / 1024,
    };
  }
  return {
    cpuPercent: pct([...cpuTicks.values()].reduce((a, b) => a + b, 0)),
    rssMb: mean(mem.map((m) => m.rss)) / 1024,
    pssMb: mean(mem.map((m) => m.pss)) / 1024,
    ussMb: mean(mem.map((m) => m.uss)) / 1024,
    processes: last.length,
    byCommand,
  };
}

/** SIGKILL what is left of a tree snapshot taken earlier (same pid and start time only): no orphan survives a run. */
export async function killLeftovers(snapshot: ProcSample[]): Promise<number> {
  let killed = 0;
  for (const s of snapshot) {
    const now = await readStat(s.pid);
    if (now && now.start === s.start) {
      try {
        process.kill(s.pid, 'SIGKILL');
        killed += 1;
      } catch {
        // already gone
      }
    }
  }
  return killed;
}

export type { ProcSample };
