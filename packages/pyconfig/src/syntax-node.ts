/**
 * A plain-object copy of the tree-sitter tree: the evaluator walks it many times (loops, functions,
 * every re-import of a base), and plain properties are far cheaper than calls into wasm memory.
 * Kept: named nodes, anonymous tokens that carry a field name (operators), and the ':' of slices.
 */
export interface SyntaxNode {
  readonly type: string;
  /** False for anonymous tokens (operators such as '+', 'not in', ':'). */
  readonly named: boolean;
  readonly field: string | undefined;
  /** UTF-16 offsets into the source (they index the JavaScript string directly). */
  readonly start: number;
  readonly end: number;
  readonly children: SyntaxNode[];
  readonly source: SourceFile;
  /** Caches filled on first use (the evaluator revisits nodes in every loop iteration). */
  cachedText?: string;
  cachedKids?: SyntaxNode[];
  /** The value of a literal (number, string without fields, decoded string part): immutable, so computed once. */
  cachedLiteral?: string | bigint | number;
}

/** 1-based line and column of a node, for messages (computed on demand: most nodes never need one). */
export function lineCol(n: SyntaxNode): { line: number; col: number } {
  return positionAt(n.source, n.start);
}

/** 1-based line and column of a UTF-16 offset into the source. */
export function positionAt(source: SourceFile, offset: number): { line: number; col: number } {
  const starts = (source.lineStarts ??= lineStartsOf(source.text));
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, col: offset - starts[lo]! + 1 };
}

function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

export interface SourceFile {
  /** The path as mmengine sees it (`__file__`), possibly relative or with `..` segments. */
  readonly path: string;
  /** The absolute, normalized path (for messages and the list of files read). */
  readonly absolute: string;
  readonly text: string;
  lineStarts?: number[];
}

export function nodeText(n: SyntaxNode): string {
  return (n.cachedText ??= n.source.text.slice(n.start, n.end));
}

/** The first child carrying `name` as its field name. */
export function field(n: SyntaxNode, name: string): SyntaxNode | undefined {
  for (const c of n.children) if (c.field === name) return c;
  return undefined;
}

export function fieldAll(n: SyntaxNode, name: string): SyntaxNode[] {
  return n.children.filter((c) => c.field === name);
}

/** Named children that are not comments. */
export function namedKids(n: SyntaxNode): SyntaxNode[] {
  return (n.cachedKids ??= n.children.filter((c) => c.named && c.type !== 'comment'));
}
