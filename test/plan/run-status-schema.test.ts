import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateAgainst, type Plan } from '@shardwise/core';
import { findRunConfig, runStatus } from '@shardwise/plan';
import { DEMO_RUN_REL, materializeScenario } from '../fixtures/status/materialize-scenario.js';
import { runCliIn } from '../support/cli-harness.js';

/* `shardwise status --json` and `runStatus` hold to schemas/run-status.schema.json on the demo run in every state. */

const cliJson = async (launch: string, argv: string[]): Promise<unknown> => (await runCliIn(launch, argv)).json();

async function statusJson(scenario: string) {
  const launch = materializeScenario(scenario);
  const out = (await cliJson(launch, ['status', DEMO_RUN_REL, '--json'])) as Record<string, unknown> & {
    tasks: { name: string; state: string }[];
  };
  return { launch, out };
}

describe('run-status.schema.json', () => {
  it.each([
    ['infer-in-progress', ['failed', 'running', 'pending', 'finished']],
    ['eval-killed', ['failed', 'finished']],
    ['finished', ['finished']],
    ['none', ['failed', 'finished']],
  ])('status --json on the %s run is valid (task states seen: %j)', async (scenario, states) => {
    const { launch, out } = await statusJson(scenario);
    expect(validateAgainst('run-status.schema.json', out)).toEqual([]);
    expect(out['configFile']).toBe(findRunConfig(join(launch, DEMO_RUN_REL)));
    expect(new Set(out.tasks.map((t) => t.state))).toEqual(new Set(states));
  });

  it('is what runStatus returns: its result validates as is', async () => {
    const { launch, out } = await statusJson('infer-in-progress');
    const runDir = join(launch, DEMO_RUN_REL);
    const plan = (await cliJson(launch, ['plan', DEMO_RUN_REL, '--json'])) as Plan;
    const status = runStatus(runDir, plan, { configFile: findRunConfig(runDir)!, workDir: DEMO_RUN_REL });
    expect(validateAgainst('run-status.schema.json', JSON.parse(JSON.stringify(status)))).toEqual([]);
    const { issues: _, ...fields } = status;
    expect(fields).toEqual(Object.fromEntries(Object.entries(out).filter(([k]) => k !== 'issues')));
    expect(status.resume?.cwd).toBe(launch);
  });

  it('rejects a status without its configFile or with an unknown task state', async () => {
    const { out } = await statusJson('finished');
    const { configFile: _, ...noConfig } = out;
    expect(validateAgainst('run-status.schema.json', noConfig).length).toBeGreaterThan(0);
    const badState = { ...out, tasks: out.tasks.map((t, i) => (i === 0 ? { ...t, state: 'done' } : t)) };
    expect(validateAgainst('run-status.schema.json', badState).length).toBeGreaterThan(0);
  });
});
