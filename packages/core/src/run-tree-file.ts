import { readFileSync, realpathSync } from 'node:fs';
import { relative, isAbsolute } from 'node:path';
import { issue, type Issue } from './issue.js';

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Reads a file of a run dir once, as Python's `open(f, encoding='utf-8')` would: the text, its bytes' sha256 source
 * and length, or a coded issue when the file (or a folder on its way) is a symlink out of the run dir, or is not UTF-8
 * (Python raises UnicodeDecodeError; a lenient decode would merge U+FFFD silently). A missing file gives `missing`.
 */
export function readRunFile(runDir: string, path: string, shown: string): { text?: string; bytes?: Buffer; missing?: true; issue?: Issue } {
  const located = realPathInRun(runDir, path, shown);
  if (located.real === undefined) return located;
  let bytes: Buffer;
  try {
    bytes = readFileSync(located.real);
  } catch (e) {
    return { issue: issue('SW_FILE_UNREADABLE', `cannot read ${shown}: ${(e as Error).message}`, { file: shown }) };
  }
  try {
    return { text: UTF8.decode(bytes), bytes };
  } catch {
    return { issue: issue('SW_FILE_UNREADABLE', `${shown} is not UTF-8 text (Python's json.load raises UnicodeDecodeError)`, { file: shown, hint: 're-run the task that wrote it' }) };
  }
}

/** The real path of a run-dir file, or why it must not be read (SW_RUN_LINK_OUTSIDE), or `missing`. */
export function realPathInRun(runDir: string, path: string, shown: string): { real?: string; missing?: true; issue?: Issue } {
  let real: string;
  try {
    real = realpathSync.native(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { missing: true };
    return { issue: issue('SW_FILE_UNREADABLE', `cannot read ${shown}: ${(e as Error).message}`, { file: shown }) };
  }
  const inside = relative(realpathSync.native(runDir), real);
  if (inside.startsWith('..') || isAbsolute(inside)) {
    return { issue: issue('SW_RUN_LINK_OUTSIDE', `${shown} is a symlink to ${real}, outside the run dir; it is not read`, { file: shown, hint: 'copy the file into the run dir, or remove the link' }) };
  }
  return { real };
}
