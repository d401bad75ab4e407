import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { RecordFileDigest } from '@shardwise/core';

export const sha256Hex = (data: string | Uint8Array): string => createHash('sha256').update(data).digest('hex');

/** A path as records store it: relative (with `/`) when inside the run dir, so copies verify; else absolute. */
export function recordPath(runDir: string, path: string): string {
  const rel = relative(resolve(runDir), resolve(path));
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel.split(sep).join('/') : resolve(path);
}

/** The inverse of `recordPath` against a (possibly other) run dir. */
export function resolveRecordPath(runDir: string, path: string): string {
  return isAbsolute(path) ? path : join(runDir, ...path.split('/'));
}

export function digestFile(runDir: string, path: string): RecordFileDigest {
  const bytes = readFileSync(path);
  return { path: recordPath(runDir, path), bytes: bytes.length, sha256: sha256Hex(bytes) };
}

/** Every file below `predictions/` and `results/` of a run dir, sorted by record path. */
export function digestRunFiles(runDir: string): RecordFileDigest[] {
  const out: RecordFileDigest[] = [];
  const walk = (dir: string): void => {
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      return; // a run dir without results/ (infer only) simply has none
    }
    for (const name of names) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else out.push(digestFile(runDir, path));
    }
  };
  walk(join(runDir, 'predictions'));
  walk(join(runDir, 'results'));
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
