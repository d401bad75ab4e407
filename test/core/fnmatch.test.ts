import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { fnmatch } from '@shardwise/core';

/** Patterns and names that exercise every branch of CPython's fnmatch.translate. */
const PATTERNS = [
  '*',
  'a*',
  '*Evaluator',
  'x?z',
  '[abc]x',
  '[!abc]x',
  '[]]',
  '[!]]',
  '[^a]',
  '[a-c]*',
  'a[',
  'a[b',
  '**',
  'a.b',
  'a\\b',
  '[\\]x',
  '[[]',
  'a(b)+',
  '$^',
  'accuracy*',
  '*_score',
  '[z-a]',
  '[!]',
];
const NAMES = [
  '',
  'a',
  'ab',
  'abc',
  'xyz',
  'ax',
  'bx',
  'dx',
  ']',
  '^',
  'b',
  'a[',
  'a[b',
  'a.b',
  'axb',
  'a\\b',
  '\\x',
  '[',
  'a(b)+',
  '$^',
  'accuracy_x',
  'f1_score',
  'x\nz',
  'AccEvaluator',
  'z',
  '!',
];

describe('fnmatch, the one glob (SizePartitioner abbrs, merge-rule patterns)', () => {
  it("matches exactly as Python's fnmatch.fnmatchcase", () => {
    const script =
      'import fnmatch, json, sys\np, n = json.load(sys.stdin)\nprint(json.dumps([[fnmatch.fnmatchcase(x, q) for x in n] for q in p]))';
    const python = spawnSync('python3', ['-c', script], { input: JSON.stringify([PATTERNS, NAMES]), encoding: 'utf8' });
    expect(python.status).toBe(0);
    const expected = JSON.parse(python.stdout) as boolean[][];
    expect(PATTERNS.map((p) => NAMES.map((n) => fnmatch(n, p)))).toEqual(expected);
  });
});
