import { isUtf8 } from 'node:buffer';
import { closeSync, fstatSync, lstatSync, openSync, readdirSync, readFileSync, readSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative } from 'node:path';
import { issue, ShardwiseError, type Issue } from './issue.js';
import { ReadAhead } from './read-ahead.js';

const UTF8 = new TextDecoder('utf-8', { fatal: true });

export type RunFileRead = { text?: string; missing?: true; issue?: Issue };
/** A run file's bytes as `RunTree.readBytes` gives them: a view valid until the tree's next read. */
export type RunFileBytes = { bytes?: Buffer; missing?: true; issue?: Issue };

/**
 * Reads a file of a run dir once, as Python's `open(f, encoding='utf-8')` would: the text (its UTF-8 encoding is the
 * file's bytes), or a coded issue when the file (or a folder on its way) is a symlink out of the run dir, or is not UTF-8
 * (Python raises UnicodeDecodeError; a lenient decode would merge U+FFFD silently). A missing file gives `missing`.
 */
export function readRunFile(runDir: string, path: string, shown: string): RunFileRead {
  const located = realPathInRun(runDir, path, shown);
  return located.real === undefined ? located : readText(located.real, shown);
}

const notUtf8 = (shown: string): Issue =>
  issue('SW_FILE_UNREADABLE', `${shown} is not UTF-8 text (Python's json.load raises UnicodeDecodeError)`, {
    file: shown,
    hint: 're-run the task that wrote it',
  });

const unreadable = (e: unknown, shown: string): RunFileRead =>
  (e as NodeJS.ErrnoException).code === 'ENOENT'
    ? { missing: true }
    : { issue: issue('SW_FILE_UNREADABLE', `cannot read ${shown}: ${(e as Error).message}`, { file: shown }) };

/** One buffer for every main-thread byte read: a Buffer per file is an allocation the next GC must sweep. */
let scratch = Buffer.allocUnsafe(1 << 16);

/** The bytes of `path` in the shared scratch buffer (valid until the next call), checked as UTF-8 as readText does. */
function readBytes(path: string, shown: string): RunFileBytes {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const size = fstatSync(fd).size;
    if (size + 1 > scratch.length) scratch = Buffer.allocUnsafe(Math.max(size + 1, scratch.length * 2));
    let n = 0;
    // Read to the end, not to `size`: a file that grows while read is read as it is now, like readFileSync does.
    for (let got = 1; got > 0; n += got) {
      if (n === scratch.length) scratch = Buffer.concat([scratch, Buffer.allocUnsafe(scratch.length)]);
      got = readSync(fd, scratch, n, scratch.length - n, null);
    }
    const bytes = scratch.subarray(0, n);
    return isUtf8(bytes) ? { bytes } : { issue: notUtf8(shown) };
  } catch (e) {
    return unreadable(e, shown);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function readText(path: string, shown: string): RunFileRead {
  let text: string;
  try {
    // The native UTF-8 read is several times faster than reading a Buffer and decoding it in JS;
    // only a text holding U+FFFD (a replaced invalid byte, or a real one) is checked strictly.
    text = readFileSync(path, 'utf8');
    if (text.includes('\uFFFD')) UTF8.decode(readFileSync(path));
  } catch (e) {
    return e instanceof TypeError ? { issue: notUtf8(shown) } : unreadable(e, shown);
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
    return {
      issue: issue('SW_RUN_LINK_OUTSIDE', `${shown} is a symlink to ${real}, outside the run dir; it is not read`, {
        file: shown,
        hint: 'copy the file into the run dir, or remove the link',
      }),
    };
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

/** Fewer announced files than this are read on the main thread (a worker's start-up is ~30 ms). */
const READ_AHEAD_MIN_FILES = 1000;

/** A folder's names; a plain file (not a link) of a folder whose real path is inside the run dir needs no link check. */
class Listing {
  constructor(
    readonly names: Set<string>,
    /** The folder's real path is inside the run dir. */
    private readonly inside: boolean,
    /** Names that are not plain files (links, folders): usually none, so plain files cost no second set. */
    private readonly other: Set<string>,
  ) {}

  isPlainFile(name: string): boolean {
    return this.inside && this.names.has(name) && !this.other.has(name);
  }
}

/**
 * A run dir as one command reads it: each folder listed once, and its files read through the listing. A name
 * the listing lacks is missing without a syscall, and a plain file of a folder inside the run dir is read
 * without the per-file lstat of `realPathInRun` (a path walk per file is what a large run's reads cost most);
 * links, and files of folders linked elsewhere, are still checked one by one.
 */
export class RunTree {
  private readonly listings = new Map<string, Listing>();
  private ahead: ReadAhead | undefined;
  constructor(readonly runDir: string) {}

  /**
   * Announces the run-relative files `read` will be asked for, in that order: listed plain files among them
   * are read on a worker thread ahead of the asking (ReadAhead). Below a few thousand files a worker costs
   * more than it hides.
   */
  readAhead(rels: readonly string[]): void {
    this.closeReadAhead();
    const plain = rels.filter((rel) => {
      const cut = rel.lastIndexOf('/');
      return this.listing(rel.slice(0, cut)).isPlainFile(rel.slice(cut + 1));
    });
    if (plain.length < READ_AHEAD_MIN_FILES) return;
    try {
      this.ahead = new ReadAhead(this.runDir, plain);
    } catch {
      this.ahead = undefined; // no worker threads here: every file is read on the main thread, as without it
    }
  }

  /** Stops the read-ahead worker (a long-lived process should not keep one parked). */
  closeReadAhead(): void {
    this.ahead?.close();
    this.ahead = undefined;
  }

  /** Names in a run-relative folder (`results/m1`); empty when it does not exist. */
  names(folder: string): Set<string> {
    return this.listing(folder).names;
  }

  /** Reads a run-relative file (`results/m1/x_0.json`) as `readRunFile` does. */
  read(rel: string): RunFileRead {
    const { path, plain } = this.locate(rel);
    if (path === undefined) return { missing: true };
    if (!plain) return readRunFile(this.runDir, path, rel);
    // A text holding U+FFFD is read again here for the strict UTF-8 check.
    const text = this.ahead?.take(rel);
    return text !== undefined && !text.includes('\uFFFD') ? { text } : readText(path, rel);
  }

  /**
   * The bytes of a run-relative file, checked as `read` checks its text (links, UTF-8), without decoding them: for
   * readers that look at a few places of a large file. The view is valid until this tree's next read.
   */
  readBytes(rel: string): RunFileBytes {
    const { path, plain } = this.locate(rel);
    if (path === undefined) return { missing: true };
    if (!plain) {
      const located = realPathInRun(this.runDir, path, rel);
      return located.real === undefined ? located : readBytes(located.real, rel);
    }
    const bytes = this.ahead?.takeBytes(rel);
    if (bytes === undefined) return readBytes(path, rel);
    return isUtf8(bytes) ? { bytes } : { issue: notUtf8(rel) };
  }

  /**
   * Every file below a run-relative folder (`results`), run-relative and sorted by code point, with its real path:
   * walked link-safely, so a file or folder linked out of the run dir is not listed but reported (SW_RUN_LINK_OUTSIDE),
   * and a folder linked back into the walk is walked once.
   */
  files(folder: string): { files: { rel: string; real: string }[]; issues: Issue[] } {
    const files: { rel: string; real: string }[] = [];
    const issues: Issue[] = [];
    const seen = new Set<string>();
    const walk = (rel: string): void => {
      const located = realPathInRun(this.runDir, join(this.runDir, rel), rel);
      if (located.issue) issues.push(located.issue);
      if (located.real === undefined) return;
      if (!statSync(located.real).isDirectory()) {
        files.push({ rel, real: located.real });
        return;
      }
      if (seen.has(located.real)) return;
      seen.add(located.real);
      for (const name of readdirSync(located.real)) walk(`${rel}/${name}`);
    };
    walk(folder);
    return { files: files.sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0)), issues };
  }

  /** A listed file's path, and whether it is a plain file the listing vouches for (no per-file link check); no path when not listed. */
  private locate(rel: string): { path?: string; plain?: boolean } {
    const cut = rel.lastIndexOf('/');
    const listing = this.listing(rel.slice(0, cut));
    const name = rel.slice(cut + 1);
    if (!listing.names.has(name)) return {};
    return { path: join(this.runDir, rel), plain: listing.isPlainFile(name) };
  }

  private listing(folder: string): Listing {
    let found = this.listings.get(folder);
    if (found) return found;
    const dir = join(this.runDir, folder);
    let entries: import('node:fs').Dirent[] = [];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'ENOTDIR') {
        throw new ShardwiseError(
          issue('SW_FILE_UNREADABLE', `cannot list ${folder}: ${(e as Error).message}`, { file: folder, hint: 'make the folder readable' }),
        );
      }
    }
    const names = new Set<string>();
    const other = new Set<string>();
    for (const e of entries) {
      names.add(e.name);
      if (!e.isFile()) other.add(e.name);
    }
    found = new Listing(names, entries.length > 0 && this.folderInside(dir), other);
    this.listings.set(folder, found);
    return found;
  }

  /** A folder strictly below the run dir's real path, so every plain file in it is too (realPathInRun's test). */
  private folderInside(dir: string): boolean {
    const located = realPathInRun(this.runDir, dir, dir);
    if (located.real === undefined) return false;
    const inside = relative(realOf(this.runDir), located.real);
    return inside !== '' && !inside.startsWith('..') && !isAbsolute(inside);
  }
}
