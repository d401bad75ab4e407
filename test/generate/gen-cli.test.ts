import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCliIn } from '../support/cli-harness.js';
import { DEMO_RUN, demoLaunches } from '../support/demo-launch.js';
import { readTree } from './merge-parity.js';

/*
 * `shardwise gen`, `merge`, `record` and `verify` run in-process on copies of the embedded demo run
 * (infer and eval split by NumWorkerPartitioner(num_worker=4), a corpus-BLEU dataset, an AUC dataset, one failed eval shard).
 */

const launch = demoLaunches('sw-gen-cli-');

const codes = (r: { json: () => { issues: { code: string }[] } }) => r.json().issues.map((i) => i.code);

describe('shardwise gen on the demo run', () => {
  it('writes both files, which compile; --check passes on them and fails once one is edited', async () => {
    const root = launch();
    const gen = await runCliIn(root, ['gen', DEMO_RUN, '--out', 'gen']);
    expect(gen.code).toBe(0);
    for (const f of ['numworker_summarizer.py', 'summarizer_config.py'])
      execFileSync('python3', ['-m', 'py_compile', join(root, 'gen', f)]);
    expect(readFileSync(join(root, 'gen', 'summarizer_config.py'), 'utf8')).toContain("type='numworker_summarizer.NumWorkerSummarizer'");

    const fresh = await runCliIn(root, ['gen', DEMO_RUN, '--out', 'gen', '--check', '--json']);
    expect(fresh.code).toBe(0);
    expect(fresh.json().upToDate).toBe(true);

    const config = join(root, 'gen', 'summarizer_config.py');
    writeFileSync(config, readFileSync(config, 'utf8').replace('summarizer = dict(', "summarizer = dict(\n    dataset_abbrs=['gsm8k'],"));
    const stale = await runCliIn(root, ['gen', DEMO_RUN, '--out', 'gen', '--check', '--json']);
    expect(stale.code).toBe(1);
    expect(codes(stale)).toContain('SW_GEN_STALE');
  });

  it('refuses to overwrite an edited file without --force', async () => {
    const root = launch();
    expect((await runCliIn(root, ['gen', DEMO_RUN, '--out', 'gen'])).code).toBe(0);
    writeFileSync(join(root, 'gen', 'numworker_summarizer.py'), '# edited\n');
    expect((await runCliIn(root, ['gen', DEMO_RUN, '--out', 'gen'])).code).toBe(2);
    expect((await runCliIn(root, ['gen', DEMO_RUN, '--out', 'gen', '--force'])).code).toBe(0);
    expect((await runCliIn(root, ['gen', DEMO_RUN, '--out', 'gen', '--check'])).code).toBe(0);
  });

  it('the generated module writes what `shardwise merge --write` writes, byte for byte, with the same exit status', async () => {
    const root = launch();
    expect((await runCliIn(root, ['gen', DEMO_RUN, '--out', 'gen'])).code).toBe(0);
    cpSync(join(root, 'outputs'), join(root, 'outputs-py'), { recursive: true });
    const ts = await runCliIn(root, ['merge', DEMO_RUN, '--write', '--json']);
    const py = spawnSync(
      'python3',
      [join(root, 'gen', 'numworker_summarizer.py'), join('outputs-py', 'demo', '20250101_120000'), '--write', '--json'],
      { cwd: root, encoding: 'utf8' },
    );
    expect(py.stderr).toBe('');
    expect(py.status).toBe(ts.code);
    const tsTree = readTree(join(root, DEMO_RUN));
    const pyTree = readTree(join(root, 'outputs-py', 'demo', '20250101_120000'));
    expect(Object.keys(pyTree)).toEqual(Object.keys(tsTree));
    for (const [path, bytes] of Object.entries(tsTree)) expect({ path, bytes: pyTree[path] }).toEqual({ path, bytes });
    // The demo's pinned facts: BLEU merged by recompute, the AUC dataset (rule R) refused for both models,
    // the failed shard refused with merged predictions.
    expect(tsTree['results/llama-3-8b-hf/flores_100_eng-deu.shardwise.json']).toContain('"recompute": "bleu"');
    expect(existsSync(join(root, DEMO_RUN, 'results', 'qwen2.5-7b-hf', 'math_prm800k_500.json'))).toBe(false);
    expect(tsTree['predictions/qwen2.5-7b-hf/math_prm800k_500.json']).toBeDefined();
    const pyReport = JSON.parse(py.stdout) as { outcomes: { refusal?: { code: string } }[] };
    expect(pyReport.outcomes.flatMap((o) => (o.refusal ? [o.refusal.code] : []))).toEqual([
      'SW_MERGE_NEEDS_REEVAL',
      'SW_MERGE_NEEDS_REEVAL',
      'SW_MERGE_SHARD_MISSING',
    ]);
  });
});

describe('shardwise record and verify on the demo run', () => {
  it('verify passes on the recorded run', async () => {
    const root = launch();
    const rec = await runCliIn(root, ['record', DEMO_RUN, '--out', 'run.record.json']);
    expect(rec.code).toBe(0);
    const verify = await runCliIn(root, ['verify', 'run.record.json', '--json']);
    expect(codes(verify)).toEqual([]);
    expect(verify.code).toBe(0);
  });

  it('verify fails with drift codes once a shard result changes and one appears', async () => {
    const root = launch();
    expect((await runCliIn(root, ['record', DEMO_RUN, '--out', 'run.record.json'])).code).toBe(0);
    const shard = join(root, DEMO_RUN, 'results', 'llama-3-8b-hf', 'gsm8k_1.json');
    writeFileSync(shard, readFileSync(shard, 'utf8').replace(/"accuracy": [0-9.]+/, '"accuracy": 99.5'));
    writeFileSync(join(root, DEMO_RUN, 'results', 'llama-3-8b-hf', 'gsm8k_4.json'), '{\n    "accuracy": 1.0\n}');
    const verify = await runCliIn(root, ['verify', 'run.record.json', '--json']);
    expect(verify.code).toBe(1);
    expect(codes(verify)).toEqual(expect.arrayContaining(['SW_RECORD_FILE_CHANGED', 'SW_RECORD_FILE_ADDED', 'SW_RECORD_MERGE_DRIFT']));
  });
});
