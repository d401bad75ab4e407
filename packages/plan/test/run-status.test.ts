import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildExperiment, planStages, resolveSizes, runStatus, type RunStatus } from '@shardwise/plan';
import { DEMO_CONFIG, demoConfig } from '../../../examples/demo/make-demo-run.js';
import { DEMO_RUN_REL, materializeScenario } from '../../../test/fixtures/status/materialize-scenario.js';

const made: string[] = [];
afterAll(() => made.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** Status of a scenario, planned from the demo's config namespace with the real planners. */
function statusOf(scenario: string): { status: RunStatus; launch: string } {
  const launch = materializeScenario(scenario);
  made.push(launch);
  const runDir = join(launch, DEMO_RUN_REL);
  const configFile = join(runDir, DEMO_CONFIG);
  const { experiment } = buildExperiment(demoConfig(), { configFile, launchDir: launch });
  const { sizes } = resolveSizes(experiment, { cacheFile: join(launch, '.cache', 'dataset_size.json') });
  return { status: runStatus(runDir, planStages(experiment, sizes), { configFile, workDir: experiment.workDir! }), launch };
}

const counts = (s: RunStatus, stage: string) =>
  Object.fromEntries(
    s.stages.find((x) => x.stage === stage)!.models.map((m) => [m.model, [m.expected, m.finished, m.inProgress, m.failed, m.pending]]),
  );
const tasksIn = (s: RunStatus, state: string) => s.tasks.filter((t) => t.state === state).map((t) => `${t.stage} ${t.log}`);
const codes = (s: RunStatus) => s.issues.map((i) => i.code).sort();
const CONFIG_REL = `${DEMO_RUN_REL}/${DEMO_CONFIG}`;

describe('runStatus', () => {
  it('the demo run: infer done, one eval task failed with a traceback, resume with -m eval', () => {
    const { status, launch } = statusOf('none');
    expect(counts(status, 'infer')).toEqual({ 'llama-3-8b-hf': [20, 20, 0, 0, 0], 'qwen2.5-7b-hf': [20, 20, 0, 0, 0] });
    expect(counts(status, 'eval')).toEqual({ 'llama-3-8b-hf': [20, 20, 0, 0, 0], 'qwen2.5-7b-hf': [20, 19, 0, 1, 0] });
    expect(tasksIn(status, 'failed')).toEqual(['eval logs/eval/qwen2.5-7b-hf/gsm8k_1.out']);
    const failed = status.tasks.find((t) => t.state === 'failed')!;
    expect(failed.reason).toMatch(/^RecursionError: /);
    expect(failed.outputs.filter((o) => o.state === 'failed').map((o) => o.abbr)).toEqual(['math_prm800k_500_2']);
    expect(status.complete).toBe(false);
    expect(status.resume).toMatchObject({
      mode: 'eval',
      cwd: launch,
      argv: ['opencompass', CONFIG_REL, '-w', 'outputs/demo', '-m', 'eval', '-r', '20250101_120000'],
    });
    expect(codes(status)).toEqual(['SW_STATUS_RUN_INCOMPLETE', 'SW_STATUS_TASK_FAILED']);
    expect(status.issues.find((i) => i.code === 'SW_STATUS_TASK_FAILED')).toMatchObject({
      model: 'qwen2.5-7b-hf',
      abbr: 'math_prm800k_500_2',
    });
  });

  it('infer in progress: a failed task (CUDA OOM), a running one (checkpoint, log without end), a pending one', () => {
    const { status } = statusOf('infer-in-progress');
    expect(counts(status, 'infer')).toEqual({ 'llama-3-8b-hf': [20, 20, 0, 0, 0], 'qwen2.5-7b-hf': [20, 7, 4, 4, 5] });
    expect(counts(status, 'eval')).toEqual({ 'llama-3-8b-hf': [20, 0, 0, 0, 20], 'qwen2.5-7b-hf': [20, 0, 0, 0, 20] });
    expect(tasksIn(status, 'failed')).toEqual(['infer logs/infer/qwen2.5-7b-hf/gsm8k_1.out']);
    expect(tasksIn(status, 'running')).toEqual(['infer logs/infer/qwen2.5-7b-hf/gsm8k_2.out']);
    expect(tasksIn(status, 'pending').filter((t) => t.startsWith('infer'))).toEqual(['infer logs/infer/qwen2.5-7b-hf/gsm8k_3.out']);
    expect(status.tasks.find((t) => t.state === 'failed')!.reason).toMatch(/^torch\.OutOfMemoryError: CUDA out of memory/);
    const running = status.tasks.find((t) => t.state === 'running')!;
    expect(running.outputs.map((o) => o.state)).toEqual(['finished', 'in-progress', 'in-progress', 'in-progress', 'in-progress']);
    expect(status.resume?.mode).toBe('all');
    expect(status.resume?.argv).toEqual(['opencompass', CONFIG_REL, '-w', 'outputs/demo', '-r', '20250101_120000']);
  });

  it('a killed task (no traceback) and a task that ended cleanly without its outputs both count as failed', () => {
    const { status } = statusOf('eval-killed');
    expect(tasksIn(status, 'failed')).toEqual(['eval logs/eval/llama-3-8b-hf/gsm8k_3.out', 'eval logs/eval/qwen2.5-7b-hf/gsm8k_1.out']);
    const reasons = status.tasks.filter((t) => t.state === 'failed').map((t) => t.reason);
    expect(reasons[0]).toMatch(/ended normally but did not write/);
    expect(reasons[1]).toMatch(/terminated: Killed/);
    expect(codes(status)).toEqual(['SW_STATUS_RUN_INCOMPLETE', 'SW_STATUS_TASK_FAILED', 'SW_STATUS_TASK_FAILED']);
  });

  it('every output present: complete, no resume command, an old traceback no longer counts', () => {
    const { status } = statusOf('finished');
    expect(status.complete).toBe(true);
    expect(status.resume).toBeUndefined();
    expect(status.issues).toEqual([]);
    expect(tasksIn(status, 'finished')).toHaveLength(16);
  });

  it('without a known launch folder the command uses absolute paths', () => {
    const { launch } = statusOf('none');
    const runDir = join(launch, DEMO_RUN_REL);
    const again = runStatus(
      runDir,
      {
        stages: {
          infer: { partitioner: { type: 'x', args: {} }, tasks: [], files: [] },
          eval: { partitioner: { type: 'x', args: {} }, tasks: [{ model: 'm', datasets: [['gone', null]] }], files: [] },
        },
      },
      { configFile: join(runDir, DEMO_CONFIG), workDir: 'elsewhere/20250101_120000' },
    );
    expect(again.resume?.argv).toEqual([
      'opencompass',
      join(runDir, DEMO_CONFIG),
      '-w',
      join(launch, 'outputs', 'demo'),
      '-m',
      'eval',
      '-r',
      '20250101_120000',
    ]);
    expect(again.resume?.cwd).toBeUndefined();
  });
});
