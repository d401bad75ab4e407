import { execFileSync } from 'node:child_process';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PyDict, type PyValue } from '@shardwise/core';
import { stringifyPyJson } from '@shardwise/merge';
import { predictionRows } from '@shardwise/plan';
import { applyEdits, textEdits } from './text-edits.js';

/*
 * Counting prediction rows must agree with what the eval task sees: Python's json.load of the file and
 * `preds[str(i)] for i in range(len(preds))`. For every text Python reads as an object without duplicate
 * keys, predictionRows says ok with len(preds) rows exactly when the keys are "0".."N-1".
 */

const SEED = 20261128;

const record: fc.Arbitrary<PyValue> = fc
  .array(
    fc.tuple(
      fc.constantFrom('origin_prompt', 'prediction', 'gold', 'in-context examples'),
      fc.oneof(
        fc.string({ unit: 'grapheme', maxLength: 10 }),
        fc.constantFrom('"0": ', '}, "1": {', '\\', '[{'),
        fc.double(),
        fc.bigInt({ min: -99n, max: 99n }),
      ),
    ),
    { maxLength: 3 },
  )
  .map((e) => new PyDict(e));

/** A prediction file: keys "0".."N-1" in some order, now and then an odd key, written as OpenCompass does (indent 4). */
const predictionFile = fc
  .tuple(
    fc.array(record, { maxLength: 8 }),
    fc.option(fc.constantFrom('00', '-1', '1.0', 'x', '\\u0030', '7', ''), { nil: undefined }),
    fc.boolean(),
  )
  .map(([records, odd, reversed]) => {
    const entries: [string, PyValue][] = records.map((r, i) => [String(i), r]);
    if (reversed) entries.reverse();
    if (odd !== undefined && entries.length) entries[0]![0] = odd;
    return stringifyPyJson(new PyDict(entries)).replace('"\\\\u0030"', '"\\u0030"');
  });

/** Python's view of each text: rows when it is an object with unique keys "0".."N-1", 'odd' for other objects, null when json.load fails or keys repeat. */
function pythonRows(texts: string[]): (number | 'odd' | null)[] {
  const script = [
    'import json, sys',
    'out = []',
    'for t in json.load(sys.stdin):',
    '    try:',
    '        pairs = json.loads(t, object_pairs_hook=lambda p: p)',
    '    except Exception:',
    '        out.append(None); continue',
    '    if not isinstance(pairs, list) or len(set(k for k, _ in pairs)) != len(pairs):',
    '        out.append(None); continue',
    '    keys = set(k for k, _ in pairs)',
    "    out.append(len(pairs) if keys == set(str(i) for i in range(len(pairs))) else 'odd')",
    'print(json.dumps(out))',
  ].join('\n');
  return JSON.parse(execFileSync('python3', ['-c', script], { input: JSON.stringify(texts), encoding: 'utf8', maxBuffer: 1 << 26 })) as (
    number | 'odd' | null
  )[];
}

describe('prediction rows agree with the eval task reading the file in Python', () => {
  it('for generated and mutated prediction files', () => {
    const edits = textEdits(['{', '}', '[', ']', '"', ',', ':', '\\', 'N', ' ', '0', '1'], 2);
    const texts = [
      ...fc.sample(predictionFile, { seed: SEED, numRuns: 600 }),
      ...fc.sample(fc.tuple(predictionFile, edits), { seed: SEED + 1, numRuns: 600 }).map(([t, es]) => applyEdits(t, es)),
    ];
    const python = pythonRows(texts);
    let compared = 0;
    texts.forEach((text, i) => {
      const ours = predictionRows(text);
      const py = python[i];
      if (py === null) return; // Python cannot read it (or drops a duplicate): the eval task fails or differs; no claim
      compared++;
      expect({ text, ours }).toEqual({ text, ours: py === 'odd' ? { ok: false, reason: expect.any(String) } : { ok: true, rows: py } });
    });
    expect(compared).toBeGreaterThan(700);
  });
});
