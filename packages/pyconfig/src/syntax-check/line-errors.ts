import { Tok, type TokenStream } from './python-tokens.js';
import type { SyntaxFinding } from './syntax-finding.js';

/** The statement keyword CPython names in "expected an indented block after …". */
const BLOCK_NAMES: Record<string, string> = {
  if: "'if' statement",
  elif: "'elif' statement",
  else: "'else' statement",
  for: "'for' statement",
  while: "'while' statement",
  try: "'try' statement",
  except: "'except' statement",
  finally: "'finally' statement",
  with: "'with' statement",
  def: 'function definition',
  class: 'class definition',
};

/** Python 2 statements CPython recognizes to say what is missing. */
const LEGACY = new Set(['print', 'exec']);

/**
 * The parser errors that can be read off the token stream, line by line: an INDENT after a line that opens
 * no block ("unexpected indent"), a block header whose next line is not indented ("expected an indented
 * block"), a block header without its colon ("expected ':'"), a Python 2 print/exec statement. Returns the
 * first one, or undefined.
 */
export function lineError(text: string, tokens: TokenStream): SyntaxFinding | undefined {
  const { kinds, starts, ends } = tokens;
  const isOp = (k: number, op: string) => kinds[k] === Tok.Op && ends[k]! - starts[k]! === op.length && text.startsWith(op, starts[k]);
  let depth = 0;
  let first = 0;
  let colonAtTop = false;
  for (let k = 0; k < kinds.length; k++) {
    const kind = kinds[k];
    if (kind === Tok.Open) depth++;
    else if (kind === Tok.Close) depth--;
    else if (depth === 0 && isOp(k, ':')) colonAtTop = true;
    else if (kind === Tok.Indent) {
      if (!(k >= 2 && kinds[k - 1] === Tok.Newline && isOp(k - 2, ':'))) return { offset: starts[k]! - 1, message: 'unexpected indent' };
      first = k + 1;
    } else if (kind === Tok.Dedent) first = k + 1;
    else if (kind === Tok.Newline) {
      const head = kinds[first] === Tok.Name ? text.slice(starts[first], ends[first]) : '';
      if (LEGACY.has(head) && (kinds[first + 1] === Tok.Name || kinds[first + 1] === Tok.Number || kinds[first + 1] === Tok.String)) {
        return { offset: starts[first]!, message: `Missing parentheses in call to '${head}'. Did you mean ${head}(...)?` };
      }
      if (BLOCK_NAMES[head] && !colonAtTop) return { offset: starts[k]!, message: "expected ':'" };
      const target = badAssignmentTarget(text, tokens, first, k);
      if (target) return target;
      if (isOp(k - 1, ':') && kinds[k + 1] !== Tok.Indent) {
        const header = lineHead(text, tokens, k - 1);
        const name = header && BLOCK_NAMES[header.word];
        if (name) {
          let next = k + 1;
          while (kinds[next] === Tok.Dedent) next++;
          return { offset: starts[next]!, message: `expected an indented block after ${name} on line ${header.line}` };
        }
      }
      first = k + 1;
      colonAtTop = false;
    }
  }
  return undefined;
}

const CONSTANTS = new Set(['None', 'True', 'False']);

/**
 * `1 = x`, `None = x`, `f() = x`: the first target of an assignment statement (tokens first..end) that
 * CPython names. Other targets are left to the tree.
 */
function badAssignmentTarget(text: string, tokens: TokenStream, first: number, end: number): SyntaxFinding | undefined {
  const { kinds, starts, ends } = tokens;
  let depth = 0;
  let eq = -1;
  for (let k = first; k < end && eq < 0; k++) {
    if (kinds[k] === Tok.Open) depth++;
    else if (kinds[k] === Tok.Close) depth--;
    else if (depth === 0 && kinds[k] === Tok.Op && ends[k]! - starts[k]! === 1 && text[starts[k]!] === '=') eq = k;
  }
  if (eq <= first) return undefined;
  const word = text.slice(starts[first], ends[first]);
  const suffix = " here. Maybe you meant '==' instead of '='?";
  if (eq === first + 1) {
    if (kinds[first] === Tok.Number || kinds[first] === Tok.String)
      return { offset: starts[first]!, message: `cannot assign to literal${suffix}` };
    if (kinds[first] === Tok.Name && CONSTANTS.has(word)) return { offset: starts[first]!, message: `cannot assign to ${word}` };
    return undefined;
  }
  // name(...) = x: a call whose closing parenthesis is right before the '='.
  if (
    kinds[first] === Tok.Name &&
    !KEYWORDS.has(word) &&
    kinds[first + 1] === Tok.Open &&
    text[starts[first + 1]!] === '(' &&
    kinds[eq - 1] === Tok.Close &&
    closes(tokens, first + 1) === eq - 1
  ) {
    return { offset: starts[first]!, message: `cannot assign to function call${suffix}` };
  }
  return undefined;
}

/** Names that start statements or expressions rather than naming a callee. */
const KEYWORDS = new Set([
  'print',
  'exec',
  'if',
  'elif',
  'while',
  'for',
  'with',
  'def',
  'class',
  'return',
  'del',
  'assert',
  'raise',
  'import',
  'from',
  'lambda',
  'not',
  'await',
  'yield',
  'global',
  'nonlocal',
]);

/** The index of the bracket closing the one opened at token `open`. */
function closes(tokens: TokenStream, open: number): number {
  let depth = 0;
  for (let k = open; k < tokens.kinds.length; k++) {
    if (tokens.kinds[k] === Tok.Open) depth++;
    else if (tokens.kinds[k] === Tok.Close && --depth === 0) return k;
  }
  return -1;
}

/** The first word of the logical line holding token k, and its 1-based line. */
function lineHead(text: string, tokens: TokenStream, k: number): { word: string; line: number } | undefined {
  let j = k;
  while (j > 0 && tokens.kinds[j - 1] !== Tok.Newline && tokens.kinds[j - 1] !== Tok.Indent && tokens.kinds[j - 1] !== Tok.Dedent) j--;
  if (tokens.kinds[j] !== Tok.Name) return undefined;
  let word = text.slice(tokens.starts[j], tokens.ends[j]);
  if (word === 'async') word = text.slice(tokens.starts[j + 1], tokens.ends[j + 1]);
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < tokens.starts[j]!; i = text.indexOf('\n', i + 1)) line++;
  return { word, line };
}
