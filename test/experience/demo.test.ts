import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { pyFormatFixed, type Plan, type ResumeCommand } from '@shardwise/core';
import { buildDemoRun, FAILED_EVAL } from '../../examples/demo/make-demo-run.js';
import { tempDir } from '../support/temp-dir.js';

const root = join(import.meta.dirname, '..', '..');
const bin = join(root, 'packages', 'cli', 'dist', 'bin.js');

interface Step {
  command: string;
  exitCode?: number;
  issues: { code: string; model?: string; abbr?: string }[];
  json?: Record<string, unknown>;
}

/** `shardwise demo --json` from the built bin, run from an unrelated folder: it needs nothing but the repo. */
interface Refusal {
  model: string;
  dataset: string;
  code: string;
  before: string[];
  command?: string;
}

let out: { launchDir: string; runDir: string; refusals: Refusal[]; steps: Step[]; issues: { code: string; message: string }[] };
let text: string;
let exitCode: number | null;
const scratch = tempDir('shardwise-demo-e2e-');
const copy = join(scratch, 'copy');

beforeAll(() => {
  const r = spawnSync(process.execPath, [bin, 'demo', '--json', '--out', copy], {
    cwd: scratch,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  exitCode = r.status;
  if (!r.stdout.trim()) throw new Error(`shardwise demo printed no JSON (exit ${r.status}); run 'npx tsc -b' first. stderr:\n${r.stderr}`);
  out = JSON.parse(r.stdout) as typeof out;
  text = spawnSync(process.execPath, [bin, 'demo', '--out', join(scratch, 'human')], {
    cwd: scratch,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  }).stdout;
});

const MODELS = ['llama-3-8b-hf', 'qwen2.5-7b-hf'];
/** The AUCROCEvaluator dataset: auc_score is rule R (docs/metrics.md §8), so the whole dataset is refused. */
const UNMERGEABLE = 'civil_comments';
const step = (prefix: string) => out.steps.find((s) => s.command.startsWith(`shardwise ${prefix}`))!;
const truth = buildDemoRun().truth;
const truthOf = (model: string, dataset: string) => truth.find((t) => t.model === model && t.dataset === dataset)!;

describe('shardwise demo (built bin)', () => {
  it('runs every step on a copy and leaves the embedded run untouched', () => {
    expect(exitCode).toBe(0);
    expect(out.launchDir).toBe(copy);
    expect(out.steps.map((s) => s.command.split(' ').slice(1, 2)[0])).toEqual([
      'plan',
      'status',
      'check',
      'merge',
      'merge',
      'summarize',
      'gen',
    ]);
    expect(existsSync(join(root, 'examples', 'demo', 'outputs', 'demo', '20250101_120000', 'summary'))).toBe(false);
    expect(out.issues).toEqual([]);
  });

  it('plan: both stages split, flores into 3 shards not 4, nq left whole', () => {
    const stages = step('plan').json!['stages'] as Required<Plan['stages']>;
    for (const stage of ['infer', 'eval'] as const) expect(stages[stage].files).toHaveLength(40);
    const shardsOf = (abbr: string) =>
      stages.eval.files.filter((f) => f.model === 'llama-3-8b-hf' && f.dataset === abbr).map((f) => f.shard);
    expect(shardsOf('flores_100_eng-deu')).toEqual([0, 1, 2]);
    expect(shardsOf('nq')).toEqual([null]);
  });

  it('status: the one failed eval task and the -m eval resume command', () => {
    const s = step('status');
    expect(s.issues.filter((i) => i.code === 'SW_STATUS_TASK_FAILED')).toEqual([
      expect.objectContaining({ model: FAILED_EVAL.model, abbr: FAILED_EVAL.abbr }),
    ]);
    expect((s.json!['resume'] as ResumeCommand).argv).toEqual([
      'opencompass',
      'outputs/demo/20250101_120000/configs/20250101_120000_4242.py',
      '-w',
      'outputs/demo',
      '-m',
      'eval',
      '-r',
      '20250101_120000',
    ]);
  });

  it('check: exactly one missing shard, and the summarizer cannot read the split eval', () => {
    const issues = step('check').issues;
    expect(issues.filter((i) => i.code === 'SW_SHARD_MISSING').map((i) => `${i.model}/${i.abbr}`)).toEqual([
      `${FAILED_EVAL.model}/math_prm800k_500`,
    ]);
    expect(issues.map((i) => i.code)).toContain('SW_EVAL_SPLIT_UNREADABLE');
  });

  it('merge --write: exact merges match the unsplit truth; the dataset with a missing shard is refused', () => {
    const merged = (model: string, abbr: string) => {
      const file = join(out.runDir, 'results', model, `${abbr}.json`);
      return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as { accuracy?: number; score?: number }) : undefined;
    };
    for (const model of MODELS) {
      for (const abbr of ['gsm8k', 'ARC-c']) expect(merged(model, abbr)?.accuracy).toBeCloseTo(truthOf(model, abbr).value, 9);
    }
    expect(merged('llama-3-8b-hf', 'math_prm800k_500')?.accuracy).toBeCloseTo(truthOf('llama-3-8b-hf', 'math_prm800k_500').value, 9);
    expect(merged(FAILED_EVAL.model, 'math_prm800k_500')).toBeUndefined();
    for (const model of MODELS) expect(merged(model, UNMERGEABLE)).toBeUndefined();
    // Corpus BLEU is recomputed from the merged predictions, never averaged over shards.
    for (const model of MODELS)
      expect(merged(model, 'flores_100_eng-deu')?.score).toBeCloseTo(truthOf(model, 'flores_100_eng-deu').value, 9);
  });

  it('merge: the AUC dataset is refused for both models (rule R), with the unsplit re-evaluation command', () => {
    for (const s of out.steps.filter((x) => x.command.startsWith('shardwise merge'))) {
      expect(s.issues.filter((i) => i.code === 'SW_MERGE_NEEDS_REEVAL').map((i) => `${i.model}/${i.abbr}`)).toEqual(
        MODELS.map((m) => `${m}/${UNMERGEABLE}`),
      );
    }
    const config = join(out.runDir, 'configs', '20250101_120000_4242.py');
    const reevaluate = `opencompass ${config} -w ${join(out.launchDir, 'outputs', 'demo')} -m eval -r 20250101_120000`;
    expect(out.refusals.map((r) => [r.model, r.dataset, r.code])).toEqual([
      ...MODELS.map((m) => [m, UNMERGEABLE, 'SW_MERGE_NEEDS_REEVAL']),
      [FAILED_EVAL.model, 'math_prm800k_500', 'SW_MERGE_SHARD_MISSING'],
    ]);
    for (const r of out.refusals) {
      expect(r.command).toBe(reevaluate);
      expect(r.before.some((b) => b.includes('NaivePartitioner'))).toBe(true);
    }
    // The refused dataset's predictions are merged for that re-evaluation: all 60 rows, keyed "0".."59".
    for (const model of MODELS) {
      const preds = JSON.parse(readFileSync(join(out.runDir, 'predictions', model, `${UNMERGEABLE}.json`), 'utf8')) as object;
      expect(Object.keys(preds)).toEqual(Array.from({ length: 60 }, (_, i) => String(i)));
    }
    // The human view names every refusal with its command, whatever the cut of each step's output.
    const notMerged = text.slice(text.indexOf('Not merged'));
    for (const model of MODELS) expect(notMerged).toContain(`${model}/${UNMERGEABLE}  SW_MERGE_NEEDS_REEVAL`);
    expect(notMerged).toContain('then:   opencompass ');
  });

  it('summarize: the merged numbers reach the summary table; the refused cell stays "-"', () => {
    const csv = readdirSync(join(out.runDir, 'summary')).find((f) => f.endsWith('.csv'))!;
    const rows = readFileSync(join(out.runDir, 'summary', csv), 'utf8')
      .trim()
      .split('\n')
      .map((l) => l.split(','));
    expect(rows[0]!.slice(4)).toEqual(['llama-3-8b-hf', 'Qwen2.5-7B']);
    const row = (abbr: string) => rows.find((r) => r[0] === abbr)!.slice(4);
    expect(row('gsm8k')).toEqual([
      pyFormatFixed(truthOf('llama-3-8b-hf', 'gsm8k').value, 2),
      pyFormatFixed(truthOf('qwen2.5-7b-hf', 'gsm8k').value, 2),
    ]);
    expect(row('math_prm800k_500')).toEqual([pyFormatFixed(truthOf('llama-3-8b-hf', 'math_prm800k_500').value, 2), '-']);
    expect(row(UNMERGEABLE)).toEqual(['-', '-']);
    const dashes = step('summarize').json!['dashes'] as { row: string; model: string; kind: string; reason: string }[];
    expect(dashes.filter((d) => d.row === UNMERGEABLE).map((d) => [d.model, d.kind])).toEqual([
      ['llama-3-8b-hf', 'refused-merge'],
      ['Qwen2.5-7B', 'refused-merge'],
    ]);
    expect(dashes.filter((d) => d.row === UNMERGEABLE).every((d) => d.reason.includes('SW_MERGE_NEEDS_REEVAL'))).toBe(true);
  });

  it('gen: writes the summarizer module and config into the copy', () => {
    expect(readdirSync(join(copy, 'shardwise_out')).sort()).toEqual(['numworker_summarizer.py', 'summarizer_config.py']);
  });
});
