import fc from 'fast-check';
import { PyDict, pyJsonText, type PyValue } from '@shardwise/core';

/** Strings that look like the layout's key lines or frame, or hold what json escapes (newline, quote, controls). */
const TRICKY = ['\n    "1": ', '\n', '\r\n', '    "', '"0": {', '\n}', '}\n}', '\\', '"', '\t', '\u0000', '\u001f', '\u2028', 'ünï', '𝔘'];

const text = fc.oneof(fc.string({ unit: 'grapheme', maxLength: 12 }), fc.constantFrom(...TRICKY));

/** A value as a prediction record holds it: strings, ints, floats, bools, None, lists and dicts (empty ones too). */
const value: fc.Arbitrary<PyValue> = fc.letrec<{ value: PyValue }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    text,
    fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 3 }),
    fc
      .uniqueArray(fc.tuple(fc.oneof(text, fc.constantFrom('origin_prompt', 'prediction', 'gold', '0', '1')), tie('value')), {
        maxLength: 3,
        selector: ([k]) => k,
      })
      .map((e) => new PyDict(e)),
  ),
})).value;

/** A record: most are dicts (OpenCompass writes one per row), now and then a bare value. */
export const record: fc.Arbitrary<PyValue> = fc.oneof(
  { weight: 4, arbitrary: fc.uniqueArray(fc.tuple(text, value), { maxLength: 4, selector: ([k]) => k }).map((e) => new PyDict(e)) },
  { weight: 1, arbitrary: value },
);

/** A prediction file's object: keys "0".."N-1" in order, N ≥ 1 (`{}` is written without a key line). */
export const predictions: fc.Arbitrary<PyDict> = fc
  .array(record, { minLength: 1, maxLength: 12 })
  .map((records) => new PyDict(records.map((r, i) => [String(i), r])));

/** `json.dump(obj, f, indent=4, ensure_ascii=False)`'s bytes (pyJsonText is checked against Python in prediction-layout-python.test.ts). */
export const dumped = (obj: PyDict): Buffer => Buffer.from(pyJsonText(obj, { indent: 4 }));
