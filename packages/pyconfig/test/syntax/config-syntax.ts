import { loadPythonParser, parsePython } from '../../src/python-parser.js';
import { ConfigRefusal } from '../../src/config-refusal.js';
import { configSourceText } from '../../src/syntax-check/source-decoding.js';

/**
 * The syntax verdict alone on a config's bytes: undefined when CPython would accept it, else the SW_PY_SYNTAX
 * refusal's position and message. (readConfig gives the same refusal; this skips the evaluation, for the corpus.)
 */
export async function checkConfigSyntax(
  bytes: Uint8Array,
  path: string,
): Promise<{ line: number; col: number; message: string; hint?: string } | undefined> {
  const parser = await loadPythonParser();
  const { text, undecodable } = configSourceText(bytes);
  try {
    parsePython(parser, { path, absolute: path, text }, undecodable);
    return undefined;
  } catch (e) {
    if (!(e instanceof ConfigRefusal) || e.code !== 'SW_PY_SYNTAX') throw e;
    return { line: e.position!.line, col: e.position!.col, message: e.message, ...(e.hint !== undefined ? { hint: e.hint } : {}) };
  }
}
