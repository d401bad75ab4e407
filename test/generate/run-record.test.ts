import { cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { schemasDir, validateAgainst } from '@shardwise/core';
import { buildRunRecord, diffRunRecords, type RecordInputs } from '@shardwise/generate';
import { splitRunConfig, writeSplitRun } from './split-run-fixture.js';
import { tempDir } from '../support/temp-dir.js';

function recordedRun() {
  const run = join(tempDir('sw-record-'), '20250101_120000');
  writeSplitRun(run);
  mkdirSync(join(run, 'configs'));
  const configFile = join(run, 'configs', '20250101_120000_1.py');
  writeFileSync(configFile, "models=[dict(abbr='m1')]\n");
  const { plan } = splitRunConfig();
  const inputs: RecordInputs = {
    shardwiseVersion: '0.1.0',
    runDir: run,
    configFile,
    configFiles: [configFile],
    plan,
    sizes: plan.sizes ?? [],
    ruleTableFile: join(schemasDir(), 'merge-rules.json'),
    merged: [{ model: 'm1', dataset: 'demo', status: 'merged', sha256: 'a'.repeat(64), metrics: { accuracy: 60 } }],
    summarizer: { type: 'numworker_summarizer.NumWorkerSummarizer', dataset_abbrs: ['demo', 'tiny'], summary_groups: [] },
  };
  return { run, inputs, record: buildRunRecord(inputs) };
}

describe('reproducibility records', () => {
  it('are schema-valid, deterministic, with run-relative paths and every run file', () => {
    const { record, inputs } = recordedRun();
    expect(validateAgainst('record.schema.json', record)).toEqual([]);
    expect(record.configFile).toBe('configs/20250101_120000_1.py');
    expect(record.files.map((f) => f.path)).toEqual([
      'predictions/m1/demo_0.json',
      'predictions/m1/demo_1.json',
      'results/m1/demo_0.json',
      'results/m1/demo_1.json',
      'results/m1/tiny.json',
    ]);
    expect(record.partitioners.eval).toEqual({
      type: 'opencompass.partitioners.NumWorkerPartitioner',
      args: expect.any(Object),
      assumed: false,
    });
    expect(JSON.stringify(buildRunRecord(inputs))).toBe(JSON.stringify(record));
  });

  it('verify finds no drift on the untouched run, nor on a copy of it', () => {
    const { run, inputs, record } = recordedRun();
    expect(diffRunRecords(record, buildRunRecord(inputs))).toEqual([]);
    const copy = `${run}-copy`;
    cpSync(run, copy, { recursive: true });
    const fresh = buildRunRecord({
      ...inputs,
      runDir: copy,
      configFile: join(copy, 'configs', '20250101_120000_1.py'),
      configFiles: [join(copy, 'configs', '20250101_120000_1.py')],
    });
    expect(diffRunRecords(record, { ...fresh, runDir: record.runDir })).toEqual([]);
  });

  it.each([
    [
      'a changed shard',
      (run: string) => writeFileSync(join(run, 'results', 'm1', 'demo_1.json'), '{"accuracy": 99.0}'),
      ['SW_RECORD_FILE_CHANGED'],
    ],
    [
      'a new file',
      (run: string) => writeFileSync(join(run, 'results', 'm1', 'demo_2.json'), '{"accuracy": 1.0}'),
      ['SW_RECORD_FILE_ADDED'],
    ],
    ['a deleted prediction', (run: string) => rmSync(join(run, 'predictions', 'm1', 'demo_0.json')), ['SW_RECORD_FILE_MISSING']],
    [
      'a changed config',
      (run: string) => writeFileSync(join(run, 'configs', '20250101_120000_1.py'), "models=[dict(abbr='m2')]\n"),
      ['SW_RECORD_CONFIG_DRIFT'],
    ],
  ])('verify reports %s with its code', (_name, change, codes) => {
    const { run, inputs, record } = recordedRun();
    change(run);
    expect(diffRunRecords(record, buildRunRecord(inputs)).map((i) => i.code)).toEqual(codes);
  });

  it('reports plan, size, merge and summarizer drift', () => {
    const { inputs, record } = recordedRun();
    const { plan } = splitRunConfig({ n: 2 });
    const fresh = buildRunRecord({
      ...inputs,
      plan: { ...plan, stages: { ...plan.stages, eval: { ...plan.stages.eval!, files: plan.stages.eval!.files.slice(1) } } },
      sizes: [
        { dataset: 'demo', size: 36, source: 'cli' },
        { dataset: 'tiny', size: 10, source: 'cli' },
      ],
      merged: [{ model: 'm1', dataset: 'demo', status: 'refused', sha256: null, codes: ['SW_MERGE_SHARD_MISSING'] }],
      summarizer: { ...inputs.summarizer, dataset_abbrs: ['demo'] },
      shardwiseVersion: '0.2.0',
    });
    expect(diffRunRecords(record, fresh).map((i) => i.code)).toEqual([
      'SW_RECORD_VERSION_DRIFT',
      'SW_RECORD_SIZE_DRIFT',
      'SW_RECORD_PLAN_DRIFT',
      'SW_RECORD_MERGE_DRIFT',
      'SW_RECORD_SUMMARIZER_DRIFT',
    ]);
  });
});
