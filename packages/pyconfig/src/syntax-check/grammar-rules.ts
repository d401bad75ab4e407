import { field, fieldAll, namedKids, nodeText, type SyntaxNode } from '../syntax-node.js';
import { Tok, type TokenStream } from './python-tokens.js';
import type { SyntaxFinding } from './syntax-finding.js';
import { tokenAt } from './tree-errors.js';

type Rule = (node: SyntaxNode, parent: SyntaxNode | undefined, tokens: TokenStream) => SyntaxFinding | undefined;

/** Statements that end at the end of their logical line: tree-sitter lets some of them run over a NEWLINE. */
const SIMPLE_STATEMENTS = [
  'expression_statement',
  'return_statement',
  'delete_statement',
  'pass_statement',
  'import_statement',
  'import_from_statement',
  'future_import_statement',
  'assert_statement',
  'raise_statement',
  'global_statement',
  'nonlocal_statement',
  'break_statement',
  'continue_statement',
  'type_alias_statement',
];
/** Where CPython's grammar takes an unparenthesized `name := value` (named_expression). */
const WALRUS_PARENTS = new Set([
  'parenthesized_expression',
  'argument_list',
  'list',
  'set',
  'tuple',
  'subscript',
  'if_statement',
  'elif_clause',
  'while_statement',
  'if_clause',
  'list_comprehension',
  'set_comprehension',
  'generator_expression',
  // f'{a:=1}' is `a` with the format spec '=1', which tree-sitter reads as a walrus.
  'interpolation',
]);
const LITERALS = new Set(['integer', 'float', 'string', 'concatenated_string', 'true', 'false', 'none', 'ellipsis']);
const SINGLE_TARGETS = new Set(['identifier', 'attribute', 'subscript']);
const SEQUENCE_TARGETS = new Set([
  'tuple',
  'list',
  'tuple_pattern',
  'list_pattern',
  'pattern_list',
  'expression_list',
  'parenthesized_expression',
]);

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
  // `print >>f, x` is a valid Python 3 expression (a tuple), which tree-sitter reads as Python 2's chevron.
  print_statement: (n) =>
    n.children.some((c) => c.type === 'chevron') ? undefined : at(n, "Missing parentheses in call to 'print'. Did you mean print(...)?"),
  exec_statement: (n) => at(n, "Missing parentheses in call to 'exec'. Did you mean exec(...)?"),
  named_expression: (n, parent) => {
    if (parent && WALRUS_PARENTS.has(parent.type)) return undefined;
    return { offset: textOffset(n, ':=', field(n, 'name')!.end), message: 'invalid syntax' };
  },
  argument_list: (n) => {
    const comma = leadingComma(n);
    if (comma) return comma;
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
      if (a.type === 'generator_expression' && args.length > 1 && !nodeText(a).startsWith('('))
        return at(a, 'Generator expression must be parenthesized');
    }
    return undefined;
  },
  for_in_clause: (n, parent) => {
    const rights = fieldAll(n, 'right');
    if (rights.length < 2) return undefined;
    if (parent?.type === 'generator_expression' && parent.field === 'arguments')
      return at(field(parent, 'body')!, 'Generator expression must be parenthesized');
    return { offset: textOffset(n, ',', rights[0]!.end), message: 'invalid syntax' };
  },
  delete_statement: (n) => {
    const targets = namedKids(n).flatMap((t) => (t.type === 'expression_list' ? namedKids(t) : [t]));
    for (const t of targets) {
      if (t.type === 'list_splat') return at(t, 'cannot delete starred');
      const bad = badTarget(t);
      if (bad) return at(bad, `cannot delete ${kindOf(bad)}`);
    }
    return undefined;
  },
  assignment: (n) => {
    const left = field(n, 'left')!;
    if (!field(n, 'type')) return undefined;
    if (left.type === 'tuple_pattern' || left.type === 'tuple' || left.type === 'pattern_list' || left.type === 'expression_list')
      return at(left, 'only single target (not tuple) can be annotated');
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
    const what = ['tuple', 'tuple_pattern', 'pattern_list', 'expression_list'].includes(inner.type)
      ? 'tuple'
      : inner.type === 'list' || inner.type === 'list_pattern'
        ? 'list'
        : kindOf(inner);
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
  string: (n, parent) => {
    for (const part of n.children) {
      const conversion = part.type === 'interpolation' ? field(part, 'type_conversion') : undefined;
      if (conversion && !/^![sra]$/.test(nodeText(conversion)))
        return { offset: n.end, message: "f-string: invalid conversion character: expected 's', 'r', or 'a'" };
    }
    if (nestedTooDeeply(n, 0)) return { offset: n.end, message: 'f-string: expressions nested too deeply' };
    // A decoding error is reported at the end of the whole run of adjacent literals.
    return literalError(n, parent?.type === 'concatenated_string' ? parent.end : n.end);
  },
  try_statement: (n, _p, tokens) => {
    const handlers = n.children.some((c) => c.type === 'except_clause' || c.type === 'except_group_clause' || c.type === 'finally_clause');
    if (handlers) return undefined;
    // CPython looks at the token after the block: the `else`, or the end of the file.
    let k = tokenAt(tokens, field(n, 'body')!.end);
    while (tokens.kinds[k] === Tok.Newline || tokens.kinds[k] === Tok.Dedent) k++;
    return { offset: tokens.starts[k]!, message: "expected 'except' or 'finally' block" };
  },
  except_clause: (n) => {
    const values = fieldAll(n, 'value');
    return values.length > 1 ? at(values[0]!, 'multiple exception types must be parenthesized') : undefined;
  },
  raise_statement: (n) => {
    const list = namedKids(n).find((c) => c.type === 'expression_list');
    return list ? { offset: textOffset(list, ',', namedKids(list)[0]!.end), message: 'invalid syntax' } : undefined;
  },
  with_clause: (n, _p, tokens) => {
    const items = namedKids(n);
    const last = items[items.length - 1];
    if (!last || nodeText(n).startsWith('(')) return undefined;
    const k = tokenAt(tokens, last.end);
    return n.source.text[tokens.starts[k]!] === ',' ? { offset: tokens.starts[k + 1]!, message: 'invalid syntax' } : undefined;
  },
  tuple: (n) => {
    const kids = namedKids(n);
    const lone = kids.length === 1 && kids[0]!.type === 'list_splat' && !n.source.text.slice(kids[0]!.end, n.end).includes(',');
    return lone ? at(kids[0]!, 'cannot use starred expression here') : leadingComma(n);
  },
  // `[*a, **b]`: tree-sitter reads `**b` outside a call or dict as a splat of a splat.
  list_splat: (n) => (namedKids(n)[0]?.type === 'list_splat' ? at(n, 'invalid syntax') : undefined),
  dictionary_splat: (n, parent) =>
    parent && (parent.type === 'argument_list' || parent.type === 'dictionary') ? undefined : at(n, 'invalid syntax'),
  dictionary: (n) => leadingComma(n),
  set: (n) => leadingComma(n),
  list: (n) => leadingComma(n),
  identifier: (n, _p, tokens) => {
    // tree-sitter takes the keyword `await` without an operand as a name.
    if (n.end - n.start !== 5 || nodeText(n) !== 'await') return undefined;
    return { offset: tokens.starts[tokenAt(tokens, n.end)] ?? n.end, message: 'invalid syntax' };
  },
  comparison_operator: (n) => {
    const diamond = n.children.find((c) => !c.named && c.end - c.start === 2 && nodeText(c) === '<>');
    return diamond ? at(diamond, 'invalid syntax') : undefined;
  },
  parameters: (n) => defaultOrder(n),
  lambda_parameters: (n) => defaultOrder(n),
  import_from_statement: (n, _p, tokens) => trailingComma(n, tokens),
  import_statement: (n, _p, tokens) => trailingComma(n, tokens),
  assert_statement: (n) => {
    const kids = namedKids(n);
    return kids.length > 2 ? { offset: textOffset(n, ',', kids[1]!.end), message: 'invalid syntax' } : undefined;
  },
  as_pattern: (n, parent) => {
    // `except E as name`: only a name, not a target such as e.f.
    const alias = namedKids(field(n, 'alias') ?? n)[0];
    return parent?.type === 'except_clause' && alias && alias.type !== 'identifier'
      ? { offset: textOffset(alias, '.', alias.start), message: 'invalid syntax' }
      : undefined;
  },
  list_comprehension: (n) => starredBody(n),
  set_comprehension: (n) => starredBody(n),
  generator_expression: (n) => starredBody(n),
  interpolation: (n, parent) => {
    const expression = field(n, 'expression');
    if (expression?.type === 'list_splat') return at(expression, 'f-string: cannot use starred expression here');
    if (expression?.type === 'lambda') return at(expression, 'f-string: invalid syntax');
    const conversion = field(n, 'type_conversion');
    const after = conversion ? n.source.text[conversion.end] : undefined;
    return after !== undefined && after !== ':' && after !== '}'
      ? { offset: parent?.end ?? n.end, message: "f-string: expecting '}'" }
      : undefined;
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

/** The order rules of a parameter list: defaults, one `*` (followed by a named parameter), one `/`, nothing after `**`. */
function defaultOrder(n: SyntaxNode): SyntaxFinding | undefined {
  let sawDefault = false;
  let star: SyntaxNode | undefined;
  let bareStar: SyntaxNode | undefined;
  let slash = false;
  let kwargs = false;
  for (const p of namedKids(n)) {
    const inner = p.type === 'typed_parameter' ? (namedKids(p)[0] ?? p) : p;
    if (kwargs) return at(p, 'arguments cannot follow var-keyword argument');
    if (inner.type === 'dictionary_splat_pattern') {
      if (bareStar) return at(bareStar, 'named arguments must follow bare *');
      kwargs = true;
    } else if (inner.type === 'list_splat_pattern' || p.type === 'keyword_separator') {
      if (star) return at(p, '* argument may appear only once');
      star = p;
      if (p.type === 'keyword_separator') bareStar = p;
    } else if (p.type === 'positional_separator') {
      if (slash) return at(p, '/ may appear only once');
      slash = true;
    } else {
      bareStar = undefined;
      if (p.type === 'default_parameter' || p.type === 'typed_default_parameter') sawDefault = true;
      else if (!star && sawDefault) return at(p, 'non-default argument follows default argument');
    }
  }
  return bareStar ? at(bareStar, 'named arguments must follow bare *') : undefined;
}

/** An f-string replacement field inside the format spec of one inside the format spec of another. */
function nestedTooDeeply(n: SyntaxNode, specs: number): boolean {
  for (const c of n.children) {
    const field = c.type === 'interpolation' || c.type === 'format_expression';
    if (field && specs >= 2) return true;
    if ((field || c.type === 'format_specifier') && nestedTooDeeply(c, specs + (c.type === 'format_specifier' ? 1 : 0))) return true;
  }
  return false;
}

/** `[*a for a in b]`: a comprehension yields one item per iteration. */
function starredBody(n: SyntaxNode): SyntaxFinding | undefined {
  const body = field(n, 'body');
  return body?.type === 'list_splat' ? at(body, 'iterable unpacking cannot be used in comprehension') : undefined;
}

/** `import a,` / `from a import b,`: a trailing comma needs parentheses; CPython points at the next token. */
function trailingComma(n: SyntaxNode, tokens: TokenStream): SyntaxFinding | undefined {
  const text = nodeText(n);
  if (/\bimport\s*\(/.test(text)) return undefined;
  const k = tokenAt(tokens, n.end);
  if (n.source.text[tokens.starts[k]!] !== ',' && !text.trimEnd().endsWith(',')) return undefined;
  const next = n.source.text[tokens.starts[k]!] === ',' ? k + 1 : k;
  return {
    offset: tokens.starts[next] ?? n.end,
    message: n.type === 'import_from_statement' ? 'trailing comma not allowed without surrounding parentheses' : 'invalid syntax',
  };
}

/** `[,]`, `f(,)`, `{,}`: a comma right after the opening bracket. */
function leadingComma(n: SyntaxNode): SyntaxFinding | undefined {
  const text = n.source.text;
  let i = n.start + 1;
  while (i < n.end && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n')) i++;
  return text[i] === ',' ? { offset: i, message: 'invalid syntax' } : undefined;
}

const HEX = /^[0-9a-fA-F]*/;
const TRIPLE = /^(?:'''|""")/;

/**
 * What CPython's literal decoding rejects in a string that is not raw: truncated `\x`/`\u`/`\U` escapes, code
 * points past U+10FFFF, non-ASCII characters in bytes. Unknown escapes such as `\d` are only warnings;
 * `\N{name}` is not checked (there is no Unicode name table here). Positions in CPython's message count
 * every non-ASCII character as the 10 characters of its `\UXXXXXXXX` form, as its decoder rewrites them.
 */
function literalError(n: SyntaxNode, reportAt: number): SyntaxFinding | undefined {
  const text = nodeText(n);
  const prefix = /^[a-zA-Z]*/.exec(text)![0].toLowerCase();
  if (prefix.includes('f')) return undefined;
  const open = TRIPLE.test(text.slice(prefix.length)) ? 3 : 1;
  const body = text.slice(prefix.length + open, text.length - open);
  const bytes = prefix.includes('b');
  if (bytes && /[^\x00-\x7f]/.test(body)) return at(n, 'bytes can only contain ASCII literal characters');
  if (prefix.includes('r')) return undefined;
  for (let i = body.indexOf('\\'); i >= 0; i = body.indexOf('\\', i + 2)) {
    const kind = body[i + 1];
    const width = kind === 'x' ? 2 : !bytes && kind === 'u' ? 4 : !bytes && kind === 'U' ? 8 : 0;
    if (!width) continue;
    const digits = HEX.exec(body.slice(i + 2, i + 2 + width))![0];
    let from = 0;
    for (const ch of body.slice(0, i)) from += ch.charCodeAt(0) < 0x80 ? 1 : 10;
    const codec = "(unicode error) 'unicodeescape' codec";
    if (digits.length < width) {
      if (bytes) return { offset: reportAt, message: `(value error) invalid \\x escape at position ${from}` };
      const what = kind === 'x' ? '\\xXX' : kind === 'u' ? '\\uXXXX' : '\\UXXXXXXXX';
      return {
        offset: reportAt,
        message: `${codec} can't decode bytes in position ${from}-${from + 1 + digits.length}: truncated ${what} escape`,
      };
    }
    if (kind === 'U' && parseInt(digits, 16) > 0x10ffff)
      return { offset: reportAt, message: `${codec} can't decode bytes in position ${from}-${from + 9}: illegal Unicode character` };
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
