import { ConfigRefusal } from '../config-refusal.js';
import { positionAt, type SourceFile } from '../syntax-node.js';
import { notPythonHint } from './foreign-format.js';
import type { SyntaxFinding } from './syntax-finding.js';

/** Characters of the offending line shown on each side of the caret (dumped configs have very long lines). */
const WINDOW = 70;

/**
 * SW_PY_SYNTAX at CPython's line and column, with the source line and a caret under the column, as
 * Python's traceback shows it.
 */
export function syntaxRefusal(source: SourceFile, finding: SyntaxFinding): ConfigRefusal {
  const { text } = source;
  const offset = Math.min(Math.max(finding.offset, 0), text.length);
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const nl = text.indexOf('\n', lineStart);
  const lineEnd = nl < 0 ? text.length : nl;
  const { line, col } = positionAt(source, offset);
  const from = Math.max(lineStart, offset - WINDOW);
  const to = Math.min(lineEnd, Math.max(offset, from) + WINDOW);
  const shown = `${from > lineStart ? '…' : ''}${text.slice(from, to)}${to < lineEnd ? '…' : ''}`;
  // Keep tabs in the caret line so the caret stays under its character.
  const pad = `${from > lineStart ? ' ' : ''}${text.slice(from, offset).replace(/[^\t]/g, ' ')}`;
  const message = `Python syntax error: ${finding.message}\n    ${shown}\n    ${pad}^`;
  // Where tree-sitter's recovery cannot tell CPython's exact token, the hint says the column is the nearest one.
  const check = finding.approximate
    ? "the column is the nearest token the parser can name (python3 -m py_compile FILE gives Python's own)"
    : 'python3 -m py_compile FILE shows the same error';
  return new ConfigRefusal(
    'SW_PY_SYNTAX',
    message,
    { file: source.absolute, line, col },
    `${notPythonHint(source) ?? 'fix the config at this line'}; ${check}`,
  );
}
