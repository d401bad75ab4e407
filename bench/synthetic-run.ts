import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PyDict, type PyValue } from '@shardwise/core';
import { stringifyPyJson } from '@shardwise/merge';
import { mmengineDump } from '@shardwise/pyconfig';

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
  /** Write OpenCompass's `.cache/dataset_size.json` (default true); without it sizes come from the predictions. */
  sizeCache?: boolean;
}

export interface SyntheticRun {
  launchDir: string;
  runDir: string;
  files: number;
  bytes: number;
}

const TS = '20250101_000000';

export function makeSyntheticRun(root: string, shape: SyntheticRunShape): SyntheticRun {
  const { shards, rowsPerShard } = shape;
  const runDir = join(root, 'outputs', 'bench', TS);
  const rand = lcg(42);
  let files = 0;
  let bytes = 0;
  const write = (path: string, text: string) => {
    writeFileSync(path, text);
    files++;
    bytes += Buffer.byteLength(text);
  };
  const { models: modelAbbrs, datasets: datasetAbbrs } = abbrsOf(shape);
  const size = shards * rowsPerShard - 7;
  const step = Math.max(Math.ceil(size / shards), 16);

  if (shape.sizeCache ?? true) {
    mkdirSync(join(root, '.cache'), { recursive: true });
    write(join(root, '.cache', 'dataset_size.json'), stringifyPyJson(dict(Object.fromEntries(datasetAbbrs.map((a) => [a, BigInt(size)])))));
  }
  mkdirSync(join(runDir, 'configs'), { recursive: true });
  write(join(runDir, 'configs', `${TS}_1234.py`), mmengineDump(dumpedConfig(modelAbbrs, datasetAbbrs, shards, runDir)));

  for (const m of modelAbbrs) {
    mkdirSync(join(runDir, 'predictions', m), { recursive: true });
    mkdirSync(join(runDir, 'results', m), { recursive: true });
    datasetAbbrs.forEach((d, di) => {
      for (let i = 0; i * step < size; i++) {
        const start = i * step;
        const rows = Math.min(step, size - start);
        const correct = Array.from({ length: rows }, () => rand() < 0.62);
        const preds = new PyDict(
          correct.map((ok, r) => {
            const q = `Question ${start + r} of ${d}: what is ${start + r} plus ${r}?`;
            const record = dict({
              origin_prompt: [dict({ role: 'HUMAN', prompt: `${q}\nAnswer with a number.` })],
              prediction: ok ? `The answer is ${2 * r + start}.` : `I think it is ${r}.`,
              gold: String(2 * r + start),
            });
            return [String(r), record];
          }),
        );
        write(join(runDir, 'predictions', m, `${d}_${i}.json`), stringifyPyJson(preds));
        const result = dict({ accuracy: (100 * correct.filter(Boolean).length) / rows });
        if (di % 2 === 0) {
          const details = correct.map((ok, r) =>
            dict({
              example_abbr: `${d}_${i}_${start + r}`,
              pred: [ok ? String(2 * r + start) : String(r)],
              answer: [String(2 * r + start)],
              correct: [ok],
            }),
          );
          result.set('details', details);
        }
        write(join(runDir, 'results', m, `${d}_${i}.json`), stringifyPyJson(result));
      }
    });
  }
  return { launchDir: root, runDir, files, bytes };
}

export function abbrsOf(shape: SyntheticRunShape): { models: string[]; datasets: string[] } {
  return {
    models: Array.from({ length: shape.models }, (_, i) => `model-${i}-7b-hf`),
    datasets: Array.from({ length: shape.datasets }, (_, i) => `bench_ds_${String.fromCharCode(97 + (i % 26))}${i}`),
  };
}

/** What bench/oc_summarizer_baseline.py reads instead of the config (mmengine would load it): abbrs and each infer_cfg. */
export function summarizerInputs(shape: SyntheticRunShape): { models: string[]; datasets: { abbr: string; infer_cfg: unknown }[] } {
  const { models, datasets } = abbrsOf(shape);
  return {
    models,
    datasets: datasets.map((abbr) => ({
      abbr,
      infer_cfg: JSON.parse(
        JSON.stringify(inferCfg(), (_k, v: unknown) => (v instanceof PyDict ? (Object.fromEntries(v) as unknown) : v)),
      ) as unknown,
    })),
  };
}

const ICL = 'opencompass.openicl';

function inferCfg(): PyDict {
  return dict({
    inferencer: dict({ type: `${ICL}.icl_inferencer.GenInferencer` }),
    prompt_template: dict({ template: 'Question: {question}\nAnswer:', type: `${ICL}.icl_prompt_template.PromptTemplate` }),
    retriever: dict({ type: `${ICL}.icl_retriever.ZeroRetriever` }),
  });
}

/** The dumped config (`configs/<ts>_<pid>.py`) of such a run, as the namespace mmengine writes. */
function dumpedConfig(models: string[], datasets: string[], shards: number, runDir: string): PyDict {
  const dataset = (abbr: string) =>
    dict({
      abbr,
      eval_cfg: dict({ evaluator: dict({ type: `${ICL}.icl_evaluator.AccEvaluator` }) }),
      infer_cfg: inferCfg(),
      path: `data/${abbr}`,
      reader_cfg: dict({ input_columns: ['question'], output_column: 'answer' }),
      type: 'opencompass.datasets.CustomDataset',
    });
  const model = (abbr: string) =>
    dict({
      abbr,
      batch_size: 8n,
      max_out_len: 256n,
      path: `org/${abbr}`,
      run_cfg: dict({ num_gpus: 1n }),
      type: 'opencompass.models.HuggingFacewithChatTemplate',
    });
  const stage = (task: string) =>
    dict({
      partitioner: dict({ num_worker: BigInt(shards), type: 'opencompass.partitioners.NumWorkerPartitioner' }),
      runner: dict({
        max_num_workers: BigInt(shards),
        task: dict({ type: `opencompass.tasks.${task}` }),
        type: 'opencompass.runners.LocalRunner',
      }),
    });
  return dict({
    datasets: datasets.map(dataset),
    eval: stage('OpenICLEvalTask'),
    infer: stage('OpenICLInferTask'),
    models: models.map(model),
    work_dir: runDir,
  });
}

/** A PyDict from an object literal, in its key order (ints as bigint, floats as number). */
function dict(o: Record<string, PyValue>): PyDict {
  return new PyDict(Object.entries(o));
}

/** Park–Miller style LCG in [0, 1): deterministic across runs and machines. */
function lcg(seed: number): () => number {
  let s = seed % 2147483647;
  return () => (s = (s * 48271) % 2147483647) / 2147483647;
}
