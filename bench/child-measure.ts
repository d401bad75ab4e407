import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** One run of a child process: wall time in the parent, peak RSS and CPU time (user + sys) of the child. */
export interface ChildRun {
  ms: number;
  rssMb: number;
  cpuMs: number;
  status: number;
  stdout: string;
  stderr: string;
}

const TIME = '/usr/bin/time';
// Exit codes of a command that ran to completion (0 clean, 1 issues found); 2/3 mean the bench is wrong.
const COMPLETED = new Set([0, 1]);

/**
 * Runs `node <args>` (or `program <args>`) and measures it. Peak RSS and CPU time come from GNU time (`%M` KB, `%U`
 * and `%S` seconds, 10 ms resolution) when installed, else the child reports `process.resourceUsage()` from an exit
 * hook preloaded with `--import` (node only).
 */
export function runChild(args: string[], cwd: string, keepStdout = false, program = process.execPath): ChildRun {
  const scratch = mkdtempSync(join(tmpdir(), 'sw-bench-'));
  try {
    const rssFile = join(scratch, 'rss');
    const viaTime = existsSync(TIME);
    if (!viaTime && program !== process.execPath) throw new Error(`${TIME} is needed to measure ${program}`);
    const [cmd, argv] = viaTime
      ? [TIME, ['-f', '%M %U %S', '-o', rssFile, program, ...args]]
      : [process.execPath, ['--import', `data:text/javascript,${encodeURIComponent(rssHook(rssFile))}`, ...args]];
    const start = process.hrtime.bigint();
    const r = spawnSync(cmd, argv, {
      cwd,
      encoding: 'utf8',
      maxBuffer: 1 << 30,
      stdio: ['ignore', keepStdout ? 'pipe' : 'ignore', 'pipe'],
    });
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    // GNU time prefixes a line of its own when the child was killed by a signal: the last line is the measure.
    const [kb, user, sys] = readFileSync(rssFile, 'utf8').trim().split('\n').pop()!.split(' ').map(Number) as [number, number, number];
    return { ms, rssMb: kb / 1024, cpuMs: (user + sys) * 1000, status: r.status ?? -1, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

function rssHook(file: string): string {
  // As GNU time writes it: peak RSS in KB, user and sys CPU in seconds.
  return `import { writeFileSync } from 'node:fs'; process.on('exit', () => { const u = process.resourceUsage(); writeFileSync(${JSON.stringify(file)}, [u.maxRSS, u.userCPUTime / 1e6, u.systemCPUTime / 1e6].join(' ')); });`;
}

/** Runs a child `runs` times; fails loudly when it did not complete (a stack trace is a bug, not a timing). */
export function measure(
  label: string,
  args: string[],
  cwd: string,
  runs: number,
  program?: string,
): { ms: number; rssMb: number; all: number[] } {
  const results: ChildRun[] = [];
  for (let i = 0; i < runs; i++) {
    const r = runChild(args, cwd, false, program);
    if (!COMPLETED.has(r.status)) throw new Error(`${label} exited ${r.status}:\n${r.stderr.slice(-2000)}`);
    results.push(r);
  }
  return { ms: median(results.map((r) => r.ms)), rssMb: Math.max(...results.map((r) => r.rssMb)), all: results.map((r) => r.ms) };
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}
