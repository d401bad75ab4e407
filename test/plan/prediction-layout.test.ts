import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PyDict, pyJsonText, type PyValue } from '@shardwise/core';
import { layoutRows, predictionRows, predictionRowsOfBytes } from '@shardwise/plan';
import { dumped, predictions } from './prediction-files.js';

const SEED = 20261205;

/** The exact text scan's answer for the same bytes: what every file the layout does not vouch for gets. */
const textRows = (b: Buffer) => predictionRows(b.toString('utf8'));

/** An indent=4 file from entries whose keys are raw JSON string contents (escapes, duplicates and any order kept). */
const written = (entries: [string, PyValue][]): Buffer =>
  Buffer.from(`{\n    ${entries.map(([k, v]) => `"${k}": ${pyJsonText(v, { indent: 4, level: 1 })}`).join(',\n    ')}\n}`);

/** Other ways to write the same object: none has json.dump's indent=4 frame, so the text scan answers each. */
const OTHER_LAYOUTS: [string, (obj: PyDict) => Buffer][] = [
  ['compact (json.dump without indent)', (obj) => Buffer.from(pyJsonText(obj))],
  ...[0, 2, 3, 8].map((indent): [string, (obj: PyDict) => Buffer] => [
    `indent=${indent}`,
    (obj) => Buffer.from(pyJsonText(obj, { indent })),
  ]),
  ['tabs', (obj) => Buffer.from(pyJsonText(obj, { indent: 4 }).replace(/\n( {4})+/g, (m) => '\n' + '\t'.repeat((m.length - 1) / 4)))],
  ['a UTF-8 BOM', (obj) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), dumped(obj)])],
  ['CRLF line ends (text mode on Windows)', (obj) => Buffer.from(pyJsonText(obj, { indent: 4 }).replace(/\n/g, '\r\n'))],
  ["separators (',', ':')", (obj) => Buffer.from(pyJsonText(obj, { indent: 4 }).replace(/": /g, '":'))],
  ['leading whitespace', (obj) => Buffer.concat([Buffer.from(' \n'), dumped(obj)])],
];

describe("rows read off json.dump's indent=4 layout", () => {
  it('vouch for every file json.dump writes, with the rows the text scan counts', () => {
    fc.assert(
      fc.property(predictions, (obj) => {
        const b = dumped(obj);
        expect(layoutRows(b)).toBe(obj.size);
        expect(predictionRowsOfBytes(b)).toEqual({ ok: true, rows: obj.size });
        expect(textRows(b)).toEqual({ ok: true, rows: obj.size });
      }),
      { seed: SEED, numRuns: 400 },
    );
  });

  it('vouch for no truncation of such a file: every cut is answered by the text scan', () => {
    fc.assert(
      fc.property(predictions, (obj) => {
        const b = dumped(obj);
        for (let cut = 0; cut < b.length; cut++) {
          const part = b.subarray(0, cut);
          expect(layoutRows(part)).toBeUndefined();
          expect(predictionRowsOfBytes(part)).toEqual(textRows(part));
        }
      }),
      { seed: SEED + 1, numRuns: 60 },
    );
  });

  it('allow only whitespace after the closing brace, as the text scan does', () => {
    const b = dumped(new PyDict([['0', new PyDict([['prediction', 'x']])]]));
    for (const tail of ['\n', ' \r\n\t', '\n\n']) expect(layoutRows(Buffer.concat([b, Buffer.from(tail)]))).toBe(1);
    for (const tail of ['x', '\n}', '\n{}', '\u00a0', '\f']) {
      const odd = Buffer.concat([b, Buffer.from(tail)]);
      expect(layoutRows(odd)).toBeUndefined();
      expect(predictionRowsOfBytes(odd)).toEqual({ ok: false, reason: 'text after the top-level object' });
    }
  });

  it('leave keys other than "0".."N-1" in order to the text scan', () => {
    const oddKey = fc.constantFrom(
      '00',
      '01',
      '-1',
      '1.0',
      '+1',
      ' 0',
      '0 ',
      'x',
      '',
      '\\u0030',
      '\\u0031',
      '1e0',
      '٠',
      '1000000000',
      '9999999999',
    );
    const keyed = fc
      .tuple(predictions, fc.nat(), fc.oneof(oddKey, fc.nat({ max: 14 }).map(String)), fc.boolean())
      .map(([obj, at, key, reversed]) => {
        const entries = [...obj] as [string, PyValue][];
        entries[at % entries.length]![0] = key;
        return written(reversed ? entries.reverse() : entries);
      });
    fc.assert(
      fc.property(keyed, (b) => {
        expect(predictionRowsOfBytes(b)).toEqual(textRows(b));
      }),
      { seed: SEED + 2, numRuns: 600 },
    );
  });

  it('are fed odd-key files written as json.dump writes them (same bytes when the keys are in order)', () => {
    fc.assert(
      fc.property(predictions, (obj) => {
        expect(written([...obj] as [string, PyValue][])).toEqual(dumped(obj));
      }),
      { seed: SEED + 3, numRuns: 100 },
    );
  });

  it.each(OTHER_LAYOUTS)('leave %s to the text scan', (_, write) => {
    fc.assert(
      fc.property(predictions, (obj) => {
        const b = write(obj);
        expect(layoutRows(b)).toBeUndefined();
        expect(predictionRowsOfBytes(b)).toEqual(textRows(b));
      }),
      { seed: SEED + 4, numRuns: 100 },
    );
  });

  it.each([
    ['a value written on one line', '{\n    "0": {"prediction": "x"},\n    "1": {}\n}'],
    ['NaN in a one-line value', '{\n    "0": {"PPL": NaN},\n    "1": {"PPL": Infinity}\n}'],
    ["a value's bracket not closed on its own line", '{\n    "0": {\n        "a": 1},\n    "1": 2\n}'],
    ['a value closed by the other bracket', '{\n    "0": [\n        1\n    },\n    "1": 2\n}'],
    ['a value without its first nested line', '{\n    "0": {\n    "a": 1\n    },\n    "1": 2\n}'],
    ['a missing comma', '{\n    "0": 1\n    "1": 2\n}'],
    ['a missing value', '{\n    "0": ,\n    "1": 2\n}'],
    ['a closing brace after the object', '{\n    "0": {\n        "a": 1\n    }\n}\n}'],
    ['a closing brace before a key', '{\n    "0": 1\n}\n,\n    "1": 2\n}'],
    ['a trailing comma', '{\n    "0": 1,\n}'],
    ['a key without the space after its colon', '{\n    "0":1,\n    "1": 2\n}'],
    ['a string value followed by a brace', '{\n    "0": "x" },\n    "1": 2\n}'],
  ])('leave %s to the text scan', (_, text) => {
    const b = Buffer.from(text);
    expect(layoutRows(b)).toBeUndefined();
    expect(predictionRowsOfBytes(b)).toEqual(predictionRows(text));
  });

  it('leave the empty object to the text scan', () => {
    expect(layoutRows(dumped(new PyDict()))).toBeUndefined();
    expect(predictionRowsOfBytes(dumped(new PyDict()))).toEqual({ ok: true, rows: 0 });
  });

  // What the layout trusts, pinned: json.dump never writes these, and here the two readings part.
  it('do not look inside values: a string left open in a value is not seen', () => {
    const b = Buffer.from('{\n    "0": {\n        "prediction": "open\n    },\n    "1": {}\n}');
    expect(layoutRows(b)).toBe(2);
    expect(textRows(b)).toEqual({ ok: false, reason: 'unterminated string' });
  });

  it('take a line indented 4 spaces and starting with a quote for a top-level key, whatever its depth', () => {
    const b = Buffer.from('{\n    "0": {\n        "a": {\n    },\n    "1": {\n        "b": 1}\n    }\n}');
    expect(JSON.parse(b.toString())).toEqual({ 0: { a: {}, 1: { b: 1 } } });
    expect(layoutRows(b)).toBe(2);
    expect(textRows(b)).toEqual({ ok: true, rows: 1 });
  });
});
