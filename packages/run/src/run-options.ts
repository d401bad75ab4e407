import { resolve } from 'node:path';
import { issue, ShardwiseError } from '@shardwise/core';

/**
 * How to read a run or a config, shared by every operation of a Run (the CLI's --config, --oc-root, --env,
 * --size, --dataset-size, --max-num-workers, --work-dir). Paths are absolute; what is not given comes from
 * shardwise.toml, then the defaults. Records store these and `verify` reuses them.
 */
export interface RunOptions {
  /** The config to plan from (default: the newest `configs/*.py` of a run dir, or the target itself). */
  config?: string;
  /** The folder holding the opencompass/ package. */
  ocRoot?: string;
  /** The environment `os.environ.get` sees in the config (over shardwise.toml's `[env]`); the real one is never read. */
  env?: Record<string, string>;
  /** Rows of one replica of a dataset before its test_range, by abbr. */
  sizes?: Record<string, number>;
  /** OpenCompass's size cache. */
  datasetSize?: string;
  /** The --max-num-workers OpenCompass was launched with. */
  maxNumWorkers?: number;
  /** A run dir whose existing outputs the plan's skip rules apply to (`plan --work-dir`). */
  workDir?: string;
}

/** The same options as a command line gives them: strings, `KEY=VALUE` lists. */
export interface RunOptionStrings {
  config?: string;
  ocRoot?: string;
  env?: readonly string[];
  size?: readonly string[];
  datasetSize?: string;
  maxNumWorkers?: string;
  workDir?: string;
}

/** Parses and resolves (against `cwd`) command-line run options; a malformed one is a SW_USAGE error (exit 2). */
export function parseRunOptions(raw: RunOptionStrings, cwd: string): RunOptions {
  const path = (k: 'config' | 'ocRoot' | 'datasetSize' | 'workDir') => (raw[k] === undefined ? {} : { [k]: resolve(cwd, raw[k]) });
  return {
    ...path('config'),
    ...path('ocRoot'),
    ...(raw.env?.length ? { env: parseEnvOptions(raw.env) } : {}),
    ...(raw.size?.length
      ? { sizes: Object.fromEntries(parseKeyValues(raw.size, '--size', 'ABBR=N', (v, r) => positiveInt(v, `--size ${r}`, 0))) }
      : {}),
    ...path('datasetSize'),
    ...(raw.maxNumWorkers !== undefined ? { maxNumWorkers: positiveInt(raw.maxNumWorkers, '--max-num-workers') } : {}),
    ...path('workDir'),
  };
}

/** Repeatable `--flag KEY=VALUE` options as [key, value] pairs; a malformed one is a usage error (exit 2). */
export function parseKeyValues<T>(
  raw: readonly string[],
  flag: string,
  shape: string,
  value: (v: string, raw: string) => T,
): [string, T][] {
  return raw.map((r) => {
    const eq = r.indexOf('=');
    if (eq <= 0) throw new ShardwiseError(issue('SW_USAGE', `${flag} ${r}: expected ${shape}`, { hint: `write ${flag} ${shape}` }));
    return [r.slice(0, eq), value(r.slice(eq + 1), r)];
  });
}

/** `--env KEY=VALUE …` as the environment map configs see. */
export function parseEnvOptions(raw: readonly string[]): Record<string, string> {
  return Object.fromEntries(parseKeyValues(raw, '--env', 'KEY=VALUE', (v) => v));
}

function positiveInt(text: string, what: string, min = 1): number {
  if (!/^\d+$/.test(text.trim()) || Number(text) < min) {
    throw new ShardwiseError(
      issue('SW_USAGE', `${what}: '${text}' is not an integer ≥ ${min}`, { hint: `give ${what.split(' ')[0]} a whole number` }),
    );
  }
  return Number(text);
}
