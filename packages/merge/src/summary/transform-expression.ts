/**
 * Summary-group `transforms` are Python expressions in `x` (`'((2 - x) / 2) * 100'`,
 * `'min(100, max(0, x))'`). OpenCompass evals them; shardwise never executes config text, so this is
 * a tiny arithmetic evaluator: numbers, x, + - * / // % **, unary signs, parentheses, and the calls
 * min, max, abs, round, float, int and math.<fn>. Anything else is refused.
 */
// Maps, not plain objects: names come from the config, and `constructor` or `toString` are no functions of ours.
const FUNCTIONS = new Map<string, (...a: number[]) => number>([
  ['min', (...a) => Math.min(...a)],
  ['max', (...a) => Math.max(...a)],
  ['abs', Math.abs],
  ['float', (a) => a],
  ['int', Math.trunc],
  ['round', (a) => roundHalfEven(a)],
  ['math.sqrt', Math.sqrt],
  ['math.log', Math.log],
  ['math.log10', Math.log10],
  ['math.log2', Math.log2],
  ['math.exp', Math.exp],
  ['math.floor', Math.floor],
  ['math.ceil', Math.ceil],
  ['math.fabs', Math.abs],
]);
const CONSTANTS = new Map<string, number>([
  ['math.pi', Math.PI],
  ['math.e', Math.E],
  ['math.inf', Infinity],
]);

function roundHalfEven(v: number): number {
  const f = Math.floor(v);
  const d = v - f;
  return d > 0.5 || (d === 0.5 && f % 2 !== 0) ? f + 1 : f;
}

const TOKEN = /\s*(?:(\d+(?:\.\d*)?(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)|([A-Za-z_][\w.]*)|(\*\*|\/\/|[-+*/%(),]))/y;

export class TransformError extends Error {}

export type Transform = (x: number) => number;

/** Compiles a transform; throws TransformError naming the position of what it cannot handle. */
export function compileTransform(text: string): Transform {
  const tokens: { kind: 'num' | 'name' | 'op'; text: string; at: number }[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < text.length) {
    const at = TOKEN.lastIndex;
    if (/^\s*$/.test(text.slice(at))) break;
    const m = TOKEN.exec(text);
    if (!m) throw new TransformError(`unexpected text at column ${at + 1}: ${text.slice(at).trim().slice(0, 20)}`);
    tokens.push(m[1] ? { kind: 'num', text: m[1], at } : m[2] ? { kind: 'name', text: m[2], at } : { kind: 'op', text: m[3]!, at });
  }
  let i = 0;
  const peek = () => tokens[i];
  const expect = (op: string) => {
    if (peek()?.text !== op) throw new TransformError(`expected '${op}' at column ${(peek()?.at ?? text.length) + 1}`);
    i++;
  };
  type Node = (x: number) => number;
  const binary =
    (next: () => Node, ops: Map<string, (a: number, b: number) => number>): (() => Node) =>
    () => {
      let left = next();
      while (peek()?.kind === 'op' && ops.has(peek()!.text)) {
        const f = ops.get(tokens[i++]!.text)!;
        const l = left;
        const r = next();
        left = (x) => f(l(x), r(x));
      }
      return left;
    };
  const atom = (): Node => {
    const t = tokens[i++];
    if (!t) throw new TransformError('unexpected end of expression');
    if (t.kind === 'num') {
      const v = Number(t.text);
      return () => v;
    }
    if (t.text === '(') {
      const e = expr();
      expect(')');
      return e;
    }
    if (t.kind === 'name') {
      if (t.text === 'x') return (x) => x;
      const v = CONSTANTS.get(t.text);
      if (v !== undefined) return () => v;
      const f = FUNCTIONS.get(t.text);
      if (!f) throw new TransformError(`name '${t.text}' is not allowed at column ${t.at + 1}`);
      expect('(');
      const args: Node[] = [];
      if (peek()?.text !== ')') for (args.push(expr()); peek()?.text === ','; i++, args.push(expr()));
      expect(')');
      return (x) => f(...args.map((a) => a(x)));
    }
    throw new TransformError(`unexpected '${t.text}' at column ${t.at + 1}`);
  };
  const power = (): Node => {
    const base = atom();
    if (peek()?.text !== '**') return base;
    i++;
    const exp = unary();
    return (x) => base(x) ** exp(x);
  };
  const unary = (): Node => {
    const t = peek();
    if (t?.text === '-' || t?.text === '+') {
      i++;
      const v = unary();
      return t.text === '-' ? (x) => -v(x) : v;
    }
    return power();
  };
  const term = binary(
    unary,
    new Map([
      ['*', (a, b) => a * b],
      ['/', (a, b) => a / b],
      ['//', (a, b) => Math.floor(a / b)],
      ['%', (a, b) => a - b * Math.floor(a / b)],
    ]),
  );
  const expr = binary(
    term,
    new Map([
      ['+', (a, b) => a + b],
      ['-', (a, b) => a - b],
    ]),
  );
  const root = expr();
  if (i < tokens.length) throw new TransformError(`unexpected '${tokens[i]!.text}' at column ${tokens[i]!.at + 1}`);
  return root;
}
