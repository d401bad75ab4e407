import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { runCli, type CliIo } from '@shardwise/cli';

const DEMO = join(import.meta.dirname, '..', '..', 'examples', 'demo');
/** The embedded demo run, relative to its launch folder. */
export const DEMO_RUN = join('outputs', 'demo', '20250101_120000');

/** Launch folders holding a copy of the demo run and its size cache, removed after the calling test file. */
export function demoLaunches(prefix: string): () => string {
  const made: string[] = [];
  afterAll(() => made.forEach((d) => rmSync(d, { recursive: true, force: true })));
  return () => {
    const root = mkdtempSync(join(tmpdir(), prefix));
    made.push(root);
    for (const part of ['.cache', 'outputs']) cpSync(join(DEMO, part), join(root, part), { recursive: true });
    return root;
  };
}

/** Runs the CLI in-process from `cwd`; `json()` parses what --json printed. */
export async function cliIn(cwd: string, argv: string[]) {
  let stdout = '';
  const io: CliIo = { stdout: (t) => (stdout += t), stderr: () => {}, stdoutIsTTY: false, stderrIsTTY: false, env: { NO_COLOR: '1' }, cwd };
  const code = await runCli(argv, io);
  return { code, stdout, json: () => JSON.parse(stdout) as { issues: { code: string }[] } & Record<string, unknown> };
}
