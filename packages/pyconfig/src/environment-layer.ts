import { readFileSync, realpathSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import { ConfigRefusal, positionOf } from './config-refusal.js';
import { universalNewlines } from './lexical/string-literal.js';
import type { Limits } from './limits.js';
import { configSourceText } from './syntax-check/source-decoding.js';
import type { SyntaxFinding } from './syntax-check/syntax-finding.js';
import type { SyntaxNode } from './syntax-node.js';

/**
 * The only contact the evaluation has with the outside world: an injected environment map (never the
 * real one), the launch CWD, and text reads confined to the allowed trees. Everything read is recorded.
 */
export class EnvironmentLayer {
  readonly files: string[] = [];
  readonly envRead: string[] = [];
  private readonly roots: string[];

  constructor(
    private readonly env: Readonly<Record<string, string>>,
    readonly cwd: string,
    allowedRoots: string[],
    private readonly limits: Limits,
  ) {
    this.roots = allowedRoots.map((r) => realOrResolved(r));
  }

  getEnv(name: string): string | undefined {
    if (!this.envRead.includes(name)) this.envRead.push(name);
    return Object.hasOwn(this.env, name) ? this.env[name] : undefined;
  }

  /** Absolute path as Python's os.path.abspath would give it (relative to the launch CWD). */
  absolute(path: string): string {
    return resolve(this.cwd, path);
  }

  /** Reads a text file inside the allowed trees (config, read_base file or open()). */
  readText(path: string, node: SyntaxNode | undefined, what: string): string {
    return this.limits.checkString(universalNewlines(this.readBytes(path, node, what).toString('utf8')));
  }

  /** Reads a config or read_base file as mmengine does (strict UTF-8); `undecodable` says where it is not UTF-8. */
  readSource(path: string, node: SyntaxNode | undefined, what: string): { text: string; undecodable?: SyntaxFinding } {
    const source = configSourceText(this.readBytes(path, node, what));
    this.limits.checkString(source.text);
    return source;
  }

  private readBytes(path: string, node: SyntaxNode | undefined, what: string): Buffer {
    const abs = this.absolute(path);
    const real = realOrResolved(abs);
    const where = () => (node ? positionOf(node) : undefined);
    if (!this.roots.some((root) => isInside(real, root))) {
      throw new ConfigRefusal(
        'SW_PY_OPEN_REFUSED',
        `${what} ${abs} is outside the allowed trees (${this.roots.join(', ')})`,
        where(),
        'pass --oc-root, or move the file next to the config',
      );
    }
    this.limits.countFile(node);
    let bytes: Buffer;
    try {
      bytes = readFileSync(real);
    } catch (e) {
      throw new ConfigRefusal(
        'SW_PY_OPEN_REFUSED',
        `${what} ${abs} cannot be read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
        where(),
      );
    }
    if (!this.files.includes(abs)) this.files.push(abs);
    return bytes;
  }
}

function realOrResolved(p: string): string {
  try {
    // One realpath(3) call instead of an lstat per path component (every base import resolves its file).
    return realpathSync.native(p);
  } catch {
    return resolve(p);
  }
}

function isInside(path: string, root: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}
