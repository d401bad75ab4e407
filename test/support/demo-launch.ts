import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

const DEMO = join(import.meta.dirname, '..', '..', 'examples', 'demo');
/** The embedded demo run, relative to its launch folder. */
export const DEMO_RUN = join('outputs', 'demo', '20250101_120000');

/** Launch folders holding a copy of the demo run and its size cache, removed after the calling test file. */
export function demoLaunches(prefix: string): () => string {
  const made: string[] = [];
  afterAll(() => made.forEach((d) => rmSync(d, { recursive: true, force: true })));
  return () => {
    const root = mkdtempSync(join(tmpdir(), prefix));
    made.push(root);
    for (const part of ['.cache', 'outputs']) cpSync(join(DEMO, part), join(root, part), { recursive: true });
    return root;
  };
}
