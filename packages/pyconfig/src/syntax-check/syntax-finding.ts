/** One syntax error as CPython would report it: 0-based offset into the source text, CPython's message. */
export interface SyntaxFinding {
  /** UTF-16 offset of CPython's caret (the JavaScript string index). */
  offset: number;
  message: string;
  /** True when CPython's exact token cannot be known from tree-sitter's recovery: the nearest token is given. */
  approximate?: boolean;
  /** tree-sitter's error runs to the end of the file: CPython's parser would only stop there (an unclosed bracket wins). */
  atEnd?: boolean;
}
