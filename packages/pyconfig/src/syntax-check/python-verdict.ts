import type { Tree } from 'web-tree-sitter';
import { lineError } from './line-errors.js';
import { Tok, tokenize, type TokenStream } from './python-tokens.js';
import type { SyntaxFinding } from './syntax-finding.js';
import { tokenAt, treeSyntaxError } from './tree-errors.js';

/**
 * CPython's verdict on a source, from tree-sitter's tree plus a replay of CPython's tokenizer. The order
 * follows CPython (Parser/pegen_errors.c): after a parser error the rest of the source is still tokenized
 * and a tokenizer error anywhere wins; a bracket still open at the end wins over a parser error on a later
 * line. `lenient` checks what tree-sitter accepts but CPython's grammar does not (run on error-free trees).
 */
export function pythonVerdict(
  text: string,
  tree: Tree,
  lenient: (tokens: TokenStream) => SyntaxFinding | undefined,
): SyntaxFinding | undefined {
  const nul = text.indexOf('\0');
  if (nul >= 0) return { offset: nul, message: 'source code string cannot contain null bytes' };
  const tokens = tokenize(text);
  const lineErr = lineError(text, tokens);
  // The parser stopping at an INDENT reports "unexpected indent" without tokenizing the rest.
  if (tokens.error) return lineErr?.message === 'unexpected indent' && lineErr.offset < tokens.error.offset ? lineErr : tokens.error;
  const treeError = tree.rootNode.hasError ? treeSyntaxError(tree, tokens, text) : lenient(tokens);
  // tree-sitter's approximate position loses to a precise line error later on the same logical line.
  const lineWins =
    lineErr && treeError?.approximate && lineErr.offset >= treeError.offset && !newlineBetween(tokens, treeError.offset, lineErr.offset);
  const parserError = earliest(lineWins ? lineErr : earliest(lineErr, treeError), unknownToken(tokens));
  return unclosedOrEof(text, tokens, parserError) ?? parserError;
}

/** A token no grammar rule takes: the parser stops there at the latest. */
function unknownToken(tokens: TokenStream): SyntaxFinding | undefined {
  return tokens.stray === undefined ? undefined : { offset: tokens.stray, message: 'invalid syntax' };
}

function newlineBetween(tokens: TokenStream, from: number, to: number): boolean {
  for (let k = tokenAt(tokens, from); k < tokens.kinds.length && tokens.starts[k]! < to; k++)
    if (tokens.kinds[k] === Tok.Newline) return true;
  return false;
}

function earliest(a: SyntaxFinding | undefined, b: SyntaxFinding | undefined): SyntaxFinding | undefined {
  if (!a || !b) return a ?? b;
  return a.offset <= b.offset ? a : b;
}

/** raise_unclosed_parentheses_error, and the end of file right after a backslash. */
function unclosedOrEof(text: string, tokens: TokenStream, parserError: SyntaxFinding | undefined): SyntaxFinding | undefined {
  const open = tokens.unclosed[tokens.unclosed.length - 1];
  if (open) {
    const laterLine = (at: number) => text.lastIndexOf('\n', at - 1) >= open.offset;
    const atEnd = !parserError || parserError.atEnd || laterLine(parserError.offset) || parserError.offset >= lastTokenStart(tokens);
    return atEnd ? { offset: open.offset, message: `'${open.char}' was never closed` } : undefined;
  }
  if (tokens.eofAfterBackslash !== undefined) return { offset: tokens.eofAfterBackslash, message: 'unexpected EOF while parsing' };
  return undefined;
}

function lastTokenStart(tokens: TokenStream): number {
  return tokens.starts[tokens.starts.length - 1] ?? 0;
}
