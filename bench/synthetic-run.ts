import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Writes a synthetic OpenCompass work dir shaped like a large split run: every dataset is split
 * into `shards` by NumWorkerPartitioner(num_worker=shards) in both stages, AccEvaluator-style
 * shard results (half with `details`), shard predictions with prompts and outputs, the dumped
 * config and the dataset-size cache. Deterministic (a seeded LCG), so runs are comparable.
 */
export interface SyntheticRunShape {
  models: number;
  datasets: number;
  shards: number;
  /** Rows of every shard but the last; the last gets `rowsPerShard - 7` so shards are unequal. */
  rowsPerShard: number;
}

export interface SyntheticRun {
  launchDir: string;
  runDir: string;
  files: number;
  bytes: number;
}

const TS = '20250101_000000';

export function makeSyntheticRun(root: string, shape: SyntheticRunShape): SyntheticRun {
  const { models, datasets, shards, rowsPerShard } = shape;
  const runDir = join(root, 'outputs', 'bench', TS);
  const rand = lcg(42);
  let files = 0;
  let bytes = 0;
  const write = (path: string, text: string) => {
    writeFileSync(path, text);
    files++;
    bytes += Buffer.byteLength(text);
  };
  const modelAbbrs = Array.from({ length: models }, (_, i) => `model-${i}-7b-hf`);
  const datasetAbbrs = Array.from({ length: datasets }, (_, i) => `bench_ds_${String.fromCharCode(97 + (i % 26))}${i}`);
  const size = shards * rowsPerShard - 7;
  const step = Math.max(Math.ceil(size / shards), 16);

  mkdirSync(join(root, '.cache'), { recursive: true });
  write(join(root, '.cache', 'dataset_size.json'), pyJson(Object.fromEntries(datasetAbbrs.map((a) => [a, size]))));
  mkdirSync(join(runDir, 'configs'), { recursive: true });
  write(join(runDir, 'configs', `${TS}_1234.py`), dumpedConfig(modelAbbrs, datasetAbbrs, shards, runDir));

  for (const m of modelAbbrs) {
    mkdirSync(join(runDir, 'predictions', m), { recursive: true });
    mkdirSync(join(runDir, 'results', m), { recursive: true });
    datasetAbbrs.forEach((d, di) => {
      for (let i = 0; i * step < size; i++) {
        const start = i * step;
        const rows = Math.min(step, size - start);
        const correct = Array.from({ length: rows }, () => rand() < 0.62);
        const preds: Record<string, unknown> = {};
        correct.forEach((ok, r) => {
          const q = `Question ${start + r} of ${d}: what is ${start + r} plus ${r}?`;
          preds[String(r)] = {
            origin_prompt: [{ role: 'HUMAN', prompt: `${q}\nAnswer with a number.` }],
            prediction: ok ? `The answer is ${2 * r + start}.` : `I think it is ${r}.`,
            gold: String(2 * r + start),
          };
        });
        write(join(runDir, 'predictions', m, `${d}_${i}.json`), pyJson(preds));
        const accuracy = (100 * correct.filter(Boolean).length) / rows;
        const result: Record<string, unknown> = { accuracy: new PyFloat(accuracy) };
        if (di % 2 === 0) {
          result['details'] = correct.map((ok, r) => ({
            example_abbr: `${d}_${i}_${start + r}`,
            pred: [ok ? String(2 * r + start) : String(r)],
            answer: [String(2 * r + start)],
            correct: [ok],
          }));
        }
        write(join(runDir, 'results', m, `${d}_${i}.json`), pyJson(result));
      }
    });
  }
  return { launchDir: root, runDir, files, bytes };
}

/** A number Python holds as a float (written with `.0` when integral); plain numbers are ints. */
class PyFloat {
  constructor(readonly value: number) {}
}

/** Python json.dump(indent=4, ensure_ascii=False) for the plain data written here (floats keep `.0`). */
function pyJson(v: unknown, depth = 0): string {
  const pad = '    '.repeat(depth + 1);
  const end = '    '.repeat(depth);
  if (Array.isArray(v)) return v.length ? `[\n${v.map((x) => pad + pyJson(x, depth + 1)).join(',\n')}\n${end}]` : '[]';
  if (v && typeof v === 'object' && !(v instanceof PyFloat)) {
    const entries = Object.entries(v);
    return entries.length ? `{\n${entries.map(([k, x]) => `${pad}${JSON.stringify(k)}: ${pyJson(x, depth + 1)}`).join(',\n')}\n${end}}` : '{}';
  }
  if (v instanceof PyFloat) return Number.isInteger(v.value) ? `${v.value}.0` : String(v.value);
  return JSON.stringify(v);
}

function dumpedConfig(models: string[], datasets: string[], shards: number, runDir: string): string {
  const ds = datasets
    .map(
      (a) => `    dict(
        abbr='${a}',
        eval_cfg=dict(
            evaluator=dict(
                type='opencompass.openicl.icl_evaluator.AccEvaluator')),
        infer_cfg=dict(
            inferencer=dict(
                type='opencompass.openicl.icl_inferencer.GenInferencer'),
            prompt_template=dict(
                template='Question: {question}\\nAnswer:',
                type='opencompass.openicl.icl_prompt_template.PromptTemplate'),
            retriever=dict(
                type='opencompass.openicl.icl_retriever.ZeroRetriever')),
        path='data/${a}',
        reader_cfg=dict(
            input_columns=[
                'question',
            ],
            output_column='answer'),
        type='opencompass.datasets.CustomDataset'),`,
    )
    .join('\n');
  const ms = models
    .map(
      (a) => `    dict(
        abbr='${a}',
        batch_size=8,
        max_out_len=256,
        path='org/${a}',
        run_cfg=dict(
            num_gpus=1),
        type='opencompass.models.HuggingFacewithChatTemplate'),`,
    )
    .join('\n');
  const partitioner = (stage: string) => `${stage}=dict(
    partitioner=dict(
        num_worker=${shards},
        type='opencompass.partitioners.NumWorkerPartitioner'),
    runner=dict(
        max_num_workers=${shards},
        task=dict(
            type='opencompass.tasks.${stage === 'infer' ? 'OpenICLInferTask' : 'OpenICLEvalTask'}'),
        type='opencompass.runners.LocalRunner'))`;
  return `datasets=[\n${ds}\n]\n${partitioner('eval')}\n${partitioner('infer')}\nmodels=[\n${ms}\n]\nwork_dir='${runDir}'\n`;
}

/** Park–Miller style LCG in [0, 1): deterministic across runs and machines. */
function lcg(seed: number): () => number {
  let s = seed % 2147483647;
  return () => (s = (s * 48271) % 2147483647) / 2147483647;
}
