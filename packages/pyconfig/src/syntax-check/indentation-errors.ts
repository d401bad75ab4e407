import { Tok, type TokenStream } from './python-tokens.js';
import type { SyntaxFinding } from './syntax-finding.js';

/** The statement keyword CPython names in "expected an indented block after …". */
const BLOCK_NAMES: Record<string, string> = {
  if: "'if' statement", elif: "'elif' statement", else: "'else' statement", for: "'for' statement", while: "'while' statement",
  try: "'try' statement", except: "'except' statement", finally: "'finally' statement", with: "'with' statement",
  def: 'function definition', class: 'class definition',
};

/**
 * The parser's indentation errors, read off the token stream: an INDENT after a line that opens no block
 * ("unexpected indent"), and a block header whose next line is not indented ("expected an indented block").
 * Returns the first one, or undefined.
 */
export function indentationError(text: string, tokens: TokenStream): SyntaxFinding | undefined {
  const { kinds, starts, ends } = tokens;
  for (let k = 0; k < kinds.length; k++) {
    if (kinds[k] === Tok.Indent) {
      const opensBlock = k >= 2 && kinds[k - 1] === Tok.Newline && kinds[k - 2] === Tok.Op && text[starts[k - 2]!] === ':' && ends[k - 2]! - starts[k - 2]! === 1;
      if (!opensBlock) {
        // A block header without its colon fails at its NEWLINE, before the INDENT.
        const header = k >= 2 && kinds[k - 1] === Tok.Newline ? lineHead(text, tokens, k - 2) : undefined;
        if (header && BLOCK_NAMES[header.word]) return { offset: starts[k - 1]!, message: "expected ':'" };
        return { offset: starts[k]! - 1, message: 'unexpected indent' };
      }
    } else if (kinds[k] === Tok.Newline && k > 0 && kinds[k - 1] === Tok.Op && text.slice(starts[k - 1]!, ends[k - 1]!) === ':' && kinds[k + 1] !== Tok.Indent) {
      const header = lineHead(text, tokens, k - 1);
      const name = header && BLOCK_NAMES[header.word];
      if (!name) continue;
      let next = k + 1;
      while (kinds[next] === Tok.Dedent) next++;
      return { offset: starts[next]!, message: `expected an indented block after ${name} on line ${header.line}` };
    }
  }
  return undefined;
}

/** The first word of the logical line holding token k, and its 1-based line. */
function lineHead(text: string, tokens: TokenStream, k: number): { word: string; line: number } | undefined {
  let j = k;
  while (j > 0 && tokens.kinds[j - 1] !== Tok.Newline && tokens.kinds[j - 1] !== Tok.Indent && tokens.kinds[j - 1] !== Tok.Dedent) j--;
  if (tokens.kinds[j] !== Tok.Name) return undefined;
  let word = text.slice(tokens.starts[j]!, tokens.ends[j]!);
  if (word === 'async') word = text.slice(tokens.starts[j + 1]!, tokens.ends[j + 1]!);
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < tokens.starts[j]!; i = text.indexOf('\n', i + 1)) line++;
  return { word, line };
}
