import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { issue, type Issue } from '@shardwise/core';
import type { GeneratedFile } from './summarizer-files.js';

/** `gen --check`: one issue per generated file that is absent or differs from a fresh generation. */
export function checkGeneratedFiles(outDir: string, files: readonly GeneratedFile[]): Issue[] {
  return files.flatMap((f) => {
    const path = join(outDir, f.name);
    if (!existsSync(path))
      return [
        issue('SW_GEN_MISSING', `${f.name} is not in ${outDir}`, { file: path, hint: "run 'shardwise gen' without --check to write it" }),
      ];
    const disk = readFileSync(path, 'utf8');
    if (disk === f.text) return [];
    const line = firstDifferentLine(disk, f.text);
    return [
      issue('SW_GEN_STALE', `${f.name} differs from a fresh generation from line ${line} on`, {
        file: path,
        line,
        hint: "run 'shardwise gen --force' to regenerate it (edits are lost)",
      }),
    ];
  });
}

function firstDifferentLine(a: string, b: string): number {
  const [x, y] = [a.split('\n'), b.split('\n')];
  let i = 0;
  while (i < x.length && i < y.length && x[i] === y[i]) i++;
  return i + 1;
}
