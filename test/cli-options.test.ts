import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCliIn } from './support/cli-harness.js';
import { tempDir } from './support/temp-dir.js';

const run = (argv: string[], cwd: string) => runCliIn(cwd, argv);

describe('KEY=VALUE options', () => {
  const dir = tempDir('sw-opts-');
  const config = join(dir, 'env_config.py');
  writeFileSync(config, "import os\nproto = os.environ.get('__proto__', 'unset')\nctor = os.environ.get('constructor', 'unset')\ndel os\n");

  it('pass prototype-named --env keys through to the config', async () => {
    const r = await run(['config', config, '--env', '__proto__=p', '--env', 'constructor=c', '--json'], dir);
    expect(r.code).toBe(0);
    const ns = r.json<{ namespace: { proto: string; ctor: string } }>().namespace;
    expect([ns.proto, ns.ctor]).toEqual(['p', 'c']);
  });

  it('reject a malformed pair with a usage error', async () => {
    const r = await run(['config', config, '--env', 'NOEQUALS'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/SW_USAGE --env NOEQUALS: expected KEY=VALUE/);
  });
});
