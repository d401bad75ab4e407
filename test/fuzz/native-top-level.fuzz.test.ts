import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PyDict, type PyValue } from '@shardwise/core';
import { materialized, parsePyJson, stringifyPyJson } from '@shardwise/merge';
import { nestedOf } from './result-arbitraries.js';
import { applyEdits, textEdits } from './text-edits.js';

/*
 * The top-level reads of parsePyJson (a result's metrics with `details` deferred, a prediction file's keys)
 * answer most files through native JSON.parse. Whatever that path answers must be what the exact parser
 * answers: the full parse of the same text gives the reference value and the reference issues.
 */

const SEED = 20261128;

/** Keys that stress the native path: integer-like (JS reorders them), duplicates, quotes and colons inside. */
const key = fc.oneof(
  fc.constantFrom('0', '1', '2', '10', '01', 'details', 'accuracy', '__proto__', 'a": 1, "b', 'x\\":'),
  fc.string({ unit: 'grapheme', maxLength: 5 }),
);

const leaf: fc.Arbitrary<PyValue> = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.bigInt({ min: -(10n ** 25n), max: 10n ** 25n }),
  fc.double(),
  fc.constantFrom(1.0, 45.0, -0.0, 1e21, 1e-7),
  fc.string({ unit: 'grapheme', maxLength: 8 }),
  fc.constantFrom('": ', '\\', '"}]', '0'),
);

const value = nestedOf(leaf, key);

/** A top-level object as Python writes it (indent 4) or compactly, with a duplicate key spliced in at times. */
const topText = fc
  .tuple(fc.array(fc.tuple(key, value), { maxLength: 6 }), fc.boolean(), fc.option(fc.tuple(fc.nat(), fc.nat()), { nil: undefined }))
  .map(([entries, indented, dup]) => {
    const text = indented ? stringifyPyJson(new PyDict(entries)) : compact(new PyDict(entries));
    if (!dup || entries.length === 0) return text;
    // Repeat one key's text at the top level: `{"k": v, ..., "k": v2}`.
    const [k] = entries[dup[0] % entries.length]!;
    return text.replace(/\}\s*$/, `${entries.length ? ', ' : ''}${JSON.stringify(k)}: ${dup[1]}}`);
  });

function compact(v: PyValue): string {
  return stringifyPyJson(v).replace(/\n\s*/g, '');
}

const DETAILS = (k: string) => k === 'details';

function expectSameAsExact(text: string): void {
  const exact = parsePyJson(text, 'r.json');
  const deferred = parsePyJson(text, 'r.json', { defer: DETAILS });
  const keysOnly = parsePyJson(text, 'r.json', { skipValues: true });
  expect(deferred.issues).toEqual(exact.issues);
  expect(keysOnly.issues).toEqual(exact.issues);
  if (exact.value instanceof PyDict) {
    expect(deferred.value).toBeInstanceOf(PyDict);
    expect([...materialized(deferred.value as PyDict)]).toEqual([...exact.value]);
    expect([...(keysOnly.value as PyDict).keys()]).toEqual([...exact.value.keys()]);
    expect(stringifyPyJson(deferred.value!)).toBe(stringifyPyJson(exact.value));
  } else {
    expect(deferred.value).toEqual(exact.value);
  }
}

describe('the native top-level path answers exactly what the exact parser answers', () => {
  it('for generated objects, with duplicates, integer-like keys, floats written as 1.0, and quotes in strings', () => {
    fc.assert(
      fc.property(topText, (t) => expectSameAsExact(t)),
      { seed: SEED, numRuns: 1500 },
    );
  });

  it('for mutated objects (NaN, cut tokens, stray quotes and brackets)', () => {
    const edits = textEdits(['{', '}', '[', ']', '"', ',', ':', '\\', '.', 'e', 'N', 'NaN', '0', ' ', '\u0000', 'é'], 3);
    fc.assert(
      fc.property(topText, edits, (t, es) => expectSameAsExact(applyEdits(t, es))),
      { seed: SEED, numRuns: 1500 },
    );
  });

  it.each([
    ['a deferred list nested past the exact parser limit', (n: number) => `{"details": ${'['.repeat(n)}${']'.repeat(n)}}`],
    ['an object nested past it', (n: number) => `{"a": ${'{"a":'.repeat(n)}1${'}'.repeat(n)}}`],
  ])('%s', (_, make) => {
    for (const depth of [998, 999, 1000, 5000]) expectSameAsExact(make(depth));
  });
});
