import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');
const bin = join(root, 'packages', 'cli', 'dist', 'bin.js');
const demo = join(root, 'examples', 'demo');
const DEMO_RUN = 'outputs/demo/20250101_120000';

/**
 * Runs the built bin with its stdout piped into `reader` (a real process that exits early and closes the pipe),
 * from the demo folder; returns the bin's exit code and its stderr.
 */
function piped(args: string[], reader: string): { code: number; stderr: string } {
  const script = `node "$0" "$@" 2>&1 >&3 3>&- | cat; exit "\${PIPESTATUS[0]}"`;
  // fd 3 carries the bin's stdout into the reader; stderr alone goes to our pipe.
  const r = spawnSync('bash', ['-c', `exec 3> >(${reader} >/dev/null); ${script}`, bin, ...args], { cwd: demo, encoding: 'utf8' });
  return { code: r.status!, stderr: r.stdout + r.stderr };
}

function plain(args: string[]): number {
  return spawnSync(process.execPath, [bin, ...args], { cwd: demo, encoding: 'utf8' }).status!;
}

describe('a closed stdout', () => {
  for (const args of [
    ['plan', DEMO_RUN],
    ['status', DEMO_RUN],
    ['check', DEMO_RUN, '--json'],
  ]) {
    it(`ends '${args[0]}' quietly with its normal exit code (| head -1, | true)`, () => {
      const normal = plain(args);
      for (const reader of ['head -1', 'true']) {
        const r = piped(args, reader);
        expect(r.stderr, reader).toBe('');
        expect(r.code, reader).toBe(normal);
      }
    });
  }
});
