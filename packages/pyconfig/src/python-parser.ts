import { setFlagsFromString } from 'node:v8';
import { Language, Parser, type TreeCursor } from 'web-tree-sitter';
import { assetPath } from '@shardwise/core';

export type { Parser };
import { ConfigRefusal } from './config-refusal.js';
import { grammarError } from './syntax-check/grammar-rules.js';
import { pythonVerdict } from './syntax-check/python-verdict.js';
import type { SyntaxFinding } from './syntax-check/syntax-finding.js';
import { syntaxRefusal } from './syntax-check/syntax-refusal.js';
import type { SourceFile, SyntaxNode } from './syntax-node.js';

let parserPromise: Promise<Parser> | undefined;

/** One initialized parser per process: wasm initialization is asynchronous and costly. */
export function loadPythonParser(): Promise<Parser> {
  parserPromise ??= (async () => {
    // Run the grammar on V8's baseline wasm compiler only (set before the wasm is compiled, which is lazy
    // and per function). Tiering its big lexer and parse loop up to TurboFan costs more CPU than a whole
    // config's parsing gains back: the first parse of a 57-file read_base closure took half the CPU.
    setFlagsFromString('--liftoff-only');
    // Both wasm files come from the asset locator: in the bundle, web-tree-sitter's own lookup (next to
    // its module) would point at the bundle's folder.
    await Parser.init({ locateFile: () => assetPath('web-tree-sitter.wasm') });
    const language = await Language.load(assetPath('tree-sitter-python.wasm'));
    const parser = new Parser();
    parser.setLanguage(language);
    return parser;
  })();
  return parserPromise;
}

/**
 * Parses a Python source into plain syntax nodes, or refuses it with CPython's verdict: tree-sitter
 * recovers from errors CPython stops at and accepts some sources CPython rejects (syntax-check/).
 */
export function parsePython(parser: Parser, source: SourceFile, undecodable?: SyntaxFinding): SyntaxNode {
  if (undecodable) throw syntaxRefusal(source, undecodable);
  const tree = parser.parse(source.text);
  if (!tree) throw new ConfigRefusal('SW_PY_SYNTAX', 'the parser produced no tree', { file: source.absolute, line: 1, col: 1 });
  try {
    let module: SyntaxNode | undefined;
    const finding = pythonVerdict(source.text, tree, (tokens) => {
      const cursor = tree.walk();
      try {
        module = copyNode(cursor, cursor.nodeTypeId, cursor.currentFieldId, source, symbolsOf(parser));
      } finally {
        cursor.delete();
      }
      return grammarError(module, tokens);
    });
    if (finding) throw syntaxRefusal(source, finding);
    return module!;
  } finally {
    tree.delete();
  }
}

/**
 * Node type names, namedness and field names by numeric id, read from the grammar once: every cursor
 * getter is a call into wasm, so the copy asks each node only for its type id, field id and offsets.
 */
interface GrammarSymbols {
  readonly types: readonly string[];
  readonly named: readonly boolean[];
  readonly fields: readonly (string | null)[];
}

const symbolsByLanguage = new WeakMap<object, GrammarSymbols>();

/**
 * The same text as a V8 internalized string (property keys are): the evaluator compares node types and
 * field names with literals on every step, and an internalized string compares by pointer where one
 * decoded from wasm memory compares by content (a plain loop evaluates ~25% faster).
 */
const internalized = (s: string): string => Object.keys({ [s]: 0 })[0]!;

function symbolsOf(parser: Parser): GrammarSymbols {
  const language = parser.language!;
  let symbols = symbolsByLanguage.get(language);
  if (!symbols) {
    const types = language.types.map((t) => internalized(t || 'ERROR'));
    const fields = language.fields.map((f) => (f === null ? null : internalized(f)));
    symbols = { types, named: types.map((_t, id) => language.nodeTypeIsNamed(id)), fields };
    symbolsByLanguage.set(language, symbols);
  }
  return symbols;
}

function copyNode(cursor: TreeCursor, typeId: number, fieldId: number, source: SourceFile, symbols: GrammarSymbols): SyntaxNode {
  const type = symbols.types[typeId] ?? 'ERROR';
  const children: SyntaxNode[] = [];
  const node: SyntaxNode = {
    type,
    named: symbols.named[typeId] ?? false,
    field: symbols.fields[fieldId] ?? undefined,
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
      const childType = cursor.nodeTypeId;
      const childField = cursor.currentFieldId;
      if (keep(symbols, type, childType, childField)) children.push(copyNode(cursor, childType, childField, source, symbols));
    } while (cursor.gotoNextSibling());
    cursor.gotoParent();
  }
  return node;
}

/**
 * Named nodes except the grammar's extras (comments and `\` line continuations, which may sit between any two
 * tokens, e.g. among call arguments); anonymous tokens only as operators (they carry a field) and as the colons
 * that place slice parts.
 */
function keep(symbols: GrammarSymbols, parentType: string, typeId: number, fieldId: number): boolean {
  const type = symbols.types[typeId] ?? 'ERROR';
  if (symbols.named[typeId]) return type !== 'comment' && type !== 'line_continuation';
  return (symbols.fields[fieldId] ?? null) !== null || (parentType === 'slice' && type === ':');
}
