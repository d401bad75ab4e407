import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { Issue, RecordFileDigest, RunTree } from '@shardwise/core';
import { OUT_DIR } from '@shardwise/plan';

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

/**
 * Every file below `predictions/` and `results/` of a run dir, sorted by record path, read through the run's
 * link-safe RunTree: a link out of the run dir is not hashed but reported (SW_RUN_LINK_OUTSIDE), as every reader does.
 */
export function digestRunFiles(tree: RunTree): { files: RecordFileDigest[]; issues: Issue[] } {
  const walked = [OUT_DIR.infer, OUT_DIR.eval].map((folder) => tree.files(folder));
  const files = walked
    .flatMap((w) => w.files)
    .map(({ rel, real }) => {
      const bytes = readFileSync(real);
      return { path: rel, bytes: bytes.length, sha256: sha256Hex(bytes) };
    });
  return { files: files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)), issues: walked.flatMap((w) => w.issues) };
}
