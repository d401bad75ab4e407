import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PyDict, PyTuple, type PyKey, type PyValue } from '@shardwise/core';
import { mmengineDump, readConfig } from '@shardwise/pyconfig';
import { pythonNamespace, tagged } from './support/tagged-value.js';
import { tempDir } from '../../../test/support/temp-dir.js';

const scratch = tempDir('sw-mmengine-dump-');
let written = 0;

/** Writes the dump where OpenCompass puts it (`configs/<ts>_<pid>.py`) and returns the path. */
function dumpToFile(config: PyDict): string {
  const dir = join(scratch, String(written++), 'configs');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, '20250101_120000_4242.py');
  writeFileSync(file, mmengineDump(config));
  return file;
}

/** What the dump preserves: the same values with every dict's keys in `str(key)` order, as mmengine sorts them. */
function sortedKeys(v: PyValue): PyValue {
  if (Array.isArray(v)) return v.map(sortedKeys);
  if (v instanceof PyTuple) return new PyTuple(v.items.map(sortedKeys));
  if (!(v instanceof PyDict)) return v;
  const byStr = [...v].sort(([a], [b]) => (String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0));
  return new PyDict(byStr.map(([k, x]) => [k, sortedKeys(x)] as [PyKey, PyValue]));
}

const KEYWORDS = new Set(
  'and as assert async await break class continue def del elif else except finally for from global if import in is lambda nonlocal not or pass raise return try while with yield'.split(
    ' ',
  ),
);

const d = (entries: [PyKey, PyValue][]): PyDict => new PyDict(entries);

/** A namespace with every shape the dump must render: nesting, tuples, non-identifier and int keys, all scalar kinds. */
const namespace = d([
  ['work_dir', 'outputs/demo/20250101_120000'],
  [
    'models',
    [
      d([
        ['type', 'opencompass.models.HuggingFaceBaseModel'],
        ['abbr', 'm'],
        ['batch_size', 8n],
        ['max_seq_len', 10n ** 20n],
        ['temperature', 0.7],
        ['threshold', 80],
        ['stop', new PyTuple(['</s>', '\n'])],
      ]),
    ],
  ],
  [
    'datasets',
    [
      [
        d([
          ['abbr', 'ceval'],
          [
            'template',
            d([
              [1n, 'B'],
              [0n, 'A'],
              ['A-B', "tab\there, quote ' and \\"],
            ]),
          ],
          ['empty', []],
          ['unit', new PyTuple([])],
        ]),
      ],
    ],
  ],
  [
    'eval',
    d([
      [
        'partitioner',
        d([
          ['type', 'opencompass.partitioners.NumWorkerPartitioner'],
          ['num_worker', 4n],
        ]),
      ],
      [
        'runner',
        d([
          ['retry', null],
          ['debug', false],
          ['lr', 1e-6],
          ['neg', -2.5e21],
        ]),
      ],
    ]),
  ],
  [
    'summarizer',
    d([
      ['dataset_abbrs', ['gsm8k', ['reasoning', 'naive_average'], 'é 中文']],
      [
        'summary_groups',
        [
          d([
            ['name', 'reasoning'],
            ['subsets', ['gsm8k']],
          ]),
        ],
      ],
    ]),
  ],
]);

describe('mmengineDump: the inverse of reading a dumped config', () => {
  it('reads back to the same values (keys sorted), exactly as python3 executes the text', async () => {
    const file = dumpToFile(namespace);
    const back = await readConfig(file);
    expect(back.issues).toEqual([]);
    expect(tagged(back.namespace!)).toEqual(tagged(sortedKeys(namespace)));
    expect(tagged(back.namespace!)).toEqual(pythonNamespace(file));
  });

  it('is a fixpoint: dumping what was read back gives the same text', async () => {
    const back = await readConfig(dumpToFile(namespace));
    expect(mmengineDump(back.namespace!)).toBe(mmengineDump(namespace));
  });

  it('round-trips generated configs', async () => {
    // mmengine writes `kw=dict(...)` for identifier keys and `'{k}'` unescaped for others: keyword keys and
    // keys holding ' or \ dump as invalid Python there too, so they are not generated.
    const name = (re: RegExp) => fc.stringMatching(re).filter((k) => !KEYWORDS.has(k) && k !== 'dict');
    const key = fc.oneof(
      name(/^[a-z_][a-z0-9_]{0,6}$/),
      fc.string({ maxLength: 6 }).filter((k) => !/['\\]/.test(k) && !KEYWORDS.has(k)),
      fc.bigInt({ min: -99n, max: 99n }),
    );
    const scalar = fc.oneof(
      fc.constant(null),
      fc.boolean(),
      fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }),
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.string({ maxLength: 8 }),
    );
    const { value } = fc.letrec<{ value: PyValue; dict: PyDict }>((tie) => ({
      value: fc.oneof(
        { depthSize: 'small' },
        scalar,
        tie('dict'),
        fc.array(tie('value'), { maxLength: 3 }),
        fc.array(tie('value'), { maxLength: 3 }).map((xs) => new PyTuple(xs)),
      ),
      dict: fc.uniqueArray(fc.tuple(key, tie('value')), { maxLength: 4, selector: ([k]) => String(k) }).map((es) => new PyDict(es)),
    }));
    const top = fc
      .uniqueArray(fc.tuple(name(/^[a-z][a-z0-9_]{0,6}$/), value), { minLength: 1, maxLength: 4, selector: ([k]) => k })
      .map((es) => new PyDict(es));
    await fc.assert(
      fc.asyncProperty(top, async (config) => {
        const back = await readConfig(dumpToFile(config));
        expect(back.issues).toEqual([]);
        expect(tagged(back.namespace!)).toEqual(tagged(sortedKeys(config)));
      }),
      { numRuns: 60, seed: 20250101 },
    );
  });
});
