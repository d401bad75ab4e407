import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FileGroup } from './bench-cases.js';
import { abbrsOf, makeSyntheticRun, type SyntheticRun, type SyntheticRunShape } from './synthetic-run.js';

export interface CachedRun extends SyntheticRun {
  shape: SyntheticRunShape;
  /** The cache folder of this shape (holds the launch dir and the floor file lists). */
  dir: string;
  configFile: string;
  /** Absolute paths per group, sorted. */
  groups: Record<FileGroup, string[]>;
  /** `config` when the CLI has it, else `plan` (which evaluates the same config). */
  configCommand: string;
}

const MARKER = 'synthetic-run.json';

/**
 * The synthetic run of `shape` under `workDir`, generated once and reused while the generator is
 * unchanged: the folder name carries the shape and a hash of synthetic-run.ts, and the marker file
 * is written last, so an interrupted generation is redone rather than measured.
 */
export function cachedRun(workDir: string, shape: SyntheticRunShape, configCommand: string): CachedRun {
  const generator = readFileSync(new URL('./synthetic-run.ts', import.meta.url));
  const version = createHash('sha256').update(generator).digest('hex').slice(0, 8);
  const dir = join(
    workDir,
    `${shape.models}x${shape.datasets}x${shape.shards}x${shape.rowsPerShard}${shape.sizeCache === false ? '-nocache' : ''}-${version}`,
  );
  const marker = join(dir, MARKER);
  let run: SyntheticRun;
  if (existsSync(marker)) {
    run = JSON.parse(readFileSync(marker, 'utf8')) as SyntheticRun;
  } else {
    rmSync(dir, { recursive: true, force: true });
    run = makeSyntheticRun(join(dir, 'launch'), shape);
    writeFileSync(marker, JSON.stringify(run));
  }
  const configs = join(run.runDir, 'configs');
  const configFile = join(
    configs,
    readdirSync(configs)
      .filter((f) => f.endsWith('.py'))
      .sort()
      .pop()!,
  );
  const jsonUnder = (sub: string) => walk(join(run.runDir, sub)).filter((f) => f.endsWith('.json') && !f.endsWith('.shardwise.json'));
  const groups: Record<FileGroup, string[]> = {
    config: [configFile],
    sizeCache: shape.sizeCache === false ? [] : [join(run.launchDir, '.cache', 'dataset_size.json')],
    predictions: jsonUnder('predictions'),
    // Without a size cache the sizes come from the first model's predictions (a dataset's sizes are every model's).
    sizePredictions: shape.sizeCache === false ? jsonUnder(join('predictions', abbrsOf(shape).models[0]!)) : [],
    results: jsonUnder('results'),
  };
  return { ...run, shape, dir, configFile, groups, configCommand };
}

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]))
    .sort();
}
