import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');
const bin = join(root, 'packages', 'cli', 'dist', 'bin.js');
const launch = join(root, 'examples', 'demo');
const args = ['plan', 'outputs/demo/20250101_120000', '--json'];

describe('relative paths on the command line', () => {
  it('the package script resolves them from where the user typed it, as the bin does', () => {
    // npm, like pnpm, runs the root script from the repo root and passes the user's folder as INIT_CWD.
    const viaScript = spawnSync('npm', ['run', '--silent', 'shardwise', '--', ...args], { cwd: launch, encoding: 'utf8' });
    const direct = spawnSync(process.execPath, [bin, ...args], { cwd: launch, encoding: 'utf8' });
    expect(direct.status).toBe(0);
    expect(viaScript.status).toBe(0);
    expect(viaScript.stdout).toBe(direct.stdout);
  });

  it('the bin resolves them from its own working directory', () => {
    const fromRoot = spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: 'utf8' });
    expect(fromRoot.status).toBe(2);
    expect((JSON.parse(fromRoot.stdout) as { issues: { file: string }[] }).issues[0]!.file).toContain('outputs/demo/20250101_120000');
  });
});
