import fc from 'fast-check';
import { PyDict, type PyValue } from '@shardwise/core';

/* Result-like Python values (metrics, nested dicts, every shape of `details`) for the layout reader's tests. */

export const key = fc.oneof(
  fc.constantFrom(
    'accuracy',
    'score',
    'details',
    'detail',
    'details ',
    '0',
    '10',
    '__proto__',
    'a": 1, "b',
    'x\\":',
    'é',
    '指标',
    '\n    "',
  ),
  fc.string({ unit: 'grapheme', maxLength: 6 }),
);

export const leaf: fc.Arbitrary<PyValue> = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }),
  fc.double(),
  fc.constantFrom(NaN, Infinity, -Infinity, 1e16, 1e21, 1e-7, 45.0, -0.0, 0.1, 2n ** 64n),
  fc.string({ unit: 'grapheme', maxLength: 8 }),
  // Text that looks like the layout's markers once escaped: a raw newline never reaches the bytes.
  fc.constantFrom('},\n        {', '\n    "details": [', '\n}', '"}]', '\\', '\u0000\u001f\u2028'),
);

/** Nested lists and dicts of `leaves` under `keys`. */
export const nestedOf = (leaves: fc.Arbitrary<PyValue>, keys: fc.Arbitrary<string>): fc.Arbitrary<PyValue> =>
  fc.letrec<{ v: PyValue }>((tie) => ({
    v: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      leaves,
      fc.array(tie('v'), { maxLength: 4 }),
      fc.array(fc.tuple(keys, tie('v')), { maxLength: 4 }).map((e) => new PyDict(e)),
    ),
  })).v;

export const value: fc.Arbitrary<PyValue> = nestedOf(leaf, key);

/** A detail entry: a dict, as OpenCompass writes them (per-replica lists, nested dicts). */
export const entry = fc.array(fc.tuple(key, value), { maxLength: 4 }).map((e) => new PyDict(e));

/** Every shape `details` takes: a list of dicts (the usual, counted), empty, a dict (format_details), other lists, a scalar. */
export const details: fc.Arbitrary<PyValue> = fc.oneof(
  { weight: 6, arbitrary: fc.array(entry, { minLength: 1, maxLength: 6 }) },
  { weight: 1, arbitrary: fc.constant<PyValue[]>([]) },
  { weight: 1, arbitrary: fc.array(fc.tuple(key, entry), { maxLength: 3 }).map((e) => new PyDict([['type', 'GEN'], ...e])) },
  { weight: 1, arbitrary: fc.array(leaf, { minLength: 1, maxLength: 4 }) },
  { weight: 1, arbitrary: fc.tuple(leaf, entry).map(([x, d]) => [x, d]) },
  { weight: 1, arbitrary: fc.tuple(entry, leaf).map(([d, x]) => [d, x]) },
  { weight: 1, arbitrary: leaf },
);

/** Result-like objects: metrics (nested dicts among them) and, at any position, details. */
export const result = fc
  .tuple(fc.array(fc.tuple(key, value), { maxLength: 5 }), fc.option(details, { nil: undefined }), fc.nat())
  .map(([metrics, d, at]) => {
    const entries: [string, PyValue][] = metrics.filter(([k]) => k !== 'details');
    if (d !== undefined) entries.splice(at % (entries.length + 1), 0, ['details', d]);
    return new PyDict(entries);
  });
