import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCliIn } from './support/cli-harness.js';

const root = join(import.meta.dirname, '..');

const run = (argv: string[]) => runCliIn(root, argv);

const commandNames = ['config', 'plan', 'check', 'merge', 'summarize', 'gen', 'record', 'verify', 'status', 'demo'];

describe('the shardwise command line', () => {
  it.each(commandNames)('%s --help shows real help with an example', async (name) => {
    const r = await run([name, '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`Usage: shardwise ${name}`);
    expect(r.stdout).toMatch(/Examples:\n {2}\$ shardwise /);
  });

  it('lists every command in the top-level help', async () => {
    const r = await run(['--help']);
    expect(r.code).toBe(0);
    for (const name of commandNames) expect(r.stdout).toMatch(new RegExp(`^  ${name} `, 'm'));
  });

  it('exits 2 with a one-line reason on an unknown command or flag', async () => {
    const unknown = await run(['frobnicate']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^error SW_USAGE unknown command 'frobnicate'/);
    const flag = await run(['plan', 'x.py', '--no-such-flag']);
    expect(flag.code).toBe(2);
    expect(flag.stderr).toMatch(/SW_USAGE unknown option '--no-such-flag'/);
  });

  it('--verbose says under each issue what its code means', async () => {
    const plain = await run(['frobnicate']);
    const verbose = await run(['frobnicate', '--verbose']);
    expect(plain.stderr).not.toMatch(/^ {4}SW_USAGE: /m);
    expect(verbose.code).toBe(2);
    expect(verbose.stderr).toMatch(/^ {4}SW_USAGE: the command line is malformed$/m);
  });

  it('reports usage errors as JSON with --json', async () => {
    const r = await run(['plan', '--json']);
    expect(r.code).toBe(2);
    expect(r.json().issues[0]!.code).toBe('SW_USAGE');
  });
});
