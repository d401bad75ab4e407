import type { Node, Tree } from 'web-tree-sitter';
import { Tok, type TokenStream } from './python-tokens.js';
import type { SyntaxFinding } from './syntax-finding.js';

/** Expression node types: two of them side by side inside brackets is CPython's "forgot a comma". */
const EXPRESSIONS = new Set([
  'identifier',
  'integer',
  'float',
  'string',
  'concatenated_string',
  'true',
  'false',
  'none',
  'list',
  'tuple',
  'dictionary',
  'set',
  'call',
  'attribute',
  'subscript',
  'binary_operator',
  'unary_operator',
  'comparison_operator',
  'boolean_operator',
  'not_operator',
  'parenthesized_expression',
  'list_comprehension',
  'dictionary_comprehension',
  'set_comprehension',
  'generator_expression',
  'conditional_expression',
  'lambda',
  'keyword_argument',
  'pair',
]);
const BRACKETED = new Set(['argument_list', 'list', 'tuple', 'dictionary', 'set', 'parenthesized_expression', 'subscript']);

/**
 * Where CPython's parser would stop, from tree-sitter's first ERROR or MISSING node. CPython reports the
 * first token that cannot continue a valid program; tree-sitter's recovery wraps tokens around it, so the
 * token is found from the node and the token stream.
 */
export function treeSyntaxError(tree: Tree, tokens: TokenStream, text: string): SyntaxFinding {
  const node = firstError(tree.rootNode, tokens, text);
  if (!node) return { offset: 0, message: 'invalid syntax', approximate: true };
  if ('offset' in node) return node;
  const at = tokenAt(tokens, node.startIndex);
  if (node.isMissing) return { offset: tokens.starts[at] ?? node.startIndex, message: missingMessage(node), approximate: true };
  const comma = forgottenComma(node, text);
  if (comma) return comma;
  const atEnd = node.endIndex >= tokens.ends[tokens.ends.length - 2]!;
  return { offset: tokens.starts[at] ?? node.startIndex, message: 'invalid syntax', approximate: true, ...(atEnd ? { atEnd } : {}) };
}

function missingMessage(node: Node): string {
  return node.type === ':' ? "expected ':'" : 'invalid syntax';
}

/**
 * CPython's "Perhaps you forgot a comma?": two expressions side by side inside brackets, reported at the
 * first of them. tree-sitter's recovery puts either the first or the second one in the ERROR node.
 */
function forgottenComma(node: Node, text: string): SyntaxFinding | undefined {
  const first = node.namedChild(0);
  if (!first || !EXPRESSIONS.has(first.type) || node.text.startsWith(',') || !insideBrackets(node)) return undefined;
  const noComma = (from: number, to: number) => !text.slice(from, to).includes(',');
  const prev = node.previousNamedSibling;
  const next = node.nextNamedSibling;
  const expression = (n: Node) => (n.type === 'keyword_argument' ? (n.childForFieldName('value') ?? n) : n);
  if (prev && EXPRESSIONS.has(prev.type) && noComma(prev.endIndex, node.startIndex))
    return { offset: expression(prev).startIndex, message: 'invalid syntax. Perhaps you forgot a comma?' };
  if (next && EXPRESSIONS.has(next.type) && noComma(node.endIndex, next.startIndex))
    return { offset: expression(first).startIndex, message: 'invalid syntax. Perhaps you forgot a comma?' };
  return undefined;
}

/** Inside (), [] or {} somewhere up to the enclosing statement. */
function insideBrackets(node: Node): boolean {
  for (let n = node.parent; n !== null && !/_statement$|^module$|^block$/.test(n.type); n = n.parent)
    if (BRACKETED.has(n.type)) return true;
  return false;
}

/**
 * The earliest ERROR or MISSING node, skipping the complete statements an ERROR node swallowed; or, when the
 * grammar's missing token is a hidden one (a NEWLINE between two statements on one line), that position.
 */
function firstError(root: Node, tokens: TokenStream, text: string): Node | SyntaxFinding | undefined {
  let best: Node | SyntaxFinding | undefined;
  const start = (b: Node | SyntaxFinding) => ('offset' in b ? b.offset : b.startIndex);
  const visit = (n: Node) => {
    if (best && n.startIndex >= start(best)) return;
    if (n.isMissing) {
      best = n;
      return;
    }
    if (n.isError) {
      const inner = n.children.find((c) => c && !(STATEMENT.test(c.type) && !c.hasError));
      // A swallowed statement that holds the error itself: look inside it first.
      const before = best;
      if (inner && (inner.isError || inner.hasError)) visit(inner);
      if (best === before) best = inner && inner.startIndex > n.startIndex ? inner : n;
      return;
    }
    if (!n.hasError) return;
    if (n.type === 'module' || n.type === 'block') {
      const glued = gluedStatements(n, tokens, text);
      if (glued !== undefined && (!best || glued < start(best))) best = { offset: glued, message: 'invalid syntax', approximate: true };
    }
    for (const c of n.children) if (c) visit(c);
  };
  visit(root);
  return best;
}

const STATEMENT = /_statement$|^function_definition$|^class_definition$|^decorated_definition$/;

/** The start of a statement that follows another on the same logical line with no `;` between them. */
function gluedStatements(n: Node, tokens: TokenStream, text: string): number | undefined {
  let prevEnd = -1;
  for (const c of n.namedChildren) {
    if (!c || c.type === 'comment' || c.isError || c.isMissing) {
      prevEnd = -1;
      continue;
    }
    if (prevEnd >= 0) {
      const k = tokenAt(tokens, prevEnd);
      const sep =
        tokens.kinds[k] === Tok.Newline ||
        tokens.kinds[k] === Tok.Dedent ||
        tokens.kinds[k] === Tok.Indent ||
        text[tokens.starts[k]!] === ';';
      if (!sep && tokens.starts[k]! <= c.startIndex) return c.startIndex;
    }
    prevEnd = c.endIndex;
  }
  return undefined;
}

/** Index of the first real token starting at or after `offset`. */
export function tokenAt(tokens: TokenStream, offset: number): number {
  let lo = 0;
  let hi = tokens.starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tokens.starts[mid]! < offset) lo = mid + 1;
    else hi = mid;
  }
  while (lo < tokens.kinds.length - 1 && (tokens.kinds[lo] === Tok.Indent || tokens.kinds[lo] === Tok.Dedent)) lo++;
  return lo;
}
