import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pyDict } from '@shardwise/core';
import { materialize, predictionsText, shardFiles, TS, WORK_DIR } from '../fixtures/plan/run-scenario.js';
import { dataset, namespace, partitioner } from '../plan/experiment-fixtures.js';
import { runCliIn } from '../support/cli-harness.js';

const RUN = `${WORK_DIR}/${TS}`;
const NW2 = partitioner('NumWorkerPartitioner', [['num_worker', 2n]]);
/** A dataset the summarizer can version (its infer_cfg has a retriever). */
const withRetriever = (abbr: string, evaluator?: string) => {
  const d = dataset(abbr, evaluator ? { evaluator } : {});
  (d.get('infer_cfg') as Map<string, unknown>).set('retriever', pyDict([['type', 'opencompass.openicl.icl_retriever.ZeroRetriever']]));
  return d;
};

/** The shard result `results/m/gsm8k_<i>.json` with `correct` of its 20 rows right. */
const shardResult = (correct: number) =>
  JSON.stringify(
    { accuracy: (100 * correct) / 20, details: Array.from({ length: 20 }, (_, k) => ({ pred: String(k), correct: [k < correct] })) },
    null,
    4,
  );

/** gsm8k (40 rows) split in 2 at infer and eval, AccEvaluator (rule A: mergeable); tiny (10 rows) whole. */
function splitRun() {
  const made = materialize({
    config: namespace({ datasets: [withRetriever('gsm8k'), withRetriever('tiny')], infer: NW2, eval: NW2 }),
    cache: { gsm8k: 40, tiny: 10 },
    predictions: { ...shardFiles('m', 'gsm8k', 40, 20), 'm/tiny': 10 },
    results: { 'm/tiny': 60 },
  });
  writeFileSync(join(made.runDir, 'results', 'm', 'gsm8k_0.json'), shardResult(10));
  writeFileSync(join(made.runDir, 'results', 'm', 'gsm8k_1.json'), shardResult(14));
  return made;
}

interface Issue {
  code: string;
  severity?: string;
  file?: string;
  model?: string;
  abbr?: string;
  message: string;
  hint?: string;
}
/** What check --json and merge --json print, the fields these tests read (schemas/command-output.schema.json). */
interface CommandJson {
  issues: Issue[];
  written: string[];
  pairing: { verdict: string; message: string };
  pairs: { dataset: string; eval: { files: { abbr: string; status: string }[] } }[];
}
const codes = (stdout: string) => (JSON.parse(stdout) as CommandJson).issues.map((i) => i.code);
const issue = (out: CommandJson, code: string) => out.issues.find((i) => i.code === code);
const accuracy = (file: string) => (JSON.parse(readFileSync(file, 'utf8')) as { accuracy: number }).accuracy;

describe('check → merge --write → check, and a stale merge', () => {
  it('goes green after the merge, catches a changed shard, re-merges without --force, and is idempotent', async () => {
    const { launchDir, runDir } = splitRun();
    const check = () => runCliIn(launchDir, ['check', RUN, '--json']);

    const before = await check();
    expect(before.code).toBe(1);
    expect(codes(before.stdout)).toContain('SW_EVAL_SPLIT_UNREADABLE');

    const merge = await runCliIn(launchDir, ['merge', RUN, '--write']);
    expect(merge.code).toBe(0);
    expect(merge.stdout).toContain('results/m/gsm8k.json: written');
    expect(accuracy(join(runDir, 'results', 'm', 'gsm8k.json'))).toBe(60);

    const after = await check();
    expect(after.code).toBe(0);
    const report = after.json<CommandJson>();
    expect(codes(after.stdout)).not.toContain('SW_EVAL_SPLIT_UNREADABLE');
    expect(codes(after.stdout)).not.toContain('SW_SHARD_UNSPLIT_AND_SPLIT');
    expect(report.pairing.verdict).toBe('ok');
    expect(report.pairing.message).toContain('every split dataset has its unsplit result');
    // The shards are the merge's inputs, checked as planned, not "extra" files.
    const gsm8k = report.pairs.find((p) => p.dataset === 'gsm8k');
    expect(gsm8k?.eval.files.map((f) => `${f.abbr}:${f.status}`)).toEqual(['gsm8k_0:present', 'gsm8k_1:present']);

    const again = await runCliIn(launchDir, ['merge', RUN, '--write']);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('results/m/gsm8k.json: unchanged (identical on disk)');
    expect(again.stdout).toContain('nothing to write: every merged file on disk is current');

    // A shard result changes (a re-evaluation): the merged file is stale.
    writeFileSync(join(runDir, 'results', 'm', 'gsm8k_1.json'), shardResult(20));
    const stale = await check();
    expect(stale.code).toBe(1);
    const staleIssue = issue(stale.json<CommandJson>(), 'SW_MERGE_STALE');
    expect(staleIssue).toMatchObject({ severity: 'error', file: 'results/m/gsm8k.json', model: 'm', abbr: 'gsm8k' });
    expect(staleIssue?.message).toContain('results/m/gsm8k_1.json changed');
    expect(staleIssue?.hint).toContain('shardwise merge <run-dir> --write');
    const text = await runCliIn(launchDir, ['check', RUN]);
    expect(text.stdout).toMatch(/error SW_MERGE_STALE \[m\/gsm8k\] results\/m\/gsm8k\.json was merged by shardwise/);

    // The reports flag the cell; the issues come first, after the pairing verdict.
    expect((await runCliIn(launchDir, ['check', RUN, '--report', 'report.md'])).code).toBe(1);
    const md = readFileSync(join(launchDir, 'report.md'), 'utf8');
    expect(md).toMatch(/\| m \| gsm8k \|.*\| merged ⚠️ stale on disk \|/);
    expect(md.indexOf('### Issues')).toBeLessThan(md.indexOf('### Stages'));
    expect((await runCliIn(launchDir, ['check', RUN, '--report', 'report.html'])).code).toBe(1);
    expect(readFileSync(join(launchDir, 'report.html'), 'utf8')).toMatch(
      /<td>merged <strong class="st-stale">stale on disk<\/strong><\/td>/,
    );

    const summary = await runCliIn(launchDir, ['summarize', RUN, '--time-str', '20250102_000000']);
    expect(summary.code).toBe(0);
    expect(summary.stdout).toMatch(/warning SW_MERGE_STALE \[m\/gsm8k\] results\/m\/gsm8k\.json/);
    // The summary is what OpenCompass prints: the merged file on disk (50 + 70 → 60), not the fresh shards.
    expect(readFileSync(join(runDir, 'summary', 'summary_20250102_000000.csv'), 'utf8')).toContain('gsm8k,');
    expect(summary.stdout).toMatch(/gsm8k .* 60\.00/);

    const dry = await runCliIn(launchDir, ['merge', RUN]);
    expect(dry.stdout).toContain('stale    m/gsm8k: results/m/gsm8k_1.json changed');
    expect(dry.stdout).toContain("results/m/gsm8k.json: would replace (shardwise's own merge)");
    const remerge = await runCliIn(launchDir, ['merge', RUN, '--write']);
    expect(remerge.code).toBe(0);
    expect(remerge.stdout).toContain('results/m/gsm8k.json: written');
    expect(accuracy(join(runDir, 'results', 'm', 'gsm8k.json'))).toBe(75);
    expect((await check()).code).toBe(0);
  });

  it('merged predictions for a re-evaluation are known as merged: no both-present warning; a changed shard makes them stale', async () => {
    const { launchDir, runDir } = materialize({
      config: namespace({ datasets: [withRetriever('flores', 'BleuEvaluator')], infer: NW2, eval: NW2 }),
      cache: { flores: 40 },
      predictions: shardFiles('m', 'flores', 40, 20),
    });
    // BleuEvaluator's score without its n-gram counts cannot be merged: the merge is refused, the predictions merged.
    mkdirSync(join(runDir, 'results', 'm'), { recursive: true });
    for (const i of [0, 1]) writeFileSync(join(runDir, 'results', 'm', `flores_${i}.json`), JSON.stringify({ score: 30 + i }, null, 4));
    const merge = await runCliIn(launchDir, ['merge', RUN, '--write']);
    expect(merge.stdout).toContain('refused  m/flores');
    expect(merge.stdout).toContain('predictions/m/flores.json: written');
    expect(merge.stdout).toContain('predictions/m/flores.shardwise.json: written');
    const check = async () => (await runCliIn(launchDir, ['check', RUN, '--json'])).json<CommandJson>().issues;
    expect((await check()).map((i) => i.code)).not.toContain('SW_SHARD_UNSPLIT_AND_SPLIT');
    expect((await runCliIn(launchDir, ['merge', RUN, '--write'])).stdout).toContain(
      'predictions/m/flores.json: unchanged (identical on disk)',
    );

    writeFileSync(join(runDir, 'predictions', 'm', 'flores_1.json'), predictionsText('m/flores_1-again', 20));
    const stale = (await check()).find((i) => i.code === 'SW_MERGE_STALE');
    expect(stale).toMatchObject({ file: 'predictions/m/flores.json' });
    expect(stale!.message).toContain('predictions/m/flores_1.json changed');
    const remerge = await runCliIn(launchDir, ['merge', RUN, '--write']);
    expect(remerge.stdout).toContain('predictions/m/flores.json: written');
    expect((await check()).map((i) => i.code)).not.toContain('SW_MERGE_STALE');
  });

  it('a shard that vanished or was added makes the merge stale', async () => {
    const { launchDir, runDir } = splitRun();
    expect((await runCliIn(launchDir, ['merge', RUN, '--write'])).code).toBe(0);
    writeFileSync(join(runDir, 'results', 'm', 'gsm8k_2.json'), shardResult(3));
    const added = issue((await runCliIn(launchDir, ['check', RUN, '--json'])).json<CommandJson>(), 'SW_MERGE_STALE');
    expect(added?.message).toContain('results/m/gsm8k_2.json added');
    rmSync(join(runDir, 'results', 'm', 'gsm8k_2.json'));
    rmSync(join(runDir, 'results', 'm', 'gsm8k_0.json'));
    const r = await runCliIn(launchDir, ['check', RUN, '--json']);
    expect(r.code).toBe(1);
    const vanished = issue(r.json<CommandJson>(), 'SW_MERGE_STALE');
    expect(vanished?.message).toContain('results/m/gsm8k_0.json vanished');
  });

  it('a result shardwise did not write, or one edited since, still needs --force, and says why', async () => {
    const { launchDir, runDir } = splitRun();
    const target = join(runDir, 'results', 'm', 'gsm8k.json');
    writeFileSync(target, JSON.stringify({ accuracy: 1 }, null, 4));
    const foreign = await runCliIn(launchDir, ['merge', RUN, '--write', '--json']);
    expect(foreign.code).toBe(0);
    const refused = issue(foreign.json<CommandJson>(), 'SW_MERGE_UNSPLIT_EXISTS');
    expect(refused?.message).toBe('results/m/gsm8k.json was not written by shardwise (no valid gsm8k.shardwise.json next to it)');
    // OpenCompass reads that file: check does not call the dataset unreadable.
    expect(codes((await runCliIn(launchDir, ['check', RUN, '--json'])).stdout)).not.toContain('SW_EVAL_SPLIT_UNREADABLE');

    expect((await runCliIn(launchDir, ['merge', RUN, '--write', '--force'])).code).toBe(0);
    writeFileSync(target, readFileSync(target, 'utf8').replace('"accuracy": 60.0', '"accuracy": 61.0'));
    writeFileSync(join(runDir, 'results', 'm', 'gsm8k_1.json'), shardResult(20));
    const edited = (await runCliIn(launchDir, ['merge', RUN, '--write', '--json'])).json<CommandJson>();
    expect(issue(edited, 'SW_MERGE_UNSPLIT_EXISTS')?.message).toBe(
      'results/m/gsm8k.json was changed since shardwise merged it (its bytes differ from the sha256 in gsm8k.shardwise.json)',
    );
    expect(edited.written).toEqual([]);
  });

  it('a dataset whose unsplit result exists and whose shards are missing is reported as present, not refused', async () => {
    const { launchDir, runDir } = splitRun();
    rmSync(join(runDir, 'results', 'm', 'gsm8k_1.json'));
    writeFileSync(join(runDir, 'results', 'm', 'gsm8k.json'), JSON.stringify({ accuracy: 55.0 }, null, 4));
    const r = await runCliIn(launchDir, ['merge', RUN]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('present  m/gsm8k: unsplit result present (results/m/gsm8k.json), OpenCompass skips this dataset');
    expect(r.stdout).not.toContain('refused');
    expect(r.stdout).not.toContain('before: no results/m/gsm8k.json exists');
  });
});
