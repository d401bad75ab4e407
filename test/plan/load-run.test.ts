import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseRunOptions, Run, type RunOptionStrings } from '@shardwise/run';
import { materialize, shardFiles, TS, WORK_DIR } from '../fixtures/plan/run-scenario.js';
import { dataset, namespace } from './experiment-fixtures.js';

/** Opens a run as a command does: its options as the command line gives them, parsed against `cwd`. */
const loadRun = async (target: string, raw: RunOptionStrings, cwd: string) => Run.open(target, parseRunOptions(raw, cwd), cwd);
const bare = () =>
  materialize({ config: namespace({ datasets: [dataset('gsm8k'), dataset('tiny')] }), predictions: shardFiles('m', 'gsm8k', 1319, 165) });

describe('Run.open', () => {
  it('reads the newest dumped config of a run dir, shardwise.toml max_num_workers and [sizes] datasets', async () => {
    const { launchDir } = bare();
    writeFileSync(join(launchDir, 'shardwise.toml'), '[opencompass]\nmax_num_workers = 8\n\n[sizes.datasets]\ntiny = 10\ngsm8k = 1319\n');
    const run = await loadRun(`${WORK_DIR}/${TS}`, {}, launchDir);
    expect(run.configFile).toBe(join(launchDir, WORK_DIR, TS, 'configs', `${TS}_4242.py`));
    expect(run.settings.file).toBe(join(launchDir, 'shardwise.toml'));
    expect(run.experiment.infer).toMatchObject({ assumed: true, kind: 'NumWorkerPartitioner' });
    expect(run.plan.stages.infer!.files.filter((f) => f.dataset === 'gsm8k')).toHaveLength(8);
    expect(run.sizes.map((s) => [s.dataset, s.source])).toEqual([
      ['gsm8k', 'shard-predictions'],
      ['gsm8k', 'settings'],
      ['tiny', 'settings'],
    ]);
  });
  it('--max-num-workers and --size override shardwise.toml', async () => {
    const { launchDir } = bare();
    const run = await loadRun(`${WORK_DIR}/${TS}`, { maxNumWorkers: '2', size: ['tiny=10'] }, launchDir);
    expect(run.plan.stages.infer!.files.filter((f) => f.dataset === 'gsm8k').map((f) => f.size)).toEqual([660, 659]);
    expect(run.issues.map((i) => i.code)).toContain('SW_PLAN_DEFAULT_ASSUMED');
  });
  it.each([[{ size: ['tiny'] }], [{ size: ['tiny=-3'] }], [{ env: ['NOEQUALS'] }], [{ maxNumWorkers: '0' }]])(
    'malformed options %j are SW_USAGE errors',
    async (inputs) => {
      const { launchDir } = bare();
      await expect(loadRun(`${WORK_DIR}/${TS}`, inputs, launchDir)).rejects.toMatchObject({ issues: [{ code: 'SW_USAGE' }] });
    },
  );
  it('an unreadable config or a missing target throws (exit 2)', async () => {
    const { launchDir, runDir } = bare();
    writeFileSync(join(runDir, 'configs', `${TS}_9999.py`), 'models = [\n');
    await expect(loadRun(`${WORK_DIR}/${TS}`, {}, launchDir)).rejects.toMatchObject({ name: 'ShardwiseError' });
    await expect(loadRun('nowhere', {}, launchDir)).rejects.toMatchObject({ issues: [{ code: 'SW_FILE_UNREADABLE' }] });
  });
});
