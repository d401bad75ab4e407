import { symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PyDict, pyDict, type PyValue, loadMergeRules } from '@shardwise/core';
import { compileTransform, TransformError, displayWidth, stringifyPyJson, summarize, summarizeRun, tabulateSimple } from '@shardwise/merge';
import { buildRun, datasetEntry, experimentOf, model, put } from '../fixtures/merge/split-run.js';
import { tempDir } from '../support/temp-dir.js';

const PPL = 'opencompass.openicl.icl_inferencer.PPLInferencer';
const results = (table: Record<string, Record<string, [string, PyValue][]>>) => (m: string, d: string) => {
  const r = table[m]?.[d];
  return r ? pyDict(r) : undefined;
};
const group = (entries: [string, PyValue][]) => pyDict(entries);
const rowOf = (table: string[][], name: string, metric?: string) =>
  table.find((r) => r[0] === name && (metric === undefined || r[2] === metric));

describe('the summary tables (docs/opencompass.md §7)', () => {
  it('§7.9 tabulate example, verbatim', () => {
    const text = tabulateSimple([
      ['dataset', 'version', 'metric', 'mode', 'm1', 'model-2'],
      ['a', '4d3a0b', 'accuracy', 'gen', '80.00', '70.50'],
      ['b', '747ac5', 'score', 'ppl', '-', '5.00'],
      ['cc', '30ab3b', 'zz', 'ppl', '1.00', 'nan'],
    ]);
    expect(text).toBe(
      'dataset    version    metric    mode    m1       model-2\n' +
        '---------  ---------  --------  ------  -----  ---------\n' +
        'a          4d3a0b     accuracy  gen     80.00      70.50\n' +
        'b          747ac5     score     ppl     -           5.00\n' +
        'cc         30ab3b     zz        ppl     1.00      nan',
    );
  });

  it('§7.9 csv example and the whole txt layout', () => {
    const experiment = experimentOf(
      [model('m1'), model('m2')],
      [datasetEntry({ abbr: 'a' })],
      pyDict([['dataset_abbrs', ['a', 'c', 'd,x']]]),
    );
    const out = summarize({
      experiment,
      timeStr: '20250102_000000',
      readResult: results({ m1: { a: [['accuracy', 80.0]] }, m2: { a: [['accuracy', 70.5]] } }),
    });
    expect(out.csv).toBe('dataset,version,metric,mode,m1,m2\na,4d3a0b,accuracy,gen,80.00,70.50\nc,-,-,-,-,-\nd x,-,-,-,-,-\n');
    const hr = (c: string) => c.repeat(128);
    const div = `${hr('-')} THIS IS A DIVIDER ${hr('-')}`;
    const lines = out.txt.split('\n');
    expect(lines.slice(0, 3)).toEqual(['20250102_000000', 'tabulate format', hr('^')]);
    expect(out.txt).toContain(
      `${hr('$')}\n\n${div}\n\ncsv format\n${hr('^')}\ndataset,version,metric,mode,m1,m2\na,4d3a0b,accuracy,gen,80.00,70.50\nc,-,-,-,-,-\nd,x,-,-,-,-,-\n${hr('$')}\n\nmarkdown format\n`,
    );
    expect(out.txt).toContain(
      `| d,x | - | - | - | - | - |\n\n${hr('$')}\n${div}\n\nraw format\n${hr('^')}\n-------------------------------\nModel: m1\na: {'accuracy': 80.0}\n`,
    );
    expect(out.txt.endsWith(`a: {'accuracy': 70.5}\n${hr('$')}\n`)).toBe(true);
    expect(out.md.split('\n')[1]).toBe('|----- | ----- | ----- | ----- | ----- | -----|');
    expect(out.dashes.map((d) => [d.row, d.kind])).toEqual([
      ['c', 'not-a-dataset'],
      ['d,x', 'not-a-dataset'],
    ]);
  });

  it.each([
    ["metric='foo', std=True", { metric: 'foo', std: true }, 'foo', '45.00'],
    ["metric='standard_deviation'", { metric: 'standard_deviation' }, 'standard_deviation', '15.00'],
    ['sum=True, weights {x: 1, y: 1}', { sum: true, weights: { x: 1n, y: 1n } }, 'sum', '90.00'],
  ])('§7.11 group %s over x=30, y=60 → %s %s', (_, opts, metric, value) => {
    const entries: [string, PyValue][] = [
      ['name', 'g'],
      ['subsets', ['x', 'y']],
    ];
    for (const [k, v] of Object.entries(opts))
      entries.push([k, typeof v === 'object' ? new PyDict(Object.entries(v as Record<string, PyValue>)) : (v as PyValue)]);
    const experiment = experimentOf(
      [model('m')],
      [datasetEntry({ abbr: 'x' }), datasetEntry({ abbr: 'y' })],
      pyDict([
        ['summary_groups', [group(entries)]],
        ['dataset_abbrs', [['g', metric]]],
      ]),
    );
    const out = summarize({ experiment, timeStr: 't', readResult: results({ m: { x: [['accuracy', 30.0]], y: [['accuracy', 60.0]] } }) });
    expect(out.table[1]).toEqual(['g', '-', metric, 'gen', value]);
  });

  it('§7.11 a group over one dataset gives two automatic rows; over mixed subsets 40.06 / 46.06 / mixed', () => {
    const experiment = experimentOf(
      [model('m')],
      [datasetEntry({ abbr: 'a' }), datasetEntry({ abbr: 'b', inferencer: PPL })],
      pyDict([
        [
          'summary_groups',
          [
            group([
              ['name', 'grp2'],
              ['subsets', ['a']],
            ]),
            group([
              ['name', 'g'],
              ['subsets', ['a', 'b']],
            ]),
          ],
        ],
      ]),
    );
    const out = summarize({
      experiment,
      timeStr: 't',
      readResult: results({
        m: {
          a: [['accuracy', 80.0]],
          b: [
            ['score', 12.125],
            ['accuracy', 0.125],
            ['zz', 1.0],
          ],
        },
      }),
    });
    expect(out.table.filter((r) => r[0] === 'grp2')).toEqual([
      ['grp2', '-', 'accuracy', 'gen', '80.00'],
      ['grp2', '-', 'naive_average', 'gen', '80.00'],
    ]);
    expect(rowOf(out.table, 'g', 'accuracy')).toEqual(['g', '-', 'accuracy', 'mixed', '40.06']);
    expect(rowOf(out.table, 'g', 'naive_average')).toEqual(['g', '-', 'naive_average', 'mixed', '46.06']);
    expect(rowOf(out.table, 'b', 'score')![4]).toBe('12.12');
  });

  it('§7.11 {"accuracy": true} prints 1.00 and raw True; 1e21 prints without exponent and raw 1e+21', () => {
    const experiment = experimentOf([model('m')], [datasetEntry({ abbr: 'a' }), datasetEntry({ abbr: 'b' })]);
    const out = summarize({ experiment, timeStr: 't', readResult: results({ m: { a: [['accuracy', true]], b: [['accuracy', 1e21]] } }) });
    expect(out.table.slice(1).map((r) => r[4])).toEqual(['1.00', '1000000000000000000000.00']);
    expect(out.txt).toContain("a: {'accuracy': True}\nb: {'accuracy': 1e+21}\n");
  });

  it('§7.11 c_0 (80 over 2) + c_1 (100 over 1) with no c.json merges to 86.67', () => {
    const { runDir, experiment, plan } = buildRun(
      ['m'],
      [
        {
          abbr: 'c',
          evaluator: 'AccEvaluator',
          sizes: [2, 1],
          result: ({ index }) => pyDict([['accuracy', index === 0 ? 80.0 : 100.0]]),
        },
      ],
    );
    const out = summarizeRun(runDir, experiment, plan, loadMergeRules().rules, 't');
    expect(out.csv.split('\n')[1]).toBe('c,4d3a0b,accuracy,gen,86.67');
  });

  it('the PR #2451 metric-order trap: shard key order keeps the tuple of an unsplit model, alphabetical order would abort', () => {
    const { runDir, experiment, plan } = buildRun(
      ['m2'],
      [
        {
          abbr: 'd',
          evaluator: 'AccEvaluator',
          sizes: [2, 2],
          result: () =>
            pyDict([
              ['valid_score', 1.0],
              ['acc', 50.0],
            ]),
        },
      ],
    );
    const both = experimentOf([model('m1'), model('m2')], experiment.datasets);
    // m1 ran unsplit: its result, in the order its evaluator returned the keys.
    const m1Result = () =>
      pyDict([
        ['valid_score', 1.0],
        ['acc', 40.0],
      ]);
    const unsplit = summarize({
      experiment: both,
      timeStr: 't',
      readResult: (m) => (m === 'm1' ? m1Result() : undefined),
    });
    expect(unsplit.issues).toEqual([]);
    // m1's unsplit file on disk next to m2 merged in memory from its shards: same tuple, no assertion
    put(runDir, 'results/m1/d.json', m1Result());
    const merged = summarizeRun(runDir, both, plan, loadMergeRules().rules, 't');
    expect(merged.issues).toEqual([]);
    expect(merged.table.slice(1)).toEqual([
      ['d', '4d3a0b', 'valid_score', 'gen', '1.00', '1.00'],
      ['d', '4d3a0b', 'acc', 'gen', '40.00', '50.00'],
    ]);
    const alphabetical = summarize({
      experiment: both,
      timeStr: 't',
      readResult: (m) =>
        m === 'm1'
          ? m1Result()
          : pyDict([
              ['acc', 50.0],
              ['valid_score', 1.0],
            ]),
    });
    expect(alphabetical.issues.map((i) => i.code)).toEqual(['SW_SUMMARY_DIFFERENT_METRICS']);
  });

  it('an unsplit result linked out of the run dir is not read: SW_RUN_LINK_OUTSIDE, and the shards merged in memory stand in', () => {
    const { runDir, experiment, plan } = buildRun(
      ['m'],
      [{ abbr: 'c', evaluator: 'AccEvaluator', sizes: [2, 1], result: ({ index }) => pyDict([['accuracy', index === 0 ? 80.0 : 100.0]]) }],
    );
    const outside = join(tempDir('sw-outside-'), 'c.json');
    writeFileSync(outside, stringifyPyJson(pyDict([['accuracy', 1.0]])));
    symlinkSync(outside, join(runDir, 'results', 'm', 'c.json'));
    const out = summarizeRun(runDir, experiment, plan, loadMergeRules().rules, 't');
    expect(out.issues.map((i) => i.code)).toEqual(['SW_RUN_LINK_OUTSIDE']);
    expect(out.csv.split('\n')[1]).toBe('c,4d3a0b,accuracy,gen,86.67');
  });

  it('explains every "-": missing file, error result, refused merge, missing group subset', () => {
    const { runDir, experiment, plan } = buildRun(
      ['m'],
      [{ abbr: 'h', evaluator: 'HumanEvalEvaluator', sizes: [2, 2], result: () => pyDict([['humaneval_pass@1', 50.0]]) }],
    );
    const exp = {
      ...experiment,
      datasets: [...experiment.datasets, datasetEntry({ abbr: 'gone' })],
      summarizer: pyDict([
        [
          'summary_groups',
          [
            group([
              ['name', 'g'],
              ['subsets', ['h', 'gone']],
            ]),
          ],
        ],
      ]),
    };
    const out = summarizeRun(runDir, exp, plan, loadMergeRules().rules, 't');
    const kinds = out.dashes.map((d) => `${d.row}:${d.kind}`);
    expect(kinds).toEqual(['h:refused-merge', 'gone:no-file']);
    const errored = summarize({
      experiment: exp,
      timeStr: 't',
      readResult: results({ m: { h: [['error', 'x']], gone: [['accuracy', 1.0]] } }),
    });
    expect(errored.dashes.map((d) => `${d.row}:${d.kind}`)).toEqual(['h:error-in-result']);
    expect(errored.txt).toContain(`g: {'error': "missing metrics: ['h']"}`);
  });

  it.each(['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf'])(
    'a transform naming the JS object member %s is refused, not looked up',
    (name) => {
      expect(() => compileTransform(`x + ${name}`)).toThrow(TransformError);
      expect(() => compileTransform(`${name}(x)`)).toThrow(TransformError);
    },
  );

  it('transforms are arithmetic in x, evaluated without eval; anything else is refused', () => {
    expect(compileTransform('((2 - x) / 2) * 100')(0.5)).toBe(75);
    expect(compileTransform('min(100, max(0, x))')(130)).toBe(100);
    expect(compileTransform('-x ** 2 + math.sqrt(16)')(3)).toBe(-5);
    expect(() => compileTransform('__import__("os").system("ls")')).toThrow(/unexpected|not allowed/);
    const experiment = experimentOf(
      [model('m')],
      [datasetEntry({ abbr: 'x' })],
      pyDict([
        [
          'summary_groups',
          [
            group([
              ['name', 'g'],
              ['subsets', ['x']],
              ['transforms', pyDict([['x', 'open("f")']])],
            ]),
          ],
        ],
      ]),
    );
    const out = summarize({ experiment, timeStr: 't', readResult: results({ m: { x: [['accuracy', 1.0]] } }) });
    expect(out.issues.map((i) => i.code)).toEqual(['SW_SUMMARY_TRANSFORM_INVALID']);
  });

  it('East-Asian wide characters count two columns', () => {
    expect(displayWidth('数学abc')).toBe(7);
    expect(
      tabulateSimple([
        ['dataset', 'm'],
        ['数学', '1.00'],
      ]).split('\n')[2],
    ).toBe('数学       1.00');
  });
});
