import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS, readConfig, type ConfigReadResult, type EvalLimits } from '@shardwise/pyconfig';
import { tempDir } from '../../../test/support/temp-dir.js';

/**
 * The evaluation bounds bite early on hostile configs (issue 15: a triple comprehension burned ≈19 s
 * before its refusal) and leave room for real ones (bench/RESULTS.md, "Config interpreter").
 */
const dir = tempDir('shardwise-limits-');

async function read(name: string, text: string, limits?: Partial<EvalLimits>): Promise<ConfigReadResult & { cpuMs: number }> {
  const file = join(dir, `${name}.py`);
  writeFileSync(file, text);
  const cpu = process.cpuUsage();
  const result = await readConfig(file, { cwd: dir, ...(limits ? { limits } : {}) });
  const used = process.cpuUsage(cpu);
  return { ...result, cpuMs: (used.user + used.system) / 1000 };
}

describe('evaluation bounds', () => {
  it('refuse the triple comprehension of issue 15 by its step or CPU bound, with its position', async () => {
    const r = await read('triple', 'x = [[[i*j*k for i in range(10**4)] for j in range(10**4)] for k in range(10**4)]\n');
    expect(r.namespace).toBeUndefined();
    expect(r.issues).toHaveLength(1);
    expect(r.issues[0]).toMatchObject({ code: 'SW_PY_LIMIT', line: 1, file: join(dir, 'triple.py') });
    expect(r.issues[0]!.message).toMatch(/more than (2000000 evaluation steps|1200 ms of CPU time)/);
    expect(r.steps).toBeLessThanOrEqual(DEFAULT_LIMITS.maxSteps + 1);
    // The CPU bound is 1.2 s of evaluation; parse and start-up add little.
    expect(r.cpuMs).toBeLessThan(DEFAULT_LIMITS.maxCpuMs + 1000);
  });

  it('refuse a loop of few, heavy steps by CPU time long before the step bound', async () => {
    const r = await read('heavy', 'big = [0] * 10**5\nwhile True: found = -1 in big\n', { maxCpuMs: 200 });
    expect(r.issues).toHaveLength(1);
    expect(r.issues[0]).toMatchObject({ code: 'SW_PY_LIMIT', line: 2, message: 'evaluation bound hit: more than 200 ms of CPU time' });
    expect(r.steps).toBeLessThan(DEFAULT_LIMITS.maxSteps / 10);
  });

  it('count steps of a config that completes', async () => {
    const r = await read('loop', 'n = 0\nfor i in range(1000):\n    n += i\n');
    expect(r.issues).toEqual([]);
    // Two statements and one call (range), then per iteration: the range item, the for loop's turn, the body statement.
    expect(r.steps).toBe(3003);
    expect(r.namespace!.get('n')).toBe(499500n);
  });
});
