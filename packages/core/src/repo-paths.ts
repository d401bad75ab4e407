import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let root: string | undefined;

/** The shardwise checkout this code runs from (the folder holding `schemas/` and `templates/`). */
export function repoRoot(): string {
  if (root) return root;
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'schemas', 'issue.schema.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('shardwise: cannot find its schemas/ folder above ' + fileURLToPath(import.meta.url));
    dir = up;
  }
  return (root = dir);
}

export const schemasDir = (): string => join(repoRoot(), 'schemas');
export const templatesDir = (): string => join(repoRoot(), 'templates');
