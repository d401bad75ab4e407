import { mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunRecord } from '@shardwise/core';
import { runCliIn } from '../support/cli-harness.js';
import { DEMO_RUN, demoLaunches } from '../support/demo-launch.js';
import { tempDir } from '../support/temp-dir.js';

/*
 * The shared run options (--config, --oc-root, --env, --size, --dataset-size, --max-num-workers) are declared
 * once: every command that reads a run or a config lists and honours them, and a record keeps those given so
 * `verify` reuses them.
 */

const launch = demoLaunches('sw-run-options-');

/** The run commands and an argument each accepts. */
const RUN_COMMANDS = ['plan', 'check', 'status', 'merge', 'summarize', 'gen', 'record', 'verify'];
const SHARED = [
  '--config <file>',
  '--oc-root <dir>',
  '--env <KEY=VALUE>',
  '--size <ABBR=N>',
  '--dataset-size <file>',
  '--max-num-workers <n>',
];

/**
 * A launch folder whose config `cfg/eval_env.py` takes the run's dumped config and sets the infer partitioner's
 * num_worker from the environment: a record made with --env SW_WORKERS=2 plans 2 infer shards per dataset.
 */
function launchWithEnvConfig(): string {
  const root = launch();
  const dumped = readdirSync(join(root, DEMO_RUN, 'configs')).find((f) => f.endsWith('.py'))!;
  mkdirSync(join(root, 'cfg'));
  writeFileSync(join(root, 'cfg', 'whole.py'), readFileSync(join(root, DEMO_RUN, 'configs', dumped), 'utf8'));
  writeFileSync(
    join(root, 'cfg', 'eval_env.py'),
    "import os\nfrom mmengine.config import read_base\n\nwith read_base():\n    from .whole import *\n\ninfer['partitioner']['num_worker'] = int(os.environ.get('SW_WORKERS', '4'))\ndel os\n",
  );
  return root;
}

describe('the shared run options', () => {
  it.each(RUN_COMMANDS)('%s --help lists every one of them', async (command) => {
    const help = await runCliIn(launch(), [command, '--help']);
    expect(help.code).toBe(0);
    for (const option of SHARED) expect(help.stdout).toContain(option);
    expect(help.stdout.includes('--work-dir <dir>')).toBe(command === 'plan');
  });

  it.each(['merge', 'summarize', 'status'])('%s honours --size and --max-num-workers (it rejected them before)', async (command) => {
    const root = launch();
    const codes = async (extra: string[]) => {
      const out = await runCliIn(root, [command, DEMO_RUN, ...extra, '--json']);
      return { exit: out.code, codes: new Set(out.json().issues.map((i) => i.code)) };
    };
    // A size that contradicts the run's prediction files is reported, so the option reached the sizes step.
    expect((await codes([])).codes.has('SW_SIZE_DISAGREE')).toBe(false);
    expect((await codes(['--size', 'gsm8k=5'])).codes.has('SW_SIZE_DISAGREE')).toBe(true);
    expect((await codes(['--max-num-workers', '3'])).exit).toBe((await codes([])).exit);
    expect(await codes(['--max-num-workers', '0'])).toEqual({ exit: 2, codes: new Set(['SW_USAGE']) });
    expect(await codes(['--size', 'gsm8k'])).toEqual({ exit: 2, codes: new Set(['SW_USAGE']) });
  });

  it('--env reaches the plan of every run command, not only config', async () => {
    const root = launchWithEnvConfig();
    const files = async (env: string[]) => {
      const plan = (await runCliIn(root, ['plan', DEMO_RUN, '--config', 'cfg/eval_env.py', ...env, '--stage', 'infer', '--json'])).json<{
        stages: { infer: { files: unknown[] } };
      }>();
      return plan.stages.infer.files.length;
    };
    expect(await files([])).toBeGreaterThan(await files(['--env', 'SW_WORKERS=2']));
    const status = (await runCliIn(root, ['status', DEMO_RUN, '--config', 'cfg/eval_env.py', '--env', 'SW_WORKERS=2', '--json'])).json<{
      stages: { stage: string; expected: number }[];
    }>();
    expect(status.stages.find((s) => s.stage === 'infer')!.expected).toBe(await files(['--env', 'SW_WORKERS=2']));
  });
});

describe('a record keeps the run options it was made with', () => {
  it('stores --config, --env and --size, and verify reuses them without repeating them', async () => {
    const root = launchWithEnvConfig();
    const made = await runCliIn(root, [
      'record',
      DEMO_RUN,
      '--config',
      'cfg/eval_env.py',
      '--env',
      'SW_WORKERS=2',
      '--size',
      'tiny_extra=7',
      '--out',
      'run.record.json',
    ]);
    expect(made.code).toBe(0);
    const record = JSON.parse(readFileSync(join(root, 'run.record.json'), 'utf8')) as RunRecord;
    expect(record.schemaVersion).toBe(2);
    expect(record.runOptions).toEqual({ config: join(root, 'cfg', 'eval_env.py'), env: { SW_WORKERS: '2' }, sizes: { tiny_extra: 7 } });
    expect(record.partitioners.infer.args['num_worker']).toBe(2);

    const clean = await runCliIn(root, ['verify', 'run.record.json', '--json']);
    expect(clean.json().issues).toEqual([]);
    expect(clean.code).toBe(0);
  });

  it('an option given to verify overrides the recorded one (and the drift shows)', async () => {
    const root = launchWithEnvConfig();
    expect(
      (await runCliIn(root, ['record', DEMO_RUN, '--config', 'cfg/eval_env.py', '--env', 'SW_WORKERS=2', '--out', 'run.record.json'])).code,
    ).toBe(0);
    const drift = await runCliIn(root, ['verify', 'run.record.json', '--env', 'SW_WORKERS=3', '--json']);
    expect(drift.code).toBe(1);
    expect(drift.json().issues.map((i) => i.code)).toEqual(expect.arrayContaining(['SW_RECORD_PARTITIONER_DRIFT', 'SW_RECORD_PLAN_DRIFT']));
  });

  it('a version-1 record (no runOptions) still verifies', async () => {
    const root = launch();
    expect((await runCliIn(root, ['record', DEMO_RUN, '--out', 'run.record.json'])).code).toBe(0);
    const file = join(root, 'run.record.json');
    const { runOptions: _runOptions, ...v1 } = JSON.parse(readFileSync(file, 'utf8')) as RunRecord;
    writeFileSync(file, JSON.stringify({ ...v1, schemaVersion: 1 }, null, 2) + '\n');
    const clean = await runCliIn(root, ['verify', 'run.record.json', '--json']);
    expect(clean.json().issues).toEqual([]);
  });
});

describe('record and verify read the run dir link-safely', () => {
  const outside = tempDir('sw-outside-');

  it('a result linked out of the run dir is refused (SW_RUN_LINK_OUTSIDE), not hashed', async () => {
    const root = launch();
    writeFileSync(join(outside, 'secret.json'), '{"accuracy": 1.0}\n');
    const model = readdirSync(join(root, DEMO_RUN, 'results'))[0]!;
    symlinkSync(join(outside, 'secret.json'), join(root, DEMO_RUN, 'results', model, 'linked.json'));
    const made = await runCliIn(root, ['record', DEMO_RUN, '--out', 'run.record.json', '--json']);
    expect(made.json().issues.filter((i) => i.code === 'SW_RUN_LINK_OUTSIDE')).toHaveLength(1);
    const record = JSON.parse(readFileSync(join(root, 'run.record.json'), 'utf8')) as RunRecord;
    expect(record.files.map((f) => f.path)).not.toContain(`results/${model}/linked.json`);
    const verified = await runCliIn(root, ['verify', 'run.record.json', '--json']);
    expect(verified.json().issues.map((i) => i.code)).toEqual(['SW_RUN_LINK_OUTSIDE']);
  });

  it.each(['check', 'merge', 'summarize', 'status', 'record'])('%s of a config file is one SW_USAGE: not a run dir', async (command) => {
    const root = launch();
    const config = join(
      DEMO_RUN,
      'configs',
      readdirSync(join(root, DEMO_RUN, 'configs')).find((f) => f.endsWith('.py'))!,
    );
    const out = await runCliIn(root, [command, config, '--json']);
    expect(out.code).toBe(2);
    expect(out.json().issues).toMatchObject([{ code: 'SW_USAGE', message: `${config} is not a run dir` }]);
  });
});
