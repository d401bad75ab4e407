import { beforeAll, describe, expect, it } from 'vitest';
import { isLazyModule } from '../src/lazy-import.js';
import { loadPythonParser, parsePython, type Parser } from '../src/python-parser.js';

let parser: Parser;
beforeAll(async () => {
  parser = await loadPythonParser();
});
const lazy = (text: string) => isLazyModule(parsePython(parser, { path: 'c.py', absolute: '/c.py', text }));

/** docs/python-configs.md §1.1: breadth-first, the first decisive node wins. */
describe('mode selection', () => {
  it('the first decisive node in breadth-first order wins, wherever statements nest', () => {
    // The chained assignment's inner `_base_ =` (depth 3) comes before the import in the function body (depth 3, later).
    expect(lazy("x = _base_ = ['a.py']\ndef f():\n    import torch\n")).toBe(false);
    expect(lazy("def f():\n    import torch\nx = _base_ = ['a.py']\n")).toBe(true);
    expect(lazy('if True:\n    with open("x") as f:\n        pass\n_base_ = []\n')).toBe(false);
    expect(lazy('x = [dict(a=1, b=(lambda: 2))] * 3\nif True:\n    from .base import y\n')).toBe(true);
    expect(lazy('x = dict(a=[1, {"k": (2, 3)}])\n')).toBe(false);
  });
});
