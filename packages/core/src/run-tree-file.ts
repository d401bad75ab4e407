import { lstatSync, readFileSync, realpathSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative } from 'node:path';
import { issue, type Issue } from './issue.js';

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Reads a file of a run dir once, as Python's `open(f, encoding='utf-8')` would: the text (its UTF-8 encoding is the
 * file's bytes), or a coded issue when the file (or a folder on its way) is a symlink out of the run dir, or is not UTF-8
 * (Python raises UnicodeDecodeError; a lenient decode would merge U+FFFD silently). A missing file gives `missing`.
 */
export function readRunFile(runDir: string, path: string, shown: string): { text?: string; missing?: true; issue?: Issue } {
  const located = realPathInRun(runDir, path, shown);
  if (located.real === undefined) return located;
  let text: string;
  try {
    // The native UTF-8 read is several times faster than reading a Buffer and decoding it in JS;
    // only a text holding U+FFFD (a replaced invalid byte, or a real one) is checked strictly.
    text = readFileSync(located.real, 'utf8');
    if (text.includes('\uFFFD')) UTF8.decode(readFileSync(located.real));
  } catch (e) {
    if (e instanceof TypeError) {
      return { issue: issue('SW_FILE_UNREADABLE', `${shown} is not UTF-8 text (Python's json.load raises UnicodeDecodeError)`, { file: shown, hint: 're-run the task that wrote it' }) };
    }
    return { issue: issue('SW_FILE_UNREADABLE', `cannot read ${shown}: ${(e as Error).message}`, { file: shown }) };
  }
  return { text };
}

/** The real path of a run-dir file, or why it must not be read (SW_RUN_LINK_OUTSIDE), or `missing`. */
export function realPathInRun(runDir: string, path: string, shown: string): { real?: string; missing?: true; issue?: Issue } {
  let real: string;
  try {
    // One lstat per file; the folder's real path is resolved once per folder (a realpath per file costs a syscall per component).
    real = lstatSync(path).isSymbolicLink() ? realpathSync.native(path) : join(realOf(dirname(path)), basename(path));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { missing: true };
    return { issue: issue('SW_FILE_UNREADABLE', `cannot read ${shown}: ${(e as Error).message}`, { file: shown }) };
  }
  const inside = relative(realOf(runDir), real);
  if (inside.startsWith('..') || isAbsolute(inside)) {
    return { issue: issue('SW_RUN_LINK_OUTSIDE', `${shown} is a symlink to ${real}, outside the run dir; it is not read`, { file: shown, hint: 'copy the file into the run dir, or remove the link' }) };
  }
  return { real };
}

/** Real paths of folders, resolved once per process rather than once per file. */
const realFolders = new Map<string, string>();

function realOf(folder: string): string {
  let real = realFolders.get(folder);
  if (real === undefined) realFolders.set(folder, (real = realpathSync.native(folder)));
  return real;
}
