import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/** One source for the syntax corpus: its bytes and a name that says how it was made. */
export interface CorpusCase {
  name: string;
  bytes: Uint8Array;
}

const repo = fileURLToPath(new URL('../../../../', import.meta.url));
const SEED_DIRS = ['packages/pyconfig/test/corpus', 'packages/pyconfig/test/fixtures', 'examples/demo'];

/** Every real config in the repo (the pyconfig corpus, its fixtures, the demo run's dumped config). */
export function seedConfigs(): { name: string; text: string }[] {
  const out: { name: string; text: string }[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir).sort()) {
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) walk(path);
      else if (entry.endsWith('.py')) {
        const text = readFileSync(path, 'utf8');
        if (tokens(text).length >= 4) out.push({ name: relative(repo, path), text });
      }
    }
  };
  for (const d of SEED_DIRS) walk(join(repo, d));
  return out;
}

/** mulberry32: a small seeded PRNG, so the corpus is the same on every run. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A rough Python token splitter for mutations (strings and comments stay whole); independent of the code under test. */
const TOKEN =
  /[rRbBuUfF]{0,2}(?:'''[\s\S]*?'''|"""[\s\S]*?"""|'(?:\\.|[^'\\\n])*'|"(?:\\.|[^"\\\n])*")|#[^\n]*|[A-Za-z_]\w*|\d[\w.]*|\*\*|\/\/|==|!=|<=|>=|[^\s]/g;

function tokens(text: string): { start: number; end: number }[] {
  return [...text.matchAll(TOKEN)].filter((m) => !m[0].startsWith('#')).map((m) => ({ start: m.index, end: m.index + m[0].length }));
}

const enc = new TextEncoder();
const INSERTS = ["'", '"', '(', ')', '[', ']', '{', '}', ',', ':', '=', '\\', '#', '@', '$', '，', '\t', '.', '0', 'x', ' if', 'print '];
const REPLACEMENTS = [',', ':', '=', '(', ')', ']', '}', '，', '$', "'", 'print', '1', 'if', 'lambda', 'a b', '**', '*', 'in', ':='];

type Mutation = (text: string, rnd: () => number) => { how: string; bytes: Uint8Array };
const pick = <T>(xs: readonly T[], rnd: () => number): T => xs[Math.floor(rnd() * xs.length)]!;
const text = (how: string, t: string) => ({ how, bytes: enc.encode(t) });

const MUTATIONS: Mutation[] = [
  (t, r) => {
    const k = pick(tokens(t), r);
    return text(`delete token @${k.start}`, t.slice(0, k.start) + t.slice(k.end));
  },
  (t, r) => {
    const k = pick(tokens(t), r);
    return text(`duplicate token @${k.start}`, t.slice(0, k.end) + t.slice(k.start, k.end) + t.slice(k.end));
  },
  (t, r) => {
    const k = pick(tokens(t), r);
    const w = pick(REPLACEMENTS, r);
    return text(`replace token @${k.start} by ${w}`, t.slice(0, k.start) + w + t.slice(k.end));
  },
  (t, r) => {
    const ks = tokens(t);
    const i = Math.floor(r() * (ks.length - 1));
    const [a, b] = [ks[i]!, ks[i + 1]!];
    return text(
      `swap tokens @${a.start}`,
      t.slice(0, a.start) + t.slice(b.start, b.end) + t.slice(a.end, b.start) + t.slice(a.start, a.end) + t.slice(b.end),
    );
  },
  (t, r) => {
    const nls = [...t.matchAll(/\n/g)].map((m) => m.index).filter((i) => i < t.length - 1);
    const at = pick(nls, r);
    const strip = r() < 0.5;
    const rest = strip ? t.slice(at + 1).replace(/^[ \t]+/, '') : t.slice(at + 1);
    return text(`merge line at @${at}${strip ? ' (indent dropped)' : ''}`, t.slice(0, at) + rest);
  },
  (t, r) => {
    const indented = [...t.matchAll(/^( +)\S/gm)];
    if (!indented.length) return text('indent first line', '  ' + t);
    const m = pick(indented, r);
    const tab = r() < 0.5 ? '\t' : '\t' + ' '.repeat(Math.max(0, m[1]!.length - 8));
    return text(`tab indent @${m.index}`, t.slice(0, m.index) + tab + t.slice(m.index + m[1]!.length));
  },
  (t, r) => {
    const starts = [0, ...[...t.matchAll(/\n(?=.)/g)].map((m) => m.index + 1)];
    const at = pick(starts, r);
    const dedent = r() < 0.5 && /^ +/.test(t.slice(at));
    return text(
      `${dedent ? 'dedent' : 'indent'} line @${at}`,
      dedent ? t.slice(0, at) + t.slice(at + 1 + Math.floor(r() * 3)) : t.slice(0, at) + ' '.repeat(1 + Math.floor(r() * 4)) + t.slice(at),
    );
  },
  (t, r) => {
    const at = Math.floor(r() * t.length);
    return text(`truncate @${at}`, t.slice(0, at));
  },
  (t, r) => {
    const at = Math.floor(r() * t.length);
    const b = enc.encode(t.slice(0, at));
    const byte = pick([0xe9, 0xff, 0xc3, 0x80], r);
    return { how: `byte 0x${byte.toString(16)} @${at}`, bytes: new Uint8Array([...b, byte, ...enc.encode(t.slice(at))]) };
  },
  (t, r) => {
    const at = Math.floor(r() * t.length);
    const c = pick(INSERTS, r);
    return text(`insert ${JSON.stringify(c)} @${at}`, t.slice(0, at) + c + t.slice(at));
  },
];

/** `perSeed` deterministic mutants of every seed config. */
export function mutatedConfigs(perSeed: number, seed = 20260117): CorpusCase[] {
  const rnd = prng(seed);
  const out: CorpusCase[] = [];
  for (const s of seedConfigs()) {
    for (let k = 0; k < perSeed; k++) {
      const m = pick(MUTATIONS, rnd)(s.text, rnd);
      out.push({ name: `${s.name}: ${m.how}`, bytes: m.bytes });
    }
  }
  return out;
}
