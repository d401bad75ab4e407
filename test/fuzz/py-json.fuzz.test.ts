import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PyDict, type Issue, type PyValue } from '@shardwise/core';
import { parsePyJson, stringifyPyJson } from '@shardwise/merge';
import { applyEdits, textEdits } from './text-edits.js';

const SEED = 20250108;
const PARSE_CODES = new Set(['SW_JSON_SYNTAX', 'SW_JSON_TRUNCATED', 'SW_JSON_DUPLICATE_KEY']);

/** Python values json can write: int (bigint), float incl. NaN/±Infinity/-0.0, str, bool, None, list, dict with str keys. */
const pyValue: fc.Arbitrary<PyValue> = fc.letrec<{ value: PyValue }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constant(null),
    fc.boolean(),
    fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }),
    fc.double(),
    fc.string({ unit: 'grapheme', maxLength: 12 }),
    fc.array(tie('value'), { maxLength: 4 }),
    fc
      .uniqueArray(fc.tuple(fc.string({ unit: 'grapheme', maxLength: 6 }), tie('value')), { maxLength: 4, selector: ([k]) => k })
      .map((e) => new PyDict(e)),
  ),
})).value;

/** Every parse problem is coded and positioned (line/col in the file), never a throw. */
function expectCodedOutcome(text: string): { value?: PyValue; issues: Issue[] } {
  const r = parsePyJson(text, 'results/m/ds_0.json');
  for (const i of r.issues) {
    expect(PARSE_CODES.has(i.code)).toBe(true);
    expect(i.file).toBe('results/m/ds_0.json');
    expect(i.line).toBeGreaterThanOrEqual(1);
    expect(i.col).toBeGreaterThanOrEqual(1);
  }
  const fatal = r.issues.some((i) => i.code !== 'SW_JSON_DUPLICATE_KEY');
  expect(r.value === undefined).toBe(fatal);
  return r;
}

describe('parsePyJson never throws: a value or coded, positioned issues', () => {
  it('round-trips every generated Python value through stringifyPyJson', () => {
    fc.assert(
      fc.property(pyValue, (v) => {
        const text = stringifyPyJson(v);
        const back = parsePyJson(text, 'x.json');
        expect(back.issues).toEqual([]);
        expect(back.value).toEqual(v);
        expect(stringifyPyJson(back.value!)).toBe(text);
      }),
      { seed: SEED, numRuns: 400 },
    );
  });

  it('truncated writes: every prefix parses or reports SW_JSON_TRUNCATED/SW_JSON_SYNTAX', () => {
    let insideContainer = 0;
    fc.assert(
      fc.property(pyValue, fc.nat(), (v, cut) => {
        const text = stringifyPyJson(v);
        const at = cut % (text.length + 1);
        const r = expectCodedOutcome(text.slice(0, at));
        // A prefix that stops inside a container can never be a complete value.
        if (/^\s*[[{]/.test(text) && at < text.length) {
          insideContainer++;
          expect(r.issues.map((i) => i.code)).toContain('SW_JSON_TRUNCATED');
        }
      }),
      { seed: SEED, numRuns: 400 },
    );
    expect(insideContainer).toBeGreaterThan(50); // the implication above was exercised, not vacuous
  });

  it('mutated text (a character replaced, inserted or deleted)', () => {
    const edits = textEdits(['{', '}', '[', ']', '"', ',', ':', '\\', '-', '.', 'e', 'N', 'I', '0', ' ', '\n', '\u0000', '\ud800', 'é'], 4);
    fc.assert(
      fc.property(pyValue, edits, (v, es) => {
        const text = applyEdits(stringifyPyJson(v), es);
        expectCodedOutcome(text);
      }),
      { seed: SEED, numRuns: 600 },
    );
  });

  it('arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (t) => void expectCodedOutcome(t)),
      { seed: SEED, numRuns: 1000 },
    );
  });

  it.each([
    ['deep lists', (n: number) => '['.repeat(n) + ']'.repeat(n)],
    ['deep objects', (n: number) => '{"a":'.repeat(n) + '1' + '}'.repeat(n)],
    ['deep unterminated lists', (n: number) => '['.repeat(n)],
  ])('%s nested far beyond what Python reads give an issue, not a stack overflow', (_, make) => {
    for (const depth of [2000, 200_000]) {
      const r = expectCodedOutcome(make(depth));
      expect(r.value).toBeUndefined();
    }
  });
});
