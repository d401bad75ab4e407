import { Command, Help } from 'commander';
import { describe, expect, it } from 'vitest';
import { commandNamed, commands } from '../src/commands/index.js';

describe('the lazy command registry', () => {
  it.each(commands.map((c) => [c.name, c] as const))(
    '%s: the listed summary and usage are the loaded module’s own',
    async (_name, entry) => {
      const m = await entry.load();
      expect(m.spec.name).toBe(entry.name);
      expect(m.spec.summary).toBe(entry.summary);
      const built = m.options(new Command('shardwise').command(m.spec.name));
      expect(new Help().subcommandTerm(built)).toBe(`${entry.name} ${entry.usage}`);
    },
  );

  it('loads the command argv names, also after global flags and for `help <name>`', () => {
    expect(commandNamed(['check', 'outputs/x', '--json'])).toBe('check');
    expect(commandNamed(['-q', '--verbose', 'merge', 'x'])).toBe('merge');
    expect(commandNamed(['help', 'gen'])).toBe('gen');
    expect(commandNamed(['--version'])).toBeUndefined();
  });
});
