import { createRequire } from 'node:module';
import { Language, Parser, type TreeCursor } from 'web-tree-sitter';

export type { Parser };
import { ConfigRefusal } from './config-refusal.js';
import type { SourceFile, SyntaxNode } from './syntax-node.js';

let parserPromise: Promise<Parser> | undefined;

/** One initialized parser per process: wasm initialization is asynchronous and costly. */
export function loadPythonParser(): Promise<Parser> {
  parserPromise ??= (async () => {
    await Parser.init();
    const wasm = createRequire(import.meta.url).resolve('tree-sitter-python/tree-sitter-python.wasm');
    const language = await Language.load(wasm);
    const parser = new Parser();
    parser.setLanguage(language);
    return parser;
  })();
  return parserPromise;
}

/**
 * Parses a Python source into plain syntax nodes. The grammar recovers from errors, so a tree with
 * any ERROR or MISSING node is refused with the position of the first one.
 */
export function parsePython(parser: Parser, source: SourceFile): SyntaxNode {
  const tree = parser.parse(source.text);
  if (!tree) throw new ConfigRefusal('SW_PY_SYNTAX', 'the parser produced no tree', { file: source.absolute, line: 1, col: 1 });
  try {
    const cursor = tree.walk();
    try {
      if (tree.rootNode.hasError) throw syntaxError(cursor, source);
      return copyNode(cursor, source);
    } finally {
      cursor.delete();
    }
  } finally {
    tree.delete();
  }
}

function copyNode(cursor: TreeCursor, source: SourceFile): SyntaxNode {
  const type = cursor.nodeType;
  const children: SyntaxNode[] = [];
  const node: SyntaxNode = {
    type,
    named: cursor.nodeIsNamed,
    field: cursor.currentFieldName ?? undefined,
    start: cursor.startIndex,
    end: cursor.endIndex,
    children,
    source,
    // Every node gets every cache slot up front: one object shape keeps the evaluator's property reads monomorphic.
    cachedText: undefined,
    cachedKids: undefined,
    cachedLiteral: undefined,
  };
  if (cursor.gotoFirstChild()) {
    do {
      if (cursor.nodeIsNamed ? cursor.nodeType !== 'comment' : keepToken(cursor, type)) children.push(copyNode(cursor, source));
    } while (cursor.gotoNextSibling());
    cursor.gotoParent();
  }
  return node;
}

/** Anonymous tokens matter only as operators (they carry a field) and as the colons that place slice parts. */
function keepToken(cursor: TreeCursor, parentType: string): boolean {
  return cursor.currentFieldName !== null || (parentType === 'slice' && cursor.nodeType === ':');
}

function syntaxError(cursor: TreeCursor, source: SourceFile): ConfigRefusal {
  // Depth-first to the first ERROR or MISSING node: that is where Python would complain.
  for (;;) {
    const node = cursor.currentNode;
    if (node.isError || node.isMissing) {
      const what = node.isMissing ? `missing ${node.type}` : `unexpected ${JSON.stringify(node.text.slice(0, 40))}`;
      return new ConfigRefusal('SW_PY_SYNTAX', `Python syntax error: ${what}`, {
        file: source.absolute,
        line: node.startPosition.row + 1,
        col: node.startPosition.column + 1,
      });
    }
    if (node.hasError && cursor.gotoFirstChild()) continue;
    while (!cursor.gotoNextSibling()) {
      if (!cursor.gotoParent()) {
        return new ConfigRefusal('SW_PY_SYNTAX', 'Python syntax error', { file: source.absolute, line: 1, col: 1 });
      }
    }
  }
}
