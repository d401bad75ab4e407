import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEMO_RUN, demoLaunches } from './support/demo-launch.js';
import { tempDir } from './support/temp-dir.js';

const bin = join(import.meta.dirname, '..', 'packages', 'cli', 'dist', 'bin.js');
const launch = demoLaunches('shardwise-module-loading-');

/**
 * Every module the built bin loads for `args`: ES modules as the loader resolves them, CommonJS ones (ajv is
 * required on first use) from the require cache at exit.
 */
function loadedModules(args: string[]): string[] {
  const cwd = launch();
  const trace = join(tempDir('shardwise-trace-'), 'modules.txt');
  const hooks = join(cwd, 'trace-hooks.mjs');
  writeFileSync(
    hooks,
    `import { appendFileSync } from 'node:fs';
export async function resolve(specifier, context, next) {
  const r = await next(specifier, context);
  appendFileSync(${JSON.stringify(trace)}, r.url + '\\n');
  return r;
}`,
  );
  const register = join(cwd, 'trace-register.mjs');
  writeFileSync(
    register,
    `import { appendFileSync } from 'node:fs';
import { createRequire, register } from 'node:module';
register(${JSON.stringify(`file://${hooks}`)});
process.on('exit', () => appendFileSync(${JSON.stringify(trace)}, Object.keys(createRequire(import.meta.url).cache).join('\\n') + '\\n'));`,
  );
  const r = spawnSync(process.execPath, ['--import', `file://${register}`, bin, ...args], { cwd, encoding: 'utf8' });
  expect(r.stderr).not.toMatch(/Error/);
  return readFileSync(trace, 'utf8').split('\n').filter(Boolean);
}

const loads = (modules: string[], pattern: RegExp) => modules.some((m) => pattern.test(m));
const GENERATE = /\/packages\/generate\/|\/handlebars\//;
const VALIDATOR = /\/ajv\//;

describe('each command loads only what it uses', () => {
  it('config loads no run library (plan, merge, generate, handlebars) and no schema validator', () => {
    const modules = loadedModules(['config', join(DEMO_RUN, 'configs', '20250101_120000_4242.py'), '--json']);
    expect(loads(modules, /\/packages\/pyconfig\//)).toBe(true);
    for (const heavy of [/\/packages\/(plan|merge)\//, /\/packages\/run\/dist\/run\.js/, GENERATE, VALIDATOR])
      expect(modules.filter((m) => heavy.test(m))).toEqual([]);
  });

  it('summarize loads neither the generators (handlebars) nor the schema validator', () => {
    const modules = loadedModules(['summarize', DEMO_RUN, '--time-str', '20250101_000000', '--out', 'summary']);
    expect(loads(modules, /\/packages\/merge\//)).toBe(true);
    expect(modules.filter((m) => GENERATE.test(m) || VALIDATOR.test(m))).toEqual([]);
  });

  it('gen does load the generators (the trace sees them when they are used)', () => {
    expect(loads(loadedModules(['gen', DEMO_RUN, '--out', 'shardwise_out']), GENERATE)).toBe(true);
  });
});
