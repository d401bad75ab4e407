import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateAgainst, type CheckReport, type Plan } from '@shardwise/core';
import { runCliIn } from '../support/cli-harness.js';
import { materialize, shardFiles, TS, WORK_DIR, type RunScenario } from '../fixtures/plan/run-scenario.js';
import { dataset, namespace, partitioner } from './experiment-fixtures.js';

/** Runs the CLI in-process from the launch folder, as a user in the folder OpenCompass ran in would. */
const run = (argv: string[], cwd: string) => runCliIn(cwd, argv);

const NW8 = partitioner('NumWorkerPartitioner', [['num_worker', 8n]]);
const scenario = (evalStage = partitioner('NaivePartitioner'), predictions = shardFiles('m', 'gsm8k', 1319, 165)): RunScenario => ({
  config: namespace({ datasets: [dataset('gsm8k'), dataset('tiny')], infer: NW8, eval: evalStage }),
  cache: { gsm8k: 1319, tiny: 10 },
  predictions: { ...predictions, 'm/tiny': 10 },
  results: { 'm/gsm8k': 70, 'm/tiny': 60 },
});
const runDirOf = `${WORK_DIR}/${TS}`;

describe('shardwise plan', () => {
  it('--json prints {stages: {infer, eval}} per plan.schema.json, sizes from the run and the cache found in the launch folder', async () => {
    const { launchDir } = materialize(scenario());
    const r = await run(['plan', runDirOf, '--json'], launchDir);
    expect(r.code).toBe(0);
    const out = r.json<Plan>();
    expect(Object.keys(out.stages)).toEqual(['infer', 'eval']);
    expect(validateAgainst('plan.schema.json', { stages: out.stages, sizes: out.sizes, assumptions: out.assumptions })).toEqual([]);
    expect(out.stages.infer!.tasks[0]).toEqual({
      model: 'm',
      datasets: [
        ['gsm8k_0', '[0:165]'],
        ['tiny', null],
      ],
    });
    expect(out.stages.infer!.files.filter((f) => f.dataset === 'gsm8k')).toHaveLength(8);
  });
  it('--work-dir skips what exists; --stage infer prints one stage; a readable table without --json', async () => {
    const { launchDir, runDir } = materialize(scenario(undefined, shardFiles('m', 'gsm8k', 1319, 165, [5])));
    const r = await run(['plan', join(runDir, 'configs', `${TS}_4242.py`), '--work-dir', runDir, '--stage', 'infer', '--json'], launchDir);
    const out = r.json<Plan>();
    expect(Object.keys(out.stages)).toEqual(['infer']);
    expect(out.stages.infer!.tasks).toEqual([{ model: 'm', datasets: [['gsm8k_5', '[825:990]']] }]);
    const text = await run(['plan', runDirOf, '--stage', 'eval'], launchDir);
    expect(text.stdout).toMatch(/^eval: opencompass\.partitioners\.NaivePartitioner\(n=1\)/);
  });
  it('a malformed --size is a usage error (exit 2)', async () => {
    const { launchDir } = materialize(scenario());
    const r = await run(['plan', runDirOf, '--size', 'gsm8k', '--json'], launchDir);
    expect(r.code).toBe(2);
    expect(r.json().issues[0]!.code).toBe('SW_USAGE');
  });
});

describe('shardwise check', () => {
  it('exits 0 on a healthy run and writes a schema-valid JSON report atomically, replacing its own but no other file', async () => {
    const { launchDir } = materialize(scenario());
    const r = await run(['check', runDirOf, '--report', 'report.json'], launchDir);
    expect(r.code).toBe(0);
    const report = JSON.parse(readFileSync(join(launchDir, 'report.json'), 'utf8')) as CheckReport;
    expect(validateAgainst('check-report.schema.json', report)).toEqual([]);
    expect(report.pairing.verdict).toBe('ok');
    const again = await run(['check', runDirOf, '--report', 'report.json'], launchDir);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain(`wrote ${join(launchDir, 'report.json')}`);
    writeFileSync(join(launchDir, 'report.json'), '{"mine": true}\n');
    const user = await run(['check', runDirOf, '--report', 'report.json'], launchDir);
    expect(user.code).toBe(2);
    expect(user.stderr).toContain('SW_WRITE_REFUSED');
    expect(readFileSync(join(launchDir, 'report.json'), 'utf8')).toBe('{"mine": true}\n');
  });
  it('exits 1 on a split eval the summarizer cannot read, and --json is the CheckReport', async () => {
    // No results/m/gsm8k.json: with one, OpenCompass would read it and skip the shards.
    const { launchDir } = materialize({ ...scenario(NW8), results: { 'm/tiny': 60 } });
    const r = await run(['check', runDirOf, '--json'], launchDir);
    expect(r.code).toBe(1);
    const out = r.json<CheckReport>();
    expect(validateAgainst('check-report.schema.json', out)).toEqual([]);
    expect(out.issues.map((i) => i.code)).toContain('SW_EVAL_SPLIT_UNREADABLE');
  });
  it('writes a Markdown or HTML report through renderCheckReport; run twice, it replaces its own, never a user file', async () => {
    const { launchDir } = materialize(scenario());
    await run(['check', runDirOf, '--report', 'report.md'], launchDir);
    expect(existsSync(join(launchDir, 'report.md'))).toBe(true);
    for (const name of ['report.md', 'x.html']) {
      const first = await run(['check', runDirOf, '--report', name], launchDir);
      const second = await run(['check', runDirOf, '--report', name], launchDir);
      expect([first.code, second.code]).toEqual([0, 0]);
      expect(second.stdout).toContain(`wrote ${join(launchDir, name)}`);
      writeFileSync(join(launchDir, name), '<p>my notes on shardwise check</p>\n');
      const user = await run(['check', runDirOf, '--report', name], launchDir);
      expect(user.code).toBe(2);
      expect(user.stderr).toContain('SW_WRITE_REFUSED');
      expect((await run(['check', runDirOf, '--report', name, '--force'], launchDir)).code).toBe(0);
    }
  });
  it('uses --config over the newest dumped config, and fails with exit 2 when a run dir has none', async () => {
    const { launchDir, runDir } = materialize(scenario());
    writeFileSync(join(runDir, 'configs', `${TS}_9999.py`), 'models = [\n');
    expect((await run(['check', runDirOf, '--config', join(runDir, 'configs', `${TS}_4242.py`)], launchDir)).code).toBe(0);
    const empty = materialize(scenario());
    const r = await run(['check', join(empty.launchDir, WORK_DIR), '--json'], empty.launchDir);
    expect(r.code).toBe(2);
    expect(r.json().issues[0]!.code).toBe('SW_RUN_NO_CONFIG');
  });

  it('with PR #2451 installed (--oc-root): no SW_EVAL_SPLIT_UNREADABLE; the warning names the pairs its weighted mean gets wrong', async () => {
    const flores = dataset('flores', { evaluator: 'BleuEvaluator' });
    const { launchDir, runDir } = materialize({
      config: namespace({ datasets: [dataset('gsm8k'), flores], infer: NW8, eval: NW8 }),
      cache: { gsm8k: 1319, flores: 100 },
      predictions: { ...shardFiles('m', 'gsm8k', 1319, 165), ...shardFiles('m', 'flores', 100, 16) },
      results: {
        ...Object.fromEntries(Object.keys(shardFiles('m', 'gsm8k', 1319, 165)).map((k) => [k, 70])),
        ...Object.fromEntries(Object.keys(shardFiles('m', 'flores', 100, 16)).map((k) => [k, 30])),
      },
    });
    const ocRoot = join(launchDir, 'oc');
    mkdirSync(join(ocRoot, 'opencompass', 'summarizers'), { recursive: true });
    writeFileSync(
      join(ocRoot, 'opencompass', 'summarizers', 'default.py'),
      'class DefaultSummarizer:\n    def _load_result(self, filepath):\n        return self._load_split_results(filepath)\n\n    def _load_split_results(self, filepath):\n        return None\n',
    );
    const upstream = async () => {
      const out = (await run(['check', runDirOf, '--oc-root', 'oc', '--json'], launchDir)).json<CheckReport>();
      expect(out.issues.map((i) => i.code)).not.toContain('SW_EVAL_SPLIT_UNREADABLE');
      expect(out.pairing).toMatchObject({ summarizerReadsShards: true, verdict: 'ok' });
      return out.issues.find((i) => i.code === 'SW_EVAL_SPLIT_UPSTREAM_MERGE')!;
    };
    const before = await upstream();
    expect(before.severity).toBe('warning');
    expect(before.message).toContain('m/flores (BleuEvaluator:');
    expect(before.message).not.toContain('m/gsm8k');
    // Once the exact merge is written, the PR reads it instead of the shards: nothing left to get wrong.
    writeFileSync(join(runDir, 'results', 'm', 'flores.json'), JSON.stringify({ score: 31.2 }));
    expect((await upstream()).severity).toBe('info');
  });
});
