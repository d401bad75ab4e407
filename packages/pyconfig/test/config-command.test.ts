import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCliIn } from '../../../test/support/cli-harness.js';
import { tempDir } from '../../../test/support/temp-dir.js';

const corpus = fileURLToPath(new URL('./corpus', import.meta.url));
const ocRoot = fileURLToPath(new URL('./fixtures/oc-root', import.meta.url));

const run = (argv: string[], cwd = corpus) => runCliIn(cwd, argv);

describe('shardwise config', () => {
  it('--json prints the namespace with Python floats, the files read and the environment asked for', async () => {
    const r = await run(['config', 'environ-get/config.py', '--oc-root', ocRoot, '--env', 'TOKENIZER_MODEL=gpt-4o', '--json']);
    expect(r.code).toBe(0);
    const parsed = JSON.parse(r.stdout) as { namespace: Record<string, unknown>; files: string[]; envRead: string[]; issues: unknown[] };
    expect(parsed.envRead).toEqual(['TOKENIZER_MODEL', 'JUDGE_MODEL', 'HOME']);
    expect((parsed.namespace['ruler_datasets'] as { tokenizer_model: string }[])[0]!.tokenizer_model).toBe('gpt-4o');
    expect(parsed.files).toHaveLength(2);
    const floats = await run(['config', 'read-base-absolute-as/config.py', '--oc-root', ocRoot, '--json']);
    expect(floats.stdout).toContain('"threshold": 80.0');
  });

  it('prints a human summary and exits 1 with a positioned code for a refused config', async () => {
    const ok = await run(['config', 'read-base-absolute-as/config.py', '--oc-root', ocRoot]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/^models \(1\): demo-7b-hf$/m);
    expect(ok.stdout).toMatch(/^datasets \(2\): gsm8k, gsm8k-hard$/m);
    const refused = await run(['config', '_error_/lazy-call/config.py', '--json']);
    expect(refused.code).toBe(1);
    const parsed = JSON.parse(refused.stdout) as { namespace: null; issues: { code: string; line: number; col: number }[] };
    expect(parsed.namespace).toBeNull();
    expect(parsed.issues.map((i) => [i.code, i.line, i.col])).toEqual([['SW_PY_LAZY_CALL', 3, 14]]);
  });

  it('finds the OpenCompass root from the checkout, else from shardwise.toml (relative to it, with its [env])', async () => {
    const inCheckout = await run(['config', join(ocRoot, 'opencompass/configs/datasets/demo_gsm8k/gsm8k_gen.py'), '--json']);
    expect(inCheckout.json().issues).toEqual([]);
    const project = tempDir('sw-config-');
    mkdirSync(join(project, 'exp'));
    writeFileSync(join(project, 'shardwise.toml'), `[opencompass]\nroot = "${ocRoot}"\n\n[env]\nTOKENIZER_MODEL = "from-toml"\n`);
    writeFileSync(
      join(project, 'exp', 'eval.py'),
      'from mmengine.config import read_base\nwith read_base():\n    from opencompass.configs.datasets.ruler_demo.ruler_gen import ruler_datasets\n',
    );
    const viaToml = await run(['config', 'exp/eval.py', '--json'], project);
    const parsed = JSON.parse(viaToml.stdout) as { namespace: { ruler_datasets: { tokenizer_model: string }[] }; issues: unknown[] };
    expect(parsed.issues).toEqual([]);
    expect(parsed.namespace.ruler_datasets[0]!.tokenizer_model).toBe('from-toml');
  });
});
