import { createHash } from 'node:crypto';
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadMergeRules, pyDict, type PyDict, type PyValue } from '@shardwise/core';
import { mergeRun, mergeRunEach, parsePyJson, stringifyPyJson, summarizeRun, writeMerge } from '@shardwise/merge';
import { buildRun, correctAt, gsm8kLike } from '../fixtures/merge/split-run.js';
import { runCliIn } from '../support/cli-harness.js';
import { DEMO_RUN } from '../support/demo-launch.js';
import { tempDir } from '../support/temp-dir.js';

/*
 * A shard read by its layout keeps no bytes: when a merge writes its details (or hashes it for the sidecar), the
 * shard is read again, parsed exactly and checked against what was read. These tests change a shard between the
 * dry run and the write, as a still-running evaluation or a copy in progress would.
 */

const { rules } = loadMergeRules();
const GSM8K = { abbr: 'gsm8k', evaluator: 'Gsm8kEvaluator', sizes: [3, 3, 2], result: gsm8kLike };
const SHARD = 'results/m1/gsm8k_1.json';
const MERGED = 'results/m1/gsm8k.json';

/** A dry run of the split gsm8k (details not built), then `edit` of shard 1's value, then the write. */
function writeAfterEdit(edit: (shard: PyDict) => PyDict) {
  const { runDir, experiment, plan } = buildRun(['m1'], [GSM8K]);
  const outcomes = [...mergeRunEach(runDir, experiment, plan, rules)];
  expect(outcomes.map((o) => o.status)).toEqual(['merged']);
  const shard = parsePyJson(readFileSync(join(runDir, SHARD), 'utf8'), SHARD).value as PyDict;
  writeFileSync(join(runDir, SHARD), stringifyPyJson(edit(shard)));
  return { runDir, ...writeMerge(runDir, outcomes) };
}

const withDetails = (shard: PyDict, details: PyValue[]) => pyDict([...shard].map(([k, v]) => [k as string, k === 'details' ? details : v]));

describe('merged details are built from the shards read again', () => {
  it('a shard whose details lost an entry since the dry run refuses the write (SW_RESULT_CHANGED), nothing written', () => {
    const r = writeAfterEdit((shard) => withDetails(shard, (shard.get('details') as PyValue[]).slice(1)));
    expect(r.written).toEqual([]);
    expect(r.issues).toEqual([
      expect.objectContaining({
        code: 'SW_RESULT_CHANGED',
        severity: 'error',
        file: SHARD,
        message: `${SHARD} changed while shardwise read it: its details has 2 entries now, 3 entries when first read`,
      }),
    ]);
    expect(existsSync(join(r.runDir, MERGED))).toBe(false);
  });

  it('a shard whose metric changed since the dry run refuses the write', () => {
    const r = writeAfterEdit((shard) => pyDict([...shard].map(([k, v]) => [k as string, k === 'accuracy' ? 0.0 : v])));
    expect(r.issues.map((i) => [i.code, i.message])).toEqual([
      ['SW_RESULT_CHANGED', `${SHARD} changed while shardwise read it: its accuracy differs`],
    ]);
    expect(r.written).toEqual([]);
  });

  it('a shard whose details are now malformed refuses the write with the exact parser’s code and position', () => {
    const { runDir, experiment, plan } = buildRun(['m1'], [GSM8K]);
    const outcomes = [...mergeRunEach(runDir, experiment, plan, rules)];
    const text = readFileSync(join(runDir, SHARD), 'utf8');
    writeFileSync(join(runDir, SHARD), text.replace('"correct": [', '"correct" ['));
    const r = writeMerge(runDir, outcomes);
    expect(r.issues.map((i) => [i.code, i.file, i.line])).toEqual([['SW_JSON_SYNTAX', SHARD, 12]]);
    expect(r.written).toEqual([]);
  });

  it('details changed in place (same length and metrics) are written as now on disk, and the sidecar hashes those bytes', () => {
    const r = writeAfterEdit((shard) =>
      withDetails(
        shard,
        (shard.get('details') as PyDict[]).map((d) => pyDict([...d].map(([k, v]) => [k as string, k === 'pred' ? ['edited'] : v]))),
      ),
    );
    expect(r.issues).toEqual([]);
    expect(r.written).toEqual([MERGED, 'results/m1/gsm8k.shardwise.json']);
    const merged = parsePyJson(readFileSync(join(r.runDir, MERGED), 'utf8'), MERGED).value as PyDict;
    const preds = (merged.get('details') as PyDict[]).map((d) => (d.get('pred') as string[])[0]);
    expect(preds).toEqual(['0', '1', '2', 'edited', 'edited', 'edited', '6', '7']);
    const sidecar = JSON.parse(readFileSync(join(r.runDir, 'results/m1/gsm8k.shardwise.json'), 'utf8')) as {
      shards: { path: string; sha256: string }[];
    };
    const bytes = readFileSync(join(r.runDir, SHARD));
    expect(sidecar.shards[1]).toEqual(
      expect.objectContaining({ path: SHARD, sha256: createHash('sha256').update(bytes).digest('hex'), bytes: bytes.length }),
    );
    expect(merged.get('accuracy')).toBeCloseTo((100 * Array.from({ length: 8 }, (_, r) => correctAt(r)).filter(Boolean).length) / 8, 12);
  });
});

describe('on a run merged before', () => {
  it('a re-merge whose shard changed after its dry run refuses when comparing with the merged file, nothing written', () => {
    const { runDir, experiment, plan } = buildRun(['m1'], [GSM8K]);
    expect(writeMerge(runDir, mergeRun(runDir, experiment, plan, rules)).issues).toEqual([]);
    const merged = readFileSync(join(runDir, MERGED), 'utf8');
    const outcomes = [...mergeRunEach(runDir, experiment, plan, rules)];
    const shard = parsePyJson(readFileSync(join(runDir, SHARD), 'utf8'), SHARD).value as PyDict;
    writeFileSync(join(runDir, SHARD), stringifyPyJson(withDetails(shard, (shard.get('details') as PyValue[]).slice(1))));
    const r = writeMerge(runDir, outcomes);
    expect(r.issues.map((i) => i.code)).toEqual(['SW_RESULT_CHANGED']);
    expect(r.written).toEqual([]);
    expect(readFileSync(join(runDir, MERGED), 'utf8')).toBe(merged);
  });

  it('a summary builds no merged details: malformed shard details only make the merge stale', () => {
    const { runDir, experiment, plan } = buildRun(['m1'], [GSM8K]);
    expect(writeMerge(runDir, mergeRun(runDir, experiment, plan, rules)).issues).toEqual([]);
    writeFileSync(join(runDir, SHARD), readFileSync(join(runDir, SHARD), 'utf8').replace('"correct": [', '"correct" ['));
    const out = summarizeRun(runDir, experiment, plan, rules, 't');
    expect(out.mergeIssues.map((i) => [i.code, i.message])).toEqual([['SW_MERGE_STALE', expect.stringContaining(`${SHARD} changed`)]]);
    expect(out.csv.split('\n')[1]).toMatch(/^gsm8k,\w+,accuracy,gen,\d+\.\d\d$/);
  });
});

describe('merge --write on the demo run', () => {
  it('a shard with malformed details passes the dry run (its details are counted, not parsed); building them refuses that dataset with a coded error', async () => {
    const launch = tempDir('sw-reread-');
    for (const part of ['.cache', 'outputs'])
      cpSync(join(import.meta.dirname, '..', '..', 'examples', 'demo', part), join(launch, part), { recursive: true });
    const shard = join(launch, DEMO_RUN, 'results/qwen2.5-7b-hf/gsm8k_1.json');
    const text = readFileSync(shard, 'utf8');
    const broken = text.replace('"pred": [\n                "41"\n            ],', '"pred": [\n                "41"\n            ]');
    expect(broken).not.toBe(text);
    writeFileSync(shard, broken);
    const dry = await runCliIn(launch, ['merge', DEMO_RUN]);
    expect(dry.stdout).toMatch(/^merged {3}qwen2\.5-7b-hf\/gsm8k from 4 shards/m);
    // --json prints the merged results, details built: that dataset is refused with the coded error, the others go on.
    const json = await runCliIn(launch, ['merge', DEMO_RUN, '--json']);
    expect(json.code).toBe(1);
    const report = json.json<{
      outcomes: { model: string; dataset: string; status: string; refusal?: { code: string } }[];
      issues: unknown[];
    }>();
    expect(report.issues).toContainEqual(
      expect.objectContaining({ code: 'SW_JSON_SYNTAX', file: 'results/qwen2.5-7b-hf/gsm8k_1.json', line: 21, col: 13 }),
    );
    const outcome = (model: string) => report.outcomes.find((o) => o.model === model && o.dataset === 'gsm8k');
    expect(outcome('qwen2.5-7b-hf')).toMatchObject({ status: 'refused', refusal: { code: 'SW_JSON_SYNTAX' } });
    expect(outcome('llama-3-8b-hf')).toMatchObject({ status: 'merged' });
    expect(report.outcomes.length).toBeGreaterThan(4);
    const write = await runCliIn(launch, ['merge', DEMO_RUN, '--write']);
    expect(write.code).toBe(1);
    expect(write.stdout + write.stderr).toContain(
      "results/qwen2.5-7b-hf/gsm8k_1.json:21:13: error SW_JSON_SYNTAX expecting ',' or '}' at line 21, column 13",
    );
    expect(write.stdout + write.stderr).not.toMatch(/^\s+at /m);
    expect(existsSync(join(launch, DEMO_RUN, 'results/qwen2.5-7b-hf/gsm8k.json'))).toBe(false);
    expect(existsSync(join(launch, DEMO_RUN, 'results/llama-3-8b-hf/gsm8k.json'))).toBe(true);
  });
});
