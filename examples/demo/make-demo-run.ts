/**
 * Writes the embedded demo run: an OpenCompass work dir whose infer and eval stages were both split by
 * NumWorkerPartitioner(num_worker=4), as `shardwise demo` and the README tutorial use it.
 *
 *   npx tsx examples/demo/make-demo-run.ts [--out DIR] [--force]   # write the run
 *   npx tsx examples/demo/make-demo-run.ts --truth                  # print the true unsplit metrics
 *
 * DIR is the launch CWD of the pretend `opencompass` call (default: this folder): the run lands in
 * DIR/outputs/demo/20250101_120000 and the size cache in DIR/.cache/dataset_size.json. Everything is
 * derived from one seed, so the output is byte-identical on every run (a test holds the committed copy
 * to that). Shard ranges follow docs/opencompass.md §3.4; file formats §2.2/§2.4; the dump §5.2.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PyDict, pyFormatFixed, pyRepr, writeFileAtomic } from '@shardwise/core';
import { stringifyPyJson } from '@shardwise/merge';
import { mmengineDump } from '@shardwise/pyconfig';
import { DEMO_DATASETS, dict, type DemoDataset, type Prediction, type Row } from './demo-datasets.js';
import { SeededRandom } from './seeded-random.js';

export const DEMO_TIMESTAMP = '20250101_120000';
export const DEMO_WORK_DIR = 'outputs/demo';
export const DEMO_CONFIG = `configs/${DEMO_TIMESTAMP}_4242.py`;
const SEED = 20250101;
const NUM_WORKER = 4;
const MIN_TASK_SIZE = 16;

/** The one eval task that fails (a Python traceback in its log), leaving exactly one shard result missing. */
export const FAILED_EVAL = { model: 'qwen2.5-7b-hf', abbr: 'math_prm800k_500_2' } as const;

interface DemoModel {
  abbr: string;
  config: PyDict;
  /** Probability of a correct answer (or of keeping a reference word, for translation) per dataset. */
  skill: Record<string, number>;
}

const MODELS: DemoModel[] = [
  {
    abbr: 'llama-3-8b-hf',
    config: modelConfig('llama-3-8b-hf', 'meta-llama/Meta-Llama-3-8B'),
    skill: { gsm8k: 0.55, 'ARC-c': 0.72, 'flores_100_eng-deu': 0.8, civil_comments: 0.3, math_prm800k_500: 0.3, nq: 0.45 },
  },
  {
    abbr: 'qwen2.5-7b-hf',
    config: modelConfig('qwen2.5-7b-hf', 'Qwen/Qwen2.5-7B', 'Qwen2.5-7B'),
    skill: { gsm8k: 0.82, 'ARC-c': 0.86, 'flores_100_eng-deu': 0.72, civil_comments: 0.5, math_prm800k_500: 0.55, nq: 0.4 },
  },
];

function modelConfig(abbr: string, path: string, summarizerAbbr?: string): PyDict {
  const cfg = dict({
    abbr,
    batch_size: 8n,
    max_out_len: 1024n,
    model_kwargs: dict({ torch_dtype: 'torch.bfloat16' }),
    path,
    run_cfg: dict({ num_gpus: 1n }),
    type: 'opencompass.models.HuggingFaceBaseModel',
  });
  if (summarizerAbbr) cfg.set('summarizer_abbr', summarizerAbbr);
  return cfg;
}

function stageConfig(task: string): PyDict {
  return dict({
    partitioner: dict({ num_worker: BigInt(NUM_WORKER), type: 'opencompass.partitioners.NumWorkerPartitioner' }),
    runner: dict({ max_num_workers: BigInt(NUM_WORKER), task: dict({ type: `opencompass.tasks.${task}` }), type: 'opencompass.runners.LocalRunner' }),
  });
}

/** The namespace the user's config evaluated to, as OpenCompass dumps it. */
export function demoConfig(): PyDict {
  const groups = [dict({ name: 'reasoning', subsets: ['gsm8k', 'math_prm800k_500'] })];
  return dict({
    datasets: DEMO_DATASETS.map((d) => d.config),
    eval: stageConfig('OpenICLEvalTask'),
    infer: stageConfig('OpenICLInferTask'),
    models: MODELS.map((m) => m.config),
    reasoning_summary_groups: groups,
    summarizer: dict({
      dataset_abbrs: ['gsm8k', 'math_prm800k_500', ['reasoning', 'naive_average'], 'ARC-c', 'flores_100_eng-deu', 'civil_comments', 'nq'],
      summary_groups: groups,
    }),
    work_dir: `${DEMO_WORK_DIR}/${DEMO_TIMESTAMP}`,
  });
}

/** One chunk of NumWorkerPartitioner: an unsplit dataset or shard `<abbr>_<i>` over rows [start, end). */
interface Chunk {
  dataset: DemoDataset;
  abbr: string;
  start: number;
  end: number;
}

/** docs/opencompass.md §3.4: step = max(ceil(S/num_split), min_task_size), K = ceil(S/step); S <= min_task_size stays whole. */
function chunksOf(d: DemoDataset): Chunk[] {
  if (NUM_WORKER <= 1 || d.size <= MIN_TASK_SIZE) return [{ dataset: d, abbr: d.abbr, start: 0, end: d.size }];
  const step = Math.max(Math.ceil(d.size / NUM_WORKER), MIN_TASK_SIZE);
  return Array.from({ length: Math.ceil(d.size / step) }, (_, i) => ({ dataset: d, abbr: `${d.abbr}_${i}`, start: i * step, end: Math.min((i + 1) * step, d.size) }));
}

/** Heuristic strategy: chunk j goes to bucket j % num_worker; each non-empty bucket is one task. */
function buckets(chunks: Chunk[]): Chunk[][] {
  const out: Chunk[][] = [];
  chunks.forEach((c, j) => (out[j % NUM_WORKER] ??= []).push(c));
  return out;
}

/** What an unsplit evaluation would have reported: the yardstick for every merged number. */
export interface DemoTruth {
  model: string;
  dataset: string;
  metric: string;
  value: number;
}

/**
 * Every file of the demo run, keyed by its path relative to the launch CWD, and the true unsplit
 * metric of each model × dataset (the dataset's evaluator run once over all rows).
 */
export function buildDemoRun(): { files: Map<string, string>; truth: DemoTruth[] } {
  const truth: DemoTruth[] = [];
  const rng = new SeededRandom(SEED);
  const files = new Map<string, string>();
  const run = `${DEMO_WORK_DIR}/${DEMO_TIMESTAMP}`;
  const rows = new Map(DEMO_DATASETS.map((d) => [d.abbr, d.rows(rng)] as const));
  files.set(`${run}/${DEMO_CONFIG}`, mmengineDump(demoConfig()));
  files.set('.cache/dataset_size.json', stringifyPyJson(dict(Object.fromEntries(DEMO_DATASETS.map((d) => [d.abbr, BigInt(d.size)])))));
  const chunks = DEMO_DATASETS.flatMap(chunksOf);
  const tasks = buckets(chunks);
  MODELS.forEach((model, m) => {
    const preds = new Map<string, Prediction[]>();
    for (const d of DEMO_DATASETS) {
      const all = rows.get(d.abbr)!;
      preds.set(d.abbr, all.map((r) => d.predict(r, model.skill[d.abbr]!, rng)));
      const [metric, value] = [...d.result(d.abbr, 0, all, preds.get(d.abbr)!)][0]!;
      truth.push({ model: model.abbr, dataset: d.abbr, metric: String(metric), value: value as number });
    }
    const slice = <T>(c: Chunk, xs: T[]) => xs.slice(c.start, c.end);
    for (const c of chunks) {
      const record = new PyDict(slice(c, preds.get(c.dataset.abbr)!).map((p, i) => [String(i), p.record]));
      files.set(`${run}/predictions/${model.abbr}/${c.abbr}.json`, stringifyPyJson(record));
    }
    tasks.forEach((task, b) => {
      const k = m * tasks.length + b;
      files.set(`${run}/logs/infer/${model.abbr}/${task[0]!.abbr}.out`, inferLog(model.abbr, task, k, rng));
      const results: [Chunk, PyDict][] = [];
      let failed: Chunk | undefined;
      for (const c of task) {
        if (model.abbr === FAILED_EVAL.model && c.abbr === FAILED_EVAL.abbr) {
          failed = c;
          break;
        }
        const result = c.dataset.result(c.abbr, c.start, slice(c, rows.get(c.dataset.abbr)!) as Row[], slice(c, preds.get(c.dataset.abbr)!));
        files.set(`${run}/results/${model.abbr}/${c.abbr}.json`, stringifyPyJson(result));
        results.push([c, result]);
      }
      files.set(`${run}/logs/eval/${model.abbr}/${task[0]!.abbr}.out`, evalLog(model.abbr, task, k, results, failed, rng));
    });
  });
  return { files, truth };
}

const taskName = (model: string, task: Chunk[]): string => `[${task.map((c) => `${model}/${c.abbr}`).join(',')}]`;

/** Log lines carry mmengine's `MM/DD HH:MM:SS` prefix; `seconds` counts from midnight of the run's day. */
function logLine(seconds: number, text: string, level: 'INFO' | 'WARNING' = 'INFO'): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return `01/01 ${two(Math.floor(seconds / 3600))}:${two(Math.floor(seconds / 60) % 60)}:${two(seconds % 60)} - OpenCompass - ${level} - ${text}\n`;
}

/** LocalRunner with max_num_workers=4: task k of a stage starts in wave floor(k / 4). */
const taskStart = (stageStart: number, k: number): number => stageStart + Math.floor(k / NUM_WORKER) * 480 + (k % NUM_WORKER) * 2;
const INFER_START = 12 * 3600 + 14;
const EVAL_START = 12 * 3600 + 17 * 60;

function inferLog(model: string, task: Chunk[], k: number, rng: SeededRandom): string {
  let at = taskStart(INFER_START, k);
  let out = logLine(at, `Task ${taskName(model, task)}`);
  for (const c of task) {
    const took = rng.int(40, 110);
    const batches = Math.ceil((c.end - c.start) / 8);
    out += logLine(at, `Start inferencing [${model}/${c.abbr}]`);
    out += `100%|██████████| ${batches}/${batches} [${Math.floor(took / 60)}:${String(took % 60).padStart(2, '0')}<00:00]\n`;
    at += took;
  }
  return out + logLine(at, `time elapsed: ${(at - taskStart(INFER_START, k) + rng.next()).toFixed(2)}s`);
}

function evalLog(model: string, task: Chunk[], k: number, results: [Chunk, PyDict][], failed: Chunk | undefined, rng: SeededRandom): string {
  let at = taskStart(EVAL_START, k);
  let out = logLine(at, `Task ${taskName(model, task)}`);
  for (const [c, result] of results) {
    at += rng.int(2, 9);
    const shown = new PyDict([...result].filter(([key]) => key !== 'details'));
    if (c.dataset.evalWarning) out += logLine(at, c.dataset.evalWarning, 'WARNING');
    out += logLine(at, `Task [${model}/${c.abbr}]: ${pyRepr(shown)}`);
  }
  if (!failed) return out + logLine(at, `time elapsed: ${(at - taskStart(EVAL_START, k) + rng.next()).toFixed(2)}s`);
  return (
    out +
    logLine(at, `Start evaluating [${model}/${failed.abbr}]`) +
    [
      'Traceback (most recent call last):',
      '  File "/home/user/opencompass/opencompass/tasks/openicl_eval.py", line 468, in <module>',
      '    inferencer.run()',
      '  File "/home/user/opencompass/opencompass/tasks/openicl_eval.py", line 117, in run',
      '    self._score()',
      '  File "/home/user/opencompass/opencompass/tasks/openicl_eval.py", line 236, in _score',
      '    result = icl_evaluator.evaluate(k, n, copy.deepcopy(test_set), **preds)',
      '  File "/home/user/opencompass/opencompass/datasets/math.py", line 231, in score',
      '    if self.is_equiv(i, j):',
      '  File "/home/user/.local/lib/python3.10/site-packages/sympy/parsing/latex/_parse_latex_antlr.py", line 72, in parse_latex',
      '    return convert_relation(relation)',
      'RecursionError: maximum recursion depth exceeded while calling a Python object',
      '',
    ].join('\n')
  );
}

/** Writes the demo run under `root` (refuses to replace files unless `force`). Returns the paths written. */
export function writeDemoRun(root: string, force = false): string[] {
  const { files } = buildDemoRun();
  for (const [rel, text] of files) writeFileAtomic(join(root, rel), text, { force });
  return [...files.keys()];
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const args = process.argv.slice(2);
  const outAt = args.indexOf('--out');
  const root = outAt >= 0 ? args[outAt + 1]! : fileURLToPath(new URL('.', import.meta.url));
  if (!existsSync(root)) throw new Error(`--out ${root}: no such folder`);
  if (args.includes('--truth')) {
    for (const t of buildDemoRun().truth) process.stdout.write(`| ${t.model} | ${t.dataset} | ${t.metric} | ${pyFormatFixed(t.value, 2)} |\n`);
  } else {
    const written = writeDemoRun(root, args.includes('--force'));
    process.stdout.write(`wrote ${written.length} files under ${root}\n`);
  }
}
