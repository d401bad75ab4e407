import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, type CliIo } from '@shardwise/cli';
import { readTree } from './merge-parity.js';

/*
 * `shardwise gen`, `merge`, `record` and `verify` run in-process on copies of the embedded demo run
 * (infer and eval split by NumWorkerPartitioner(num_worker=4), a corpus-BLEU dataset, an AUC dataset, one failed eval shard).
 */

const DEMO = join(import.meta.dirname, '..', '..', 'examples', 'demo');
const RUN = join('outputs', 'demo', '20250101_120000');
const made: string[] = [];
afterAll(() => made.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A launch folder holding a copy of the demo run and its size cache. */
function launch(): string {
  const root = mkdtempSync(join(tmpdir(), 'sw-gen-cli-'));
  made.push(root);
  for (const part of ['.cache', 'outputs']) cpSync(join(DEMO, part), join(root, part), { recursive: true });
  return root;
}

async function cli(cwd: string, argv: string[]) {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), stdoutIsTTY: false, stderrIsTTY: false, env: { NO_COLOR: '1' }, cwd };
  const code = await runCli(argv, io);
  return { code, stdout, stderr, json: () => JSON.parse(stdout) as { issues: { code: string }[] } & Record<string, unknown> };
}

const codes = (r: { json: () => { issues: { code: string }[] } }) => r.json().issues.map((i) => i.code);

describe('shardwise gen on the demo run', () => {
  it('writes both files, which compile; --check passes on them and fails once one is edited', async () => {
    const root = launch();
    const gen = await cli(root, ['gen', RUN, '--out', 'gen']);
    expect(gen.code).toBe(0);
    for (const f of ['numworker_summarizer.py', 'summarizer_config.py']) execFileSync('python3', ['-m', 'py_compile', join(root, 'gen', f)]);
    expect(readFileSync(join(root, 'gen', 'summarizer_config.py'), 'utf8')).toContain("type='numworker_summarizer.NumWorkerSummarizer'");

    const fresh = await cli(root, ['gen', RUN, '--out', 'gen', '--check', '--json']);
    expect(fresh.code).toBe(0);
    expect(fresh.json().upToDate).toBe(true);

    const config = join(root, 'gen', 'summarizer_config.py');
    writeFileSync(config, readFileSync(config, 'utf8').replace('summarizer = dict(', "summarizer = dict(\n    dataset_abbrs=['gsm8k'],"));
    const stale = await cli(root, ['gen', RUN, '--out', 'gen', '--check', '--json']);
    expect(stale.code).toBe(1);
    expect(codes(stale)).toContain('SW_GEN_STALE');
  });

  it('refuses to overwrite an edited file without --force', async () => {
    const root = launch();
    expect((await cli(root, ['gen', RUN, '--out', 'gen'])).code).toBe(0);
    writeFileSync(join(root, 'gen', 'numworker_summarizer.py'), '# edited\n');
    expect((await cli(root, ['gen', RUN, '--out', 'gen'])).code).toBe(2);
    expect((await cli(root, ['gen', RUN, '--out', 'gen', '--force'])).code).toBe(0);
    expect((await cli(root, ['gen', RUN, '--out', 'gen', '--check'])).code).toBe(0);
  });

  it('the generated module writes what `shardwise merge --write` writes, byte for byte, with the same exit status', async () => {
    const root = launch();
    expect((await cli(root, ['gen', RUN, '--out', 'gen'])).code).toBe(0);
    cpSync(join(root, 'outputs'), join(root, 'outputs-py'), { recursive: true });
    const ts = await cli(root, ['merge', RUN, '--write', '--json']);
    const py = spawnSync('python3', [join(root, 'gen', 'numworker_summarizer.py'), join('outputs-py', 'demo', '20250101_120000'), '--write', '--json'], { cwd: root, encoding: 'utf8' });
    expect(py.stderr).toBe('');
    expect(py.status).toBe(ts.code);
    const tsTree = readTree(join(root, RUN));
    const pyTree = readTree(join(root, 'outputs-py', 'demo', '20250101_120000'));
    expect(Object.keys(pyTree)).toEqual(Object.keys(tsTree));
    for (const [path, bytes] of Object.entries(tsTree)) expect({ path, bytes: pyTree[path] }).toEqual({ path, bytes });
    // The demo's pinned facts: BLEU merged by recompute, the AUC dataset (rule R) refused for both models,
    // the failed shard refused with merged predictions.
    expect(tsTree['results/llama-3-8b-hf/flores_100_eng-deu.shardwise.json']).toContain('"recompute": "bleu"');
    expect(existsSync(join(root, RUN, 'results', 'qwen2.5-7b-hf', 'math_prm800k_500.json'))).toBe(false);
    expect(tsTree['predictions/qwen2.5-7b-hf/math_prm800k_500.json']).toBeDefined();
    const pyReport = JSON.parse(py.stdout) as { outcomes: { refusal?: { code: string } }[] };
    expect(pyReport.outcomes.flatMap((o) => (o.refusal ? [o.refusal.code] : []))).toEqual(['SW_MERGE_NEEDS_REEVAL', 'SW_MERGE_NEEDS_REEVAL', 'SW_MERGE_SHARD_MISSING']);
  });
});

describe('shardwise record and verify on the demo run', () => {
  it('verify passes on the recorded run', async () => {
    const root = launch();
    const rec = await cli(root, ['record', RUN, '--out', 'run.record.json']);
    expect(rec.code).toBe(0);
    const verify = await cli(root, ['verify', 'run.record.json', '--json']);
    expect(codes(verify)).toEqual([]);
    expect(verify.code).toBe(0);
  });

  it('verify fails with drift codes once a shard result changes and one appears', async () => {
    const root = launch();
    expect((await cli(root, ['record', RUN, '--out', 'run.record.json'])).code).toBe(0);
    const shard = join(root, RUN, 'results', 'llama-3-8b-hf', 'gsm8k_1.json');
    writeFileSync(shard, readFileSync(shard, 'utf8').replace(/"accuracy": [0-9.]+/, '"accuracy": 99.5'));
    writeFileSync(join(root, RUN, 'results', 'llama-3-8b-hf', 'gsm8k_4.json'), '{\n    "accuracy": 1.0\n}');
    const verify = await cli(root, ['verify', 'run.record.json', '--json']);
    expect(verify.code).toBe(1);
    expect(codes(verify)).toEqual(expect.arrayContaining(['SW_RECORD_FILE_CHANGED', 'SW_RECORD_FILE_ADDED', 'SW_RECORD_MERGE_DRIFT']));
  });
});
