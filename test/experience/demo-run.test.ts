import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pyFormatFixed } from '@shardwise/core';
import { buildDemoRun, DEMO_CONFIG, DEMO_TIMESTAMP, DEMO_WORK_DIR, FAILED_EVAL, writeDemoRun } from '../../examples/demo/make-demo-run.js';
import { tempDir } from '../support/temp-dir.js';

const demoRoot = join(import.meta.dirname, '..', '..', 'examples', 'demo');
const runDir = join(demoRoot, DEMO_WORK_DIR, DEMO_TIMESTAMP);

function listFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? listFiles(p) : [p];
  });
}

const committed = (): string[] =>
  [...listFiles(join(demoRoot, DEMO_WORK_DIR)), ...listFiles(join(demoRoot, '.cache'))].map((p) => relative(demoRoot, p)).sort();

describe('the embedded demo run', () => {
  const tmp = tempDir('shardwise-demo-');

  it('is exactly what the seeded generator writes', () => {
    const written = writeDemoRun(tmp).sort();
    expect(written).toEqual(committed());
    for (const rel of written) expect(readFileSync(join(tmp, rel), 'utf8'), rel).toBe(readFileSync(join(demoRoot, rel), 'utf8'));
  });

  it("writes every JSON file byte-for-byte as Python's json.dump(indent=4, ensure_ascii=False) would", () => {
    const script = [
      'import json, sys',
      'bad = [p for p in sys.argv[1:] if json.dumps(json.load(open(p, encoding="utf-8")), indent=4, ensure_ascii=False) != open(p, encoding="utf-8").read()]',
      'print("\\n".join(bad))',
    ].join('\n');
    const jsonFiles = committed()
      .filter((p) => p.endsWith('.json'))
      .map((p) => join(demoRoot, p));
    expect(execFileSync('python3', ['-c', script, ...jsonFiles], { encoding: 'utf8' }).trim()).toBe('');
  });

  it('dumps a config that Python reads back, with both stages split by NumWorkerPartitioner(num_worker=4)', () => {
    const script = [
      'import json, sys',
      'ns = {}',
      'exec(open(sys.argv[1]).read(), {"dict": dict}, ns)',
      'print(json.dumps({k: ns[k] for k in ("infer", "eval", "work_dir")} | {"models": [m["abbr"] for m in ns["models"]], "datasets": [d["abbr"] for d in ns["datasets"]]}))',
    ].join('\n');
    const ns = JSON.parse(execFileSync('python3', ['-c', script, join(runDir, DEMO_CONFIG)], { encoding: 'utf8' })) as Record<
      'infer' | 'eval',
      { partitioner: unknown }
    > & { work_dir: string; models: string[]; datasets: string[] };
    for (const stage of ['infer', 'eval'] as const)
      expect(ns[stage].partitioner).toEqual({ num_worker: 4, type: 'opencompass.partitioners.NumWorkerPartitioner' });
    expect(ns.work_dir).toBe(`${DEMO_WORK_DIR}/${DEMO_TIMESTAMP}`);
    expect(ns.models).toEqual(['llama-3-8b-hf', 'qwen2.5-7b-hf']);
    expect(ns.datasets).toEqual(['gsm8k', 'ARC-c', 'flores_100_eng-deu', 'civil_comments', 'math_prm800k_500', 'nq']);
  });

  it('has the shard layout of docs/opencompass.md §3.4, one missing eval shard and its failed log', () => {
    const shards = (stage: string, model: string) => readdirSync(join(runDir, stage, model)).sort();
    const cache = JSON.parse(readFileSync(join(demoRoot, '.cache', 'dataset_size.json'), 'utf8')) as Record<string, number>;
    expect(cache).toEqual({ gsm8k: 90, 'ARC-c': 70, 'flores_100_eng-deu': 40, civil_comments: 60, math_prm800k_500: 50, nq: 16 });
    const keys = (model: string, abbr: string) =>
      Object.keys(JSON.parse(readFileSync(join(runDir, 'predictions', model, `${abbr}.json`), 'utf8')) as object).length;
    expect([0, 1, 2, 3].map((i) => keys('llama-3-8b-hf', `gsm8k_${i}`))).toEqual([23, 23, 23, 21]);
    expect([0, 1, 2].map((i) => keys('llama-3-8b-hf', `flores_100_eng-deu_${i}`))).toEqual([16, 16, 8]);
    expect([0, 1, 2, 3].map((i) => keys('llama-3-8b-hf', `civil_comments_${i}`))).toEqual([16, 16, 16, 12]);
    expect([0, 1, 2, 3].map((i) => keys('qwen2.5-7b-hf', `math_prm800k_500_${i}`))).toEqual([16, 16, 16, 2]);
    expect(keys('qwen2.5-7b-hf', 'nq')).toBe(16);
    expect(shards('predictions', 'qwen2.5-7b-hf')).toHaveLength(20);
    expect(shards('results', 'llama-3-8b-hf')).toHaveLength(20);
    expect(shards('results', FAILED_EVAL.model)).not.toContain(`${FAILED_EVAL.abbr}.json`);
    expect(shards('results', FAILED_EVAL.model)).toHaveLength(19);
    expect(readFileSync(join(runDir, 'logs', 'eval', FAILED_EVAL.model, 'gsm8k_1.out'), 'utf8')).toMatch(
      /Traceback \(most recent call last\):[\s\S]*\nRecursionError: .*\n$/,
    );
  });

  it('details hold per-sample correctness whose mean is the true unsplit metric listed in the README', () => {
    const readme = readFileSync(join(demoRoot, 'README.md'), 'utf8');
    for (const t of buildDemoRun().truth) {
      expect(readme).toContain(`| ${t.model} | ${t.dataset} | ${t.metric} | ${pyFormatFixed(t.value, 2)} |`);
      if (
        t.dataset === 'flores_100_eng-deu' ||
        t.dataset === 'civil_comments' ||
        (t.model === FAILED_EVAL.model && t.dataset === 'math_prm800k_500')
      )
        continue;
      const files = readdirSync(join(runDir, 'results', t.model)).filter(
        (f) => f === `${t.dataset}.json` || new RegExp(`^${t.dataset}_\\d+\\.json$`).test(f),
      );
      const correct = files.flatMap((f) => {
        const { details } = JSON.parse(readFileSync(join(runDir, 'results', t.model, f), 'utf8')) as {
          details: { correct: boolean[] }[] | Record<string, { correct: boolean }>;
        };
        return Array.isArray(details)
          ? details.map((d) => d.correct[0])
          : Object.entries(details)
              .filter(([k]) => k !== 'type')
              .map(([, d]) => d.correct);
      });
      expect(pyFormatFixed((100 * correct.filter(Boolean).length) / correct.length, 2)).toBe(pyFormatFixed(t.value, 2));
    }
  });

  it('civil_comments: CLP prediction records and AUCROCEvaluator shard results whose AUCs no average of shards reproduces', () => {
    const readme = readFileSync(join(demoRoot, 'README.md'), 'utf8');
    for (const model of ['llama-3-8b-hf', 'qwen2.5-7b-hf']) {
      const shards = [0, 1, 2, 3].map((i) => ({
        preds: Object.values(
          JSON.parse(readFileSync(join(runDir, 'predictions', model, `civil_comments_${i}.json`), 'utf8')) as Record<
            string,
            { prediction: number[]; pred_label: number; gold: number }
          >,
        ),
        result: JSON.parse(readFileSync(join(runDir, 'results', model, `civil_comments_${i}.json`), 'utf8')) as Record<string, number>,
      }));
      for (const { preds, result } of shards) {
        // docs/opencompass.md §2.2 CLPInferencer fields in order; path B result: the evaluator's dict, no details.
        expect(Object.keys(preds[0]!)).toEqual([
          'in-context examples',
          'testing input',
          'prompt',
          'choices',
          'prediction',
          'pred_label',
          'gold',
        ]);
        expect(Object.keys(result)).toEqual(['auc_score', 'accuracy']);
        // sklearn's roc_auc_score raises on a shard with one class: every shard has both.
        expect(new Set(preds.map((p) => p.gold))).toEqual(new Set([0, 1]));
        const argmaxRight = preds.filter((p) => (p.prediction[1]! > p.prediction[0]! ? 1 : 0) === p.gold && p.pred_label === p.gold).length;
        expect(result.accuracy).toBeCloseTo((100 * argmaxRight) / preds.length, 9);
      }
      const rows = shards.map((s) => s.preds.length);
      const aucs = shards.map((s) => s.result['auc_score']!);
      const plain = aucs.reduce((a, b) => a + b) / aucs.length;
      const weighted = aucs.reduce((a, b, i) => a + b * rows[i]!, 0) / rows.reduce((a, b) => a + b);
      const auc = buildDemoRun().truth.find((t) => t.model === model && t.dataset === 'civil_comments')!.value;
      expect(Math.abs(plain - auc)).toBeGreaterThan(0.5);
      expect(Math.abs(weighted - auc)).toBeGreaterThan(0.5);
      expect(readme).toContain(
        `${pyFormatFixed(plain, 2)} plain mean, ${pyFormatFixed(weighted, 2)} weighted by rows, true ${pyFormatFixed(auc, 2)}`,
      );
      // The true value, independently: python3 ranks every (toxic, civil) pair of the 60 concatenated rows.
      const script = [
        'import json, sys',
        'rows = [r for p in sys.argv[1:] for r in json.load(open(p, encoding="utf-8")).values()]',
        'pos = [r["prediction"][1] for r in rows if r["gold"] == 1]',
        'neg = [r["prediction"][1] for r in rows if r["gold"] == 0]',
        'print(format(100 * sum((p > n) + 0.5 * (p == n) for p in pos for n in neg) / (len(pos) * len(neg)), ".2f"))',
      ].join('\n');
      const files = [0, 1, 2, 3].map((i) => join(runDir, 'predictions', model, `civil_comments_${i}.json`));
      expect(execFileSync('python3', ['-c', script, ...files], { encoding: 'utf8' }).trim()).toBe(pyFormatFixed(auc, 2));
    }
  });
});
