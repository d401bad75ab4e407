import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunStatusJson } from '@shardwise/core';
import { runCliIn } from '../support/cli-harness.js';
import { DEMO_RUN_REL, materializeScenario } from '../fixtures/status/materialize-scenario.js';

async function status(scenario: string, flags: string[], tty = false) {
  const launch = materializeScenario(scenario);
  return { ...(await runCliIn(launch, ['status', DEMO_RUN_REL, ...flags], { tty, env: { NO_COLOR: '1' } })), launch };
}

describe('shardwise status', () => {
  it('--json: failed and running tasks of a run in progress, exit 1 because a task failed', async () => {
    const r = await status('infer-in-progress', ['--json', '--quiet']);
    expect(r.code).toBe(1);
    const out = r.json<RunStatusJson>();
    expect(out.tasks.filter((t) => t.state === 'failed').map((t) => t.log)).toEqual(['logs/infer/qwen2.5-7b-hf/gsm8k_1.out']);
    expect(out.tasks.filter((t) => t.state === 'running').map((t) => t.log)).toEqual(['logs/infer/qwen2.5-7b-hf/gsm8k_2.out']);
    expect(out.resume).toMatchObject({ mode: 'all', cwd: r.launch });
    expect(out.issues.map((i) => i.code)).toEqual(expect.arrayContaining(['SW_STATUS_TASK_FAILED', 'SW_STATUS_RUN_INCOMPLETE']));
  });

  it('a finished run exits 0 and says nothing is left', async () => {
    const r = await status('finished', ['--json']);
    expect(r.code).toBe(0);
    const out = r.json<RunStatusJson>();
    expect(out.complete).toBe(true);
    expect(out.resume).toBeUndefined();
  });

  it('the human view ends with the resume command', async () => {
    const r = await status('none', []);
    expect(r.stdout).toContain(
      `cd ${r.launch} && opencompass ${DEMO_RUN_REL}/configs/20250101_120000_4242.py -w outputs/demo -m eval -r 20250101_120000`,
    );
    expect(r.stdout).toMatch(/error SW_STATUS_TASK_FAILED \[qwen2\.5-7b-hf\/math_prm800k_500_2\]/);
  });

  it('--watch redraws in place on a TTY (cursor up over the previous frame) and stops at its bound', async () => {
    const r = await status('none', ['--watch', '--interval', '0', '--max-refreshes', '3'], true);
    const frames = r.stdout.split(/\x1b\[\d+F\x1b\[J/);
    expect(frames).toHaveLength(3);
    const firstFrameLines = frames[0]!.split('\n').length - 1;
    expect(r.stdout).toContain(`\x1b[${firstFrameLines}F\x1b[J`);
    expect(r.code).toBe(1);
  });

  it('--watch prints once when stdout is not a terminal', async () => {
    const r = await status('none', ['--watch', '--interval', '0', '--max-refreshes', '3'], false);
    expect(r.stdout).not.toContain('\x1b[');
    expect(r.stdout.match(/^eval /gm)).toHaveLength(1);
  });

  it('a finished run stops --watch after the first frame', async () => {
    const r = await status('finished', ['--watch', '--interval', '0'], true);
    expect(r.stdout).not.toMatch(/\x1b\[\d+F/);
    expect(r.stdout).toContain('nothing left to run');
  });

  it('refuses a config file as target with a usage error (exit 2)', async () => {
    const r = await status('none', [], false);
    const refused = await runCliIn(r.launch, ['status', join(DEMO_RUN_REL, 'configs', '20250101_120000_4242.py')]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/SW_USAGE/);
  });
});
