import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync, existsSync, mkdirSync } from 'node:fs';
import { dirname, basename, join } from 'node:path';
import { issue, ShardwiseError } from './issue.js';

export interface WriteOptions {
  /** Replace an existing file. Without it an existing file is an SW_WRITE_REFUSED error. */
  force?: boolean;
}

/**
 * Writes `text` so that readers see either the old file or the whole new one: a temp file in the
 * same folder, fsync, then rename. Refuses to replace an existing file unless `force`.
 */
export function writeFileAtomic(path: string, text: string | Uint8Array, options: WriteOptions = {}): void {
  if (!options.force && existsSync(path)) {
    throw new ShardwiseError(issue('SW_WRITE_REFUSED', `${path} already exists`, { file: path, hint: 'pass --force to replace it' }));
  }
  const dir = dirname(path);
  const tmp = join(dir, `.${basename(path)}.${process.pid}.${Date.now()}.tmp`);
  try {
    mkdirSync(dir, { recursive: true });
    const fd = openSync(tmp, 'wx');
    try {
      writeSync(fd, typeof text === 'string' ? Buffer.from(text, 'utf8') : text);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    if (e instanceof ShardwiseError) throw e;
    throw new ShardwiseError(issue('SW_WRITE_FAILED', `cannot write ${path}: ${(e as Error).message}`, { file: path }));
  }
}
