import { join } from 'node:path';
import type { CachedRun } from './run-cache.js';

/** The file groups of a synthetic run; a command's floor reads exactly its groups, once. */
export type FileGroup = 'config' | 'sizeCache' | 'predictions' | 'sizePredictions' | 'results';

export interface BenchCase {
  name: string;
  /** argv after `node <bin>`: the human output, as a user runs it (merge --json also prints every merged result). */
  argv: (run: CachedRun) => string[];
  /** What the command must read: check counts prediction rows; merge reads the shard results and cross-checks row
   *  counts against every model's prediction keys (docs/metrics.md §2); summarize only against those the sizes step
   *  counted (one model's, when there is no size cache). */
  reads: FileGroup[];
  /** Counts toward the check+merge+summarize target. */
  pipeline: boolean;
}

const TIME_STR = '20250101_000000';

export const BENCH_CASES: BenchCase[] = [
  { name: 'check', argv: (r) => ['check', r.runDir], reads: ['config', 'sizeCache', 'predictions'], pipeline: true },
  { name: 'merge', argv: (r) => ['merge', r.runDir], reads: ['config', 'sizeCache', 'predictions', 'results'], pipeline: true },
  {
    name: 'summarize',
    // A fixed --time-str and --out outside the run: every repetition sees the same run dir.
    argv: (r) => ['summarize', r.runDir, '--time-str', TIME_STR, '--out', join(r.dir, 'summary-out')],
    reads: ['config', 'sizeCache', 'sizePredictions', 'results'],
    pipeline: true,
  },
  { name: 'config', argv: (r) => [r.configCommand, r.configFile, '--json'], reads: ['config'], pipeline: false },
];
