import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pyDict, type PyDict, type PyValue } from '@shardwise/core';
import { buildExperiment, planStages } from '@shardwise/plan';

const d = (o: Record<string, PyValue>): PyDict => pyDict(Object.entries(o));

/**
 * A run of model `m1` on `demo` (35 rows, AccEvaluator-like `accuracy` + GenericLLMEvaluator-free) and
 * `tiny` (10 rows, unsplit), infer and eval both NumWorkerPartitioner(num_worker=2): demo_0 has 18
 * rows, demo_1 17. Per-row correctness is fixed, so the unsplit accuracy is known: 21/35 = 60.0.
 */
export function splitRunConfig(options: { n?: number } = {}) {
  const partitioner = d({ partitioner: d({ type: 'opencompass.partitioners.NumWorkerPartitioner', num_worker: 2n }) });
  const dataset = (abbr: string, extra: Record<string, PyValue> = {}) =>
    d({
      abbr,
      type: 'opencompass.datasets.DemoDataset',
      reader_cfg: d({ input_columns: ['q'], output_column: 'a' }),
      infer_cfg: d({
        retriever: d({ type: 'ZeroRetriever' }),
        inferencer: d({ type: 'opencompass.openicl.icl_inferencer.GenInferencer' }),
      }),
      eval_cfg: d({ evaluator: d({ type: 'opencompass.datasets.Gsm8kEvaluator' }) }),
      ...extra,
    });
  const namespace = d({
    models: [d({ abbr: 'm1', type: 'opencompass.models.HuggingFaceCausalLM', path: 'org/m1' })],
    datasets: [dataset('demo', options.n ? { n: BigInt(options.n) } : {}), dataset('tiny')],
    infer: partitioner,
    eval: partitioner,
    summarizer: d({ summary_groups: [d({ name: 'avg', subsets: ['demo', 'tiny'] })] }),
  });
  const { experiment } = buildExperiment(namespace, { configFile: 'configs/20250101_120000_1.py' });
  const plan = planStages(experiment, [
    { dataset: 'demo', size: 35, source: 'cli' },
    { dataset: 'tiny', size: 10, source: 'cli' },
  ]);
  return { experiment, plan };
}

/** Per-row correctness of demo: row i is correct when i % 5 < 3 (21 of 35). */
export const demoCorrect = (i: number): boolean => i % 5 < 3;

/** Writes the shard results (details with global example indices) and predictions of the split run. */
export function writeSplitRun(runDir: string): void {
  const shards: [number, number][] = [
    [0, 18],
    [18, 35],
  ];
  mkdirSync(join(runDir, 'results', 'm1'), { recursive: true });
  mkdirSync(join(runDir, 'predictions', 'm1'), { recursive: true });
  shards.forEach(([a, b], i) => {
    const rows = Array.from({ length: b - a }, (_, k) => a + k);
    const correct = rows.filter(demoCorrect).length;
    const details = rows.map(
      (r) =>
        `        {\n            "example_abbr": "demo_${i}_${r}",\n            "pred": [\n                "${r}"\n            ],\n            "correct": [\n                ${demoCorrect(r)}\n            ]\n        }`,
    );
    writeFileSync(
      join(runDir, 'results', 'm1', `demo_${i}.json`),
      `{\n    "accuracy": ${pyFloat((100 * correct) / rows.length)},\n    "details": [\n${details.join(',\n')}\n    ]\n}`,
    );
    writeFileSync(
      join(runDir, 'predictions', 'm1', `demo_${i}.json`),
      JSON.stringify(Object.fromEntries(rows.map((r, k) => [String(k), { prediction: String(r) }])), null, 4),
    );
  });
  writeFileSync(join(runDir, 'results', 'm1', 'tiny.json'), '{\n    "accuracy": 80.0\n}');
}

const pyFloat = (x: number): string => (Number.isInteger(x) ? `${x}.0` : String(x));
