import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from './temp-dir.js';

const DEMO = join(import.meta.dirname, '..', '..', 'examples', 'demo');
/** The embedded demo run, relative to its launch folder. */
export const DEMO_RUN = join('outputs', 'demo', '20250101_120000');

/** Launch folders holding a copy of the demo run and its size cache, each removed when its test ends. */
export function demoLaunches(prefix: string): () => string {
  return () => {
    const root = tempDir(prefix);
    for (const part of ['.cache', 'outputs']) cpSync(join(DEMO, part), join(root, part), { recursive: true });
    return root;
  };
}
