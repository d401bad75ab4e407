import type { Node, Tree } from 'web-tree-sitter';
import { Tok, type TokenStream } from './python-tokens.js';
import type { SyntaxFinding } from './syntax-finding.js';

/** Expression node types: two of them side by side inside brackets is CPython's "forgot a comma". */
const EXPRESSIONS = new Set([
  'identifier', 'integer', 'float', 'string', 'concatenated_string', 'true', 'false', 'none', 'list', 'tuple', 'dictionary', 'set',
  'call', 'attribute', 'subscript', 'binary_operator', 'unary_operator', 'comparison_operator', 'boolean_operator', 'not_operator',
  'parenthesized_expression', 'list_comprehension', 'dictionary_comprehension', 'set_comprehension', 'generator_expression',
  'conditional_expression', 'lambda', 'keyword_argument', 'pair',
]);
const BRACKETED = new Set(['argument_list', 'list', 'tuple', 'dictionary', 'set', 'parenthesized_expression', 'subscript']);

/**
 * Where CPython's parser would stop, from tree-sitter's first ERROR or MISSING node. CPython reports the
 * first token that cannot continue a valid program; tree-sitter's recovery wraps tokens around it, so the
 * token is found from the node and the token stream.
 */
export function treeSyntaxError(tree: Tree, tokens: TokenStream): SyntaxFinding {
  const node = firstError(tree.rootNode);
  if (!node) return { offset: 0, message: 'invalid syntax', approximate: true };
  const at = tokenAt(tokens, node.startIndex);
  if (node.isMissing) return { offset: tokens.starts[at] ?? node.startIndex, message: missingMessage(node), approximate: true };
  const prev = node.previousNamedSibling;
  const first = node.namedChild(0);
  if (prev && first && EXPRESSIONS.has(prev.type) && EXPRESSIONS.has(first.type) && insideBrackets(node) && !node.text.startsWith(',')) {
    return { offset: prev.startIndex, message: 'invalid syntax. Perhaps you forgot a comma?' };
  }
  return { offset: tokens.starts[at] ?? node.startIndex, message: 'invalid syntax', approximate: true };
}

function missingMessage(node: Node): string {
  return node.type === ':' ? "expected ':'" : 'invalid syntax';
}

function insideBrackets(node: Node): boolean {
  const parent = node.parent;
  return parent !== null && BRACKETED.has(parent.type);
}

function firstError(root: Node): Node | undefined {
  let best: Node | undefined;
  const visit = (n: Node) => {
    if (best && n.startIndex >= best.startIndex) return;
    if (n.isError || n.isMissing) {
      best = n;
      return;
    }
    if (!n.hasError) return;
    for (const c of n.children) if (c) visit(c);
  };
  visit(root);
  return best;
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
