import { field, fieldAll, namedKids, nodeText, type SyntaxNode } from '../syntax-node.js';
import { Tok, type TokenStream } from './python-tokens.js';
import type { SyntaxFinding } from './syntax-finding.js';
import { tokenAt } from './tree-errors.js';

type Rule = (node: SyntaxNode, parent: SyntaxNode | undefined, tokens: TokenStream) => SyntaxFinding | undefined;

/** Statements that end at the end of their logical line: tree-sitter lets some of them run over a NEWLINE. */
const SIMPLE_STATEMENTS = [
  'expression_statement', 'return_statement', 'delete_statement', 'pass_statement', 'import_statement', 'import_from_statement',
  'future_import_statement', 'assert_statement', 'raise_statement', 'global_statement', 'nonlocal_statement', 'break_statement',
  'continue_statement', 'type_alias_statement',
];
/** Where CPython's grammar takes an unparenthesized `name := value` (named_expression). */
const WALRUS_PARENTS = new Set([
  'parenthesized_expression', 'argument_list', 'list', 'set', 'tuple', 'subscript', 'if_statement', 'elif_clause', 'while_statement',
  'if_clause', 'list_comprehension', 'set_comprehension', 'generator_expression',
]);
const LITERALS = new Set(['integer', 'float', 'string', 'concatenated_string', 'true', 'false', 'none', 'ellipsis']);
const SINGLE_TARGETS = new Set(['identifier', 'attribute', 'subscript']);
const SEQUENCE_TARGETS = new Set(['tuple', 'list', 'tuple_pattern', 'list_pattern', 'pattern_list', 'expression_list', 'parenthesized_expression']);

/** How CPython names an expression that cannot be assigned to or deleted. */
function kindOf(n: SyntaxNode): string {
  if (LITERALS.has(n.type)) return 'literal';
  if (n.type === 'call') return 'function call';
  if (n.type === 'dictionary') return 'dict literal';
  if (n.type === 'set') return 'set display';
  if (n.type === 'lambda') return 'lambda';
  if (n.type === 'conditional_expression') return 'conditional expression';
  if (n.type === 'comparison_operator') return 'comparison';
  return 'expression';
}

/** The first target inside `n` that cannot be assigned to (or deleted), or undefined. */
function badTarget(n: SyntaxNode): SyntaxNode | undefined {
  if (SINGLE_TARGETS.has(n.type)) return undefined;
  if (SEQUENCE_TARGETS.has(n.type)) {
    for (const k of namedKids(n)) {
      const bad = badTarget(k.type === 'list_splat' || k.type === 'list_splat_pattern' ? (namedKids(k)[0] ?? k) : k);
      if (bad) return bad;
    }
    return undefined;
  }
  return n;
}

const at = (n: SyntaxNode, message: string): SyntaxFinding => ({ offset: n.start, message });

/** Offset of `op` after `from` in the node's source (operators the plain tree does not keep). */
function textOffset(n: SyntaxNode, op: string, from: number): number {
  const i = n.source.text.indexOf(op, from);
  return i < 0 ? from : i;
}

const RULES: Record<string, Rule> = {
  print_statement: (n) => at(n, "Missing parentheses in call to 'print'. Did you mean print(...)?"),
  exec_statement: (n) => at(n, "Missing parentheses in call to 'exec'. Did you mean exec(...)?"),
  named_expression: (n, parent) => {
    if (parent && WALRUS_PARENTS.has(parent.type) && !(parent.type === 'argument_list' && n.field !== undefined)) return undefined;
    return { offset: textOffset(n, ':=', field(n, 'name')!.end), message: 'invalid syntax' };
  },
  argument_list: (n) => {
    let keyword = false;
    let unpacking = false;
    const args = namedKids(n);
    for (const a of args) {
      if (a.type === 'keyword_argument') keyword = true;
      else if (a.type === 'dictionary_splat') unpacking = true;
      else if (a.type === 'list_splat') {
        if (unpacking) return at(a, 'iterable argument unpacking follows keyword argument unpacking');
      } else if (unpacking) return at(a, 'positional argument follows keyword argument unpacking');
      else if (keyword) return at(a, 'positional argument follows keyword argument');
      if (a.type === 'generator_expression' && args.length > 1 && !nodeText(a).startsWith('(')) return at(a, 'Generator expression must be parenthesized');
    }
    return undefined;
  },
  for_in_clause: (n, parent) => {
    const rights = fieldAll(n, 'right');
    if (rights.length < 2) return undefined;
    if (parent?.type === 'generator_expression' && parent.field === 'arguments') return at(field(parent, 'body')!, 'Generator expression must be parenthesized');
    return { offset: textOffset(n, ',', rights[0]!.end), message: 'invalid syntax' };
  },
  delete_statement: (n) => {
    const targets = namedKids(n).flatMap((t) => (t.type === 'expression_list' ? namedKids(t) : [t]));
    for (const t of targets) {
      const bad = badTarget(t);
      if (bad) return at(bad, `cannot delete ${kindOf(bad)}`);
    }
    return undefined;
  },
  assignment: (n) => {
    const left = field(n, 'left')!;
    if (!field(n, 'type')) return undefined;
    if (left.type === 'tuple_pattern' || left.type === 'tuple' || left.type === 'pattern_list' || left.type === 'expression_list') return at(left, 'only single target (not tuple) can be annotated');
    if (left.type === 'list_pattern' || left.type === 'list') return at(left, 'only single target (not list) can be annotated');
    return undefined;
  },
  augmented_assignment: (n, parent) => {
    // `y = x += 1`: an augmented assignment is a statement, never a value.
    if (parent?.type !== 'expression_statement') return at(field(n, 'operator') ?? n, 'invalid syntax');
    const right = field(n, 'right')!;
    if (right.type === 'assignment') return { offset: textOffset(right, '=', field(right, 'left')!.end), message: 'invalid syntax' };
    const left = field(n, 'left')!;
    const inner = left.type === 'parenthesized_expression' ? (namedKids(left)[0] ?? left) : left;
    if (SINGLE_TARGETS.has(inner.type)) return undefined;
    const what = ['tuple', 'tuple_pattern', 'pattern_list', 'expression_list'].includes(inner.type) ? 'tuple' : inner.type === 'list' || inner.type === 'list_pattern' ? 'list' : kindOf(inner);
    return at(left, `'${what}' is an illegal expression for augmented assignment`);
  },
  as_pattern_target: (n) => {
    const bad = badTarget(namedKids(n)[0] ?? n);
    return bad ? at(bad, `cannot assign to ${kindOf(bad)}`) : undefined;
  },
  concatenated_string: (n) => {
    const bytes = namedKids(n).map((s) => /^[rRuUfF]*[bB]/.test(nodeText(s)));
    return bytes.some(Boolean) && !bytes.every(Boolean) ? { offset: n.end, message: 'cannot mix bytes and nonbytes literals' } : undefined;
  },
  string: (n) => {
    for (const part of n.children) {
      const conversion = part.type === 'interpolation' ? field(part, 'type_conversion') : undefined;
      if (conversion && !/^![sra]$/.test(nodeText(conversion))) return { offset: n.end, message: "f-string: invalid conversion character: expected 's', 'r', or 'a'" };
    }
    return undefined;
  },
  try_statement: (n) => {
    const handlers = n.children.some((c) => c.type === 'except_clause' || c.type === 'except_group_clause' || c.type === 'finally_clause');
    return handlers ? undefined : { offset: field(n, 'body')!.end, message: "expected 'except' or 'finally' block" };
  },
  comparison_operator: (n) => {
    const diamond = n.children.find((c) => !c.named && c.end - c.start === 2 && nodeText(c) === '<>');
    return diamond ? at(diamond, 'invalid syntax') : undefined;
  },
  parameters: (n) => defaultOrder(n),
  lambda_parameters: (n) => defaultOrder(n),
  import_from_statement: (n, _p, tokens) => {
    const text = nodeText(n);
    if (!text.trimEnd().endsWith(',') || /\bimport\s*\(/.test(text)) return undefined;
    return { offset: tokens.starts[tokenAt(tokens, n.end)] ?? n.end, message: 'trailing comma not allowed without surrounding parentheses' };
  },
};

for (const type of SIMPLE_STATEMENTS) {
  const own = RULES[type];
  RULES[type] = (n, parent, tokens) => newlineInside(n, tokens) ?? own?.(n, parent, tokens);
}

/** A NEWLINE token inside a simple statement: tree-sitter continued the statement on the next line. */
function newlineInside(n: SyntaxNode, tokens: TokenStream): SyntaxFinding | undefined {
  for (let k = tokenAt(tokens, n.start); k < tokens.kinds.length && tokens.starts[k]! < n.end; k++) {
    if (tokens.kinds[k] === Tok.Newline) return { offset: tokens.starts[k]!, message: 'invalid syntax' };
  }
  return undefined;
}

/** "non-default argument follows default argument" before any `*` or `/`-free section change. */
function defaultOrder(n: SyntaxNode): SyntaxFinding | undefined {
  let sawDefault = false;
  for (const p of namedKids(n)) {
    if (p.type === 'default_parameter' || p.type === 'typed_default_parameter') sawDefault = true;
    else if (p.type === 'list_splat_pattern' || p.type === 'keyword_separator' || p.type === 'dictionary_splat_pattern') return undefined;
    else if ((p.type === 'identifier' || p.type === 'typed_parameter') && sawDefault) return at(p, 'non-default argument follows default argument');
  }
  return undefined;
}

/**
 * What tree-sitter-python accepts and CPython's grammar rejects, checked on an error-free tree: the
 * earliest finding, as CPython reports the first error in the source.
 */
export function grammarError(module: SyntaxNode, tokens: TokenStream): SyntaxFinding | undefined {
  let best: SyntaxFinding | undefined;
  const visit = (n: SyntaxNode, parent: SyntaxNode | undefined) => {
    const rule = RULES[n.type];
    if (rule) {
      const found = rule(n, parent, tokens);
      if (found && (!best || found.offset < best.offset)) best = found;
    }
    // Anonymous tokens (operators) have no rules and no children.
    for (const c of n.children) if (c.named) visit(c, n);
  };
  visit(module, undefined);
  return best;
}
