import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** The newest dumped config of a run dir: `configs/*.py`, the last by file name (docs/opencompass.md §1.2, §5.1). */
export function findRunConfig(runDir: string): string | undefined {
  const dir = join(runDir, 'configs');
  if (!existsSync(dir)) return undefined;
  const names = readdirSync(dir)
    .filter((f) => f.endsWith('.py'))
    .sort();
  const newest = names[names.length - 1];
  return newest === undefined ? undefined : join(dir, newest);
}
