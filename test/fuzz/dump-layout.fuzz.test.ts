import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PyDict, pyDict, pyJsonText, RunTree, type PyValue } from '@shardwise/core';
import { DeferredValue, materialized, readResultObject, readResultTop, stringifyPyJson } from '@shardwise/merge';
import { readDumpLayout } from '../../packages/merge/src/dump-layout.js';
import { tempDir } from '../support/temp-dir.js';
import { entry, key, result, value } from './result-arbitraries.js';
import { applyEdits, textEdits } from './text-edits.js';

/*
 * A result's top level read from its indent-4 layout (readResultTop) must be what the exact parser reads
 * (readResultObject with `details` deferred): the same dict, the same deferred details length, the same issues, and
 * the same details once built (the layout path reads the file again for them). Texts are written by python-json.ts,
 * byte-identical to Python's json.dump(indent=4, ensure_ascii=False) (dump-layout-python.test.ts checks that).
 */

const SEED = 20261205;

/** A top-level key repeated (its first position, its last value win), or a duplicate inside a metrics dict. */
const withDuplicate = fc.tuple(result, fc.nat(), fc.boolean()).map(([r, i, nested]) => {
  const text = stringifyPyJson(r);
  if (r.size === 0) return text;
  const k = [...r.keys()][i % r.size] as string;
  if (nested) return text.replace(/\{\n {8}"/, `{\n        ${JSON.stringify(k)}: 1,\n        "`);
  return text.replace(/\n\}$/, `,\n    ${JSON.stringify(k)}: 2\n}`);
});

let files = 0;
const runDir = tempDir('sw-layout-');

/** Both readers on `text` written as a result file; a fresh tree each time (a tree lists a folder once). */
function reads(text: string) {
  const rel = `results/m/r${files++}.json`;
  mkdirSync(dirname(join(runDir, rel)), { recursive: true });
  writeFileSync(join(runDir, rel), text);
  const exact = readResultObject(new RunTree(runDir), rel, { defer: (k) => k === 'details' });
  const top = readResultTop(new RunTree(runDir), rel);
  return { exact, top };
}

/** A read as data: the dict (details by kind and length, then built), its text, its issues. */
function view(read: { value?: PyDict; issues: unknown[] }) {
  const d = read.value?.get('details');
  return {
    issues: read.issues,
    deferred: d instanceof DeferredValue ? { length: d.length } : 'built',
    value: read.value ? stringifyPyJson(materialized(read.value)) : undefined,
  };
}

const expectSameAsExact = (text: string): void => {
  const { exact, top } = reads(text);
  expect(view(top)).toEqual(view(exact));
  expect(top.found).toBe(exact.text !== undefined);
};

describe('the layout read of a result equals the exact read', () => {
  it('for generated results: NaN, big ints, 1e16, unicode and escaped keys, nested metrics, every details shape', () => {
    fc.assert(
      fc.property(result, (r) => expectSameAsExact(stringifyPyJson(r))),
      { seed: SEED, numRuns: 600 },
    );
  });

  it('for results with a duplicate key at the top level or inside a metrics dict', () => {
    fc.assert(
      fc.property(withDuplicate, (t) => expectSameAsExact(t)),
      { seed: SEED, numRuns: 300 },
    );
  });

  it('for results edited outside their details (cut tokens, stray quotes, brackets, indents)', () => {
    // The details list is spliced in after the edits: its bytes are what the layout path trusts unparsed.
    const edits = textEdits(['{', '}', '[', ']', '"', ',', ':', '\\', '\n', '    ', 'NaN', '0', ' ', 'é'], 3);
    const split = fc.tuple(result, fc.array(entry, { minLength: 1, maxLength: 4 }));
    fc.assert(
      fc.property(split, edits, ([r, list], es) => {
        const marked = stringifyPyJson(new PyDict([...r].map(([k, v]) => [k, k === 'details' ? '@@DETAILS@@' : v])));
        const edited = applyEdits(marked, es).replace('"@@DETAILS@@"', pyJsonText(list, { indent: 4, level: 1 }));
        expectSameAsExact(edited);
      }),
      { seed: SEED, numRuns: 600 },
    );
  });

  it('is taken for every result in the layout whose details are a list of dicts, empty or absent', () => {
    const clean = fc
      .tuple(fc.array(fc.tuple(key, value), { maxLength: 5 }), fc.option(fc.array(entry, { maxLength: 6 }), { nil: undefined }))
      .map(([m, d]) => new PyDict([...m.filter(([k]) => k !== 'details'), ...(d ? ([['details', d]] as [string, PyValue][]) : [])]))
      .filter((r) => r.size > 0);
    fc.assert(
      fc.property(clean, (r) => {
        const layout = readDumpLayout(Buffer.from(stringifyPyJson(r)), 'details', (n) => n);
        expect(layout).toBeInstanceOf(PyDict);
        expect(layout!.get('details')).toBe((r.get('details') as PyValue[] | undefined)?.length);
      }),
      { seed: SEED, numRuns: 400 },
    );
  });

  it('never takes a truncated file, cut at any byte', () => {
    fc.assert(
      fc.property(result, (r) => {
        const bytes = Buffer.from(stringifyPyJson(r));
        const taken = Array.from({ length: bytes.length }, (_, cut) => readDumpLayout(bytes.subarray(0, cut), 'details', (n) => n));
        expect(taken.filter((t) => t !== undefined)).toEqual([]);
      }),
      { seed: SEED, numRuns: 150 },
    );
    // And cut files read as the exact path reads them (SW_JSON_TRUNCATED at the same position).
    const text = stringifyPyJson(
      pyDict([
        ['accuracy', 50.0],
        ['details', [pyDict([['pred', ['1']]]), pyDict([['pred', ['2']]])]],
      ]),
    );
    for (let cut = 0; cut < text.length; cut++) expectSameAsExact(text.slice(0, cut));
  });

  it('falls back to the exact path for a BOM, a trailing newline, compact or indent-2 text, CRLF', () => {
    const r = pyDict([
      ['accuracy', 50.0],
      ['details', [pyDict([['pred', ['1']]])]],
    ]);
    const indented = stringifyPyJson(r);
    const variants = [
      '\uFEFF' + indented,
      indented + '\n',
      JSON.stringify({ accuracy: 50.5, details: [{}] }),
      JSON.stringify({ a: 1, details: [{}] }, null, 2),
      indented.replaceAll('\n', '\r\n'),
    ];
    for (const t of variants) {
      expect(readDumpLayout(Buffer.from(t), 'details', (n) => n)).toBeUndefined();
      expectSameAsExact(t);
    }
  });

  it('trusts a details list to hold only dicts: one mixing dicts and other values at depth 2 is miscounted, as documented', () => {
    const mixed = stringifyPyJson(
      pyDict([
        ['accuracy', 50.0],
        ['details', [pyDict([['a', 1n]]), 1n, pyDict([['a', 2n]])]],
      ]),
    );
    expect(readDumpLayout(Buffer.from(mixed), 'details', (n) => n)?.get('details')).toBe(1);
    const { exact, top } = reads(mixed);
    expect((exact.value!.get('details') as DeferredValue).length).toBe(3);
    // Building them reads the file again, exactly, and refuses the miscount.
    expect(() => materialized(top.value!)).toThrow(
      /SW_RESULT_CHANGED: results\/m\/r\d+\.json changed while shardwise read it: its details has 3 entries now, 1 entry when first read/,
    );
  });
});
