import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/** The built bin in a child process (needs `tsc -b`): what the in-process tests of test/cli.test.ts cannot see. */
const bin = join(import.meta.dirname, '..', '..', 'packages', 'cli', 'dist', 'bin.js');

describe('the built shardwise bin', () => {
  it('prints its version and exits 0', () => {
    const out = execFileSync(process.execPath, [bin, '--version'], { encoding: 'utf8' });
    expect(out.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('never colours output when NO_COLOR is set or stdout is not a TTY', () => {
    const r = spawnSync(process.execPath, [bin, 'bogus'], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '1' } });
    expect(r.status).toBe(2);
    expect(r.stderr).not.toMatch(/\x1b\[/);
  });
});
