import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pyDict, type PyDict, type PyValue, mergeRulesPath } from '@shardwise/core';
import { generateSummarizerFiles } from '@shardwise/generate';
import { parsePyJson, summarize } from '@shardwise/merge';
import type { Experiment } from '@shardwise/plan';
import { datasetEntry, experimentOf, model } from '../fixtures/merge/split-run.js';
import { tempDir } from '../support/temp-dir.js';

/*
 * Issue 14 part 5: the generated summarizer_config.py keeps the user's table. Without `dataset_abbrs`,
 * DefaultSummarizer prints one row per metric of each dataset; a listed bare abbr prints only its first metric, so
 * an invented `dataset_abbrs` drops the `F1 score` row of a dataset that also has `EM score`. python3 runs the
 * generated config; the DefaultSummarizer re-creation (summarize) then prints the same rows with the generated
 * summarizer dict as with the user's own config, on the same unsplit results.
 */

const results: Record<string, [string, PyValue][]> = {
  squad: [
    ['EM score', 70.25],
    ['F1 score', 80.5],
  ],
  gsm8k: [['accuracy', 60.0]],
  drop: [
    ['em', 55.0],
    ['f1', 61.75],
    ['accuracy', 50.0],
  ],
};

const group = pyDict([
  ['name', 'qa'],
  ['subsets', ['squad', 'drop']],
]);
const CONFIGS: [string, PyDict | undefined][] = [
  ['no summarizer', undefined],
  [
    'a summarizer with groups but no dataset_abbrs',
    pyDict([
      ['type', 'opencompass.summarizers.DefaultSummarizer'],
      ['summary_groups', [group]],
    ]),
  ],
  [
    'a summarizer with dataset_abbrs',
    pyDict([
      ['dataset_abbrs', ['gsm8k', ['squad', 'F1 score'], 'qa']],
      ['summary_groups', [group]],
    ]),
  ],
];

/** The `summarizer` dict of the generated summarizer_config.py, as python3 evaluates it. */
function generatedSummarizer(experiment: Experiment): PyDict {
  const dir = tempDir('sw-gen-rows-');
  const files = generateSummarizerFiles({
    shardwiseVersion: '0.0.0-test',
    experiment,
    plan: { stages: {} },
    rulesText: readFileSync(mergeRulesPath(), 'utf8'),
    configLabel: 'eval_demo.py',
    outDir: dir,
  });
  for (const f of files) writeFileSync(join(dir, f.name), f.text);
  const json = execFileSync(
    'python3',
    ['-c', 'import json, runpy, sys; print(json.dumps(runpy.run_path(sys.argv[1])["summarizer"]))', join(dir, 'summarizer_config.py')],
    { encoding: 'utf8' },
  );
  return parsePyJson(json, 'summarizer_config.py').value as PyDict;
}

const table = (experiment: Experiment) =>
  summarize({ experiment, timeStr: 't', readResult: (_m, abbr) => (results[abbr] ? pyDict(results[abbr]) : undefined) }).table;

describe('the generated summarizer config keeps the user table', () => {
  it.each(CONFIGS)('%s: the same rows as the stock summarizer on the unsplit results', (_name, summarizer) => {
    const experiment = experimentOf(
      [model('m1'), model('m2')],
      Object.keys(results).map((abbr) => datasetEntry({ abbr, evaluator: 'AccEvaluator' })),
      summarizer,
    );
    const generated = generatedSummarizer(experiment);
    expect(generated.get('type')).toBe('numworker_summarizer.NumWorkerSummarizer');
    expect([...generated.keys()].filter((k) => k !== 'type')).toEqual([...(summarizer?.keys() ?? [])].filter((k) => k !== 'type'));
    const stock = table(experiment);
    expect(table({ ...experiment, summarizer: generated })).toEqual(stock);
  });

  it('unset dataset_abbrs shows every metric of a multi-metric dataset', () => {
    const experiment = experimentOf(
      [model('m1')],
      Object.keys(results).map((abbr) => datasetEntry({ abbr, evaluator: 'AccEvaluator' })),
    );
    expect(generatedSummarizer(experiment).has('dataset_abbrs')).toBe(false);
    const rows = table(experiment)
      .slice(1)
      .map((r) => `${r[0]} ${r[2]}`);
    expect(rows).toEqual(['squad EM score', 'squad F1 score', 'gsm8k accuracy', 'drop accuracy', 'drop f1', 'drop em']);
  });
});
