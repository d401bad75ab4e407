import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseLiteralModule } from '../src/literal-module.js';
import { loadPythonParser, parsePython, type Parser } from '../src/python-parser.js';
import type { SourceFile, SyntaxNode } from '../src/syntax-node.js';

/*
 * The literal-module parser must give tree-sitter's tree (as python-parser.ts copies it) node for node on every
 * source it takes, and take only sources tree-sitter and the CPython verdict accept.
 */

let parser: Parser;
beforeAll(async () => {
  parser = await loadPythonParser();
});

interface Shape {
  type: string;
  named: boolean;
  field: string | undefined;
  start: number;
  end: number;
  children: Shape[];
}
const shape = (n: SyntaxNode): Shape => ({
  type: n.type,
  named: n.named,
  field: n.field,
  start: n.start,
  end: n.end,
  children: n.children.map(shape),
});
const source = (text: string): SourceFile => ({ path: 'cfg.py', absolute: '/cfg.py', text });
/** tree-sitter's tree, or the refusal's code when the full path refuses the source. */
const full = (text: string): Shape | string => {
  try {
    return shape(parsePython(parser, source(text)));
  } catch (e) {
    return (e as { code?: string }).code ?? String(e);
  }
};
const fast = (text: string): Shape | undefined => {
  const tree = parseLiteralModule(source(text));
  return tree && shape(tree);
};

const repo = join(import.meta.dirname, '..', '..', '..');
function pyFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'node_modules' || name.startsWith('.')) return [];
    return statSync(path).isDirectory() ? pyFiles(path) : name.endsWith('.py') ? [path] : [];
  });
}

describe('literal modules', () => {
  it('dumped configs of the repo parse as literal modules, to tree-sitter’s tree', () => {
    const dumped = [...pyFiles(join(repo, 'examples')), ...pyFiles(join(repo, 'packages')), ...pyFiles(join(repo, 'test'))].filter((f) =>
      /\/configs\/\d{8}_\d{6}_\d+\.py$/.test(f),
    );
    expect(dumped.length).toBeGreaterThanOrEqual(2);
    for (const file of dumped) {
      const text = readFileSync(file, 'utf8');
      expect(fast(text), file).toEqual(full(text));
    }
  });

  it('every Python file of the repo it takes gets tree-sitter’s tree', () => {
    let taken = 0;
    for (const file of [...pyFiles(join(repo, 'packages')), ...pyFiles(join(repo, 'test')), ...pyFiles(join(repo, 'examples'))]) {
      const text = readFileSync(file, 'utf8');
      const tree = fast(text);
      if (tree === undefined) continue;
      taken++;
      expect(tree, file).toEqual(full(text));
    }
    expect(taken).toBeGreaterThanOrEqual(3);
  });

  it('shapes tree-sitter gives that are easy to get wrong', () => {
    const cases = [
      '',
      '\n\n',
      '# only a comment\n',
      '  # an indented comment\nx = 1\n',
      '\n\nx = 1 \n\n',
      'x = 1',
      'x = -1\ny = - 2.5e-3\nz = -(-1)\n',
      "x = 'a' \"b\" u'c' r'd' ''\n",
      "x = ('a'\n  'b')\n",
      'x = "\\n\\t\\\\\\x41\\u00e9\\U0001F600\\\'\\""\n',
      'x = dict(a=1, b=[1, 2,], c=(), d=(1,), e=(1), f={}, g={1: None, "k": True}, h=False)\n',
      'x = f(\n    1, # one\n    k = 2,\n)\n',
      'x = f (1)\n',
      'x = [f\n(1)]\n',
      'x = 1.\ny = .5\nz = 1e5\nw = 0\nv = 0.0\n',
      'x = "é"  # ünïcode\n',
      'type_ = 1\nmatch_ = dict(type="t", match=1, case=2, _=3)\n',
    ];
    for (const text of cases) expect(fast(text), JSON.stringify(text)).toEqual(full(text));
  });

  it('sources it leaves to the full path', () => {
    const cases = [
      'from x import y\n',
      'x = 1 + 2\n',
      'x = a.b\n',
      'x = a[0]\n',
      ' x = 1\n',
      'x = y = 1\n',
      'x = 1; y = 2\n',
      'x = 1, 2\n',
      'x = f(a=1, a=2)\n',
      'x = f(a=1, 2)\n',
      'x = f(*a)\n',
      'x = {1, 2}\n',
      'x = {**a}\n',
      'x = [i for i in y]\n',
      'x = """a"""\n',
      "x = b'a'\n",
      "x = f'{a}'\n",
      "x = r'\\d'\n",
      "x = '\\d'\n",
      "x = '\\N{DASH}'\n",
      "x = '\\x4'\n",
      "x = '\\U00110000'\n",
      'x = 007\n',
      'x = 1_000\n',
      'x = 0x10\n',
      'x = 1j\n',
      'x = (1\n',
      "x = 'a\n",
      'x = 1 \\\n  + 2\n',
      'x = 1\r\n',
      '\ufeffx = 1\n',
      'éx = 1\n',
      'True = 1\n',
      '__debug__ = 1\n',
      'match = 1\n',
      'type = 1\n',
      'print = 1\n',
      'x = lambda: 1\n',
      'x = not y\n',
      `x = ${'['.repeat(150)}${']'.repeat(150)}\n`,
    ];
    for (const text of cases) expect(fast(text), JSON.stringify(text)).toBeUndefined();
  });

  const name = fc.constantFrom('a', 'abc', 'type', 'match', 'x_1', '_y', 'dict', 'opencompass');
  const str = fc
    .array(fc.constantFrom('a', ' ', 'é', '😀', '{q}', '\\n', '\\t', '\\\\', "\\'", '\\"', '\\x41', '\\u00e9', '"', "'"), {
      maxLength: 6,
    })
    .chain((parts) =>
      fc.constantFrom('"', "'").map((q) => {
        const body = parts.map((p) => (p === q ? `\\${q}` : p)).join('');
        return `${q}${body}${q}`;
      }),
    );
  const gap = fc.constantFrom('', ' ', '\n', '  ', ' # c\n  ');
  const { value } = fc.letrec<{ value: string }>((tie) => ({
    value: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      fc.integer({ min: -1000, max: 1_000_000 }).map(String),
      fc.double({ noNaN: true, noDefaultInfinity: true }).map((d) => (/[.e]/.test(String(d)) ? String(d) : `${d}.0`)),
      str,
      fc.tuple(str, str).map(([a, b]) => `${a} ${b}`),
      fc.constantFrom('True', 'False', 'None'),
      name,
      fc.array(tie('value'), { maxLength: 4 }).chain((xs) => gap.map((g) => `[${g}${xs.join(`,${g}`)}${g}]`)),
      fc.array(tie('value'), { maxLength: 3 }).map((xs) => (xs.length === 1 ? `(${xs[0]},)` : `(${xs.join(', ')})`)),
      fc
        .array(fc.tuple(fc.oneof(str, fc.integer().map(String)), tie('value')), { maxLength: 3 })
        .map((ps) => `{${ps.map(([k, v]) => `${k}: ${v}`).join(', ')}}`),
      fc
        .tuple(
          name,
          fc.array(tie('value'), { maxLength: 2 }),
          fc.uniqueArray(fc.tuple(name, tie('value')), { maxLength: 3, selector: ([k]) => k }),
        )
        .chain(([f, args, kws]) => gap.map((g) => `${f}(${g}${[...args, ...kws.map(([k, v]) => `${k}=${v}`)].join(`,${g}`)}${g})`)),
    ),
  }));
  const module = fc
    .array(fc.tuple(fc.constantFrom('x', 'datasets', 'models', 'work_dir', 'a1'), value, fc.constantFrom('', '  # note', '\n')), {
      maxLength: 5,
    })
    .map((stmts) => stmts.map(([n, v, tail]) => `${n} = ${v}${tail}\n`).join(''));

  it('random literal modules: taken, and parsed to tree-sitter’s tree', () => {
    fc.assert(
      fc.property(module, (text) => {
        const tree = fast(text);
        expect(tree).toBeDefined();
        expect(tree).toEqual(full(text));
      }),
      { numRuns: 400 },
    );
  });

  it('random edits of literal modules: whatever it takes is parsed to tree-sitter’s tree', () => {
    let taken = 0;
    fc.assert(
      fc.property(
        module,
        fc.nat(),
        fc.constantFrom(
          '(',
          ')',
          '[',
          ']',
          '{',
          '}',
          ',',
          ':',
          '=',
          '"',
          "'",
          '\\',
          '#',
          '\n',
          ' ',
          '\t',
          'x',
          '1',
          '.',
          '-',
          '+',
          'é',
          'if ',
        ),
        (text, at, insert) => {
          const cut = text.length ? at % text.length : 0;
          const edited = text.slice(0, cut) + insert + text.slice(cut);
          const tree = fast(edited);
          fc.pre(tree !== undefined);
          taken++;
          expect(tree).toEqual(full(edited));
        },
      ),
      { numRuns: 1500 },
    );
    expect(taken).toBeGreaterThan(100);
  });
});
