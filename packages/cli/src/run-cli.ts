import { Command, CommanderError, Help } from 'commander';
import type { Issue } from '@shardwise/core';
import type { ExitBox } from './command-kit.js';
import { useColor, type CliIo } from './cli-io.js';
import { commandNamed, commands } from './commands/index.js';
import { EXIT } from './exit-codes.js';
import { VERSION } from './version.js';

/**
 * The one top-level catch: runs argv and maps every outcome to an exit code.
 * 0 clean · 1 input has error-severity issues · 2 usage error or unreadable input · 3 internal bug.
 */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const exit: ExitBox = { code: EXIT.clean };
  const program = new Command('shardwise')
    .description('Plan, check, merge and summarize OpenCompass runs whose infer or eval stage was split into shards.')
    .version(VERSION, '-V, --version')
    .option('-q, --quiet', 'no progress bar on stderr (demo draws one on a terminal)')
    .option('-v, --verbose', 'say under every issue what its code means')
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout(s),
      writeErr: (s) => io.stderr(s),
      outputError: () => {}, // reported below, as one line
    });
  program.addHelpText('after', '\nExamples:\n  $ shardwise demo\n  $ shardwise check outputs/default/20250101_120000\n');
  // Only the command argv names is loaded; the others are listed (by name, summary and usage) for --help
  // and for "did you mean" suggestions, without importing their modules.
  const wanted = commandNamed(argv);
  for (const entry of commands) {
    if (entry.name === wanted) {
      const [m, { addCommand }] = await Promise.all([entry.load(), import('./command-kit.js')]);
      addCommand(program, m.spec, io, exit, (cmd) => m.options(cmd).exitOverride(), m.run);
    } else {
      program.command(entry.name).description(entry.summary);
    }
  }
  const usageOf = new Map(commands.map((c) => [c.name, `${c.name} ${c.usage}`]));
  program.configureHelp({ subcommandTerm: (cmd) => usageOf.get(cmd.name()) ?? new Help().subcommandTerm(cmd) });
  const json = argv.includes('--json');
  const verbose = argv.includes('--verbose') || argv.includes('-v');
  try {
    await program.parseAsync(argv, { from: 'user' });
    return exit.code;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (['commander.helpDisplayed', 'commander.version', 'commander.help'].includes(e.code)) return EXIT.clean;
      if (e.code === 'commander.executeSubCommandAsync') return EXIT.clean;
    }
    // core (and with it ajv and the TOML reader) is loaded here, not up front: --version and --help never need it.
    const { issue, ShardwiseError } = await import('@shardwise/core');
    if (e instanceof CommanderError) {
      const reason = e.message.replace(/^error: /, '');
      await reportIssues([issue('SW_USAGE', reason, { hint: "run 'shardwise --help'" })], json, verbose, io);
      return EXIT.usage;
    }
    if (e instanceof ShardwiseError) {
      await reportIssues(e.issues, json, verbose, io);
      return EXIT.usage;
    }
    const err = e as Error;
    io.stderr(
      `shardwise: internal error: ${err?.message ?? String(e)}\n${err?.stack ?? ''}\n` +
        'This is a bug in shardwise. Please report it with the command you ran and the output above.\n',
    );
    return EXIT.internal;
  }
}

async function reportIssues(issues: Issue[], json: boolean, verbose: boolean, io: CliIo): Promise<void> {
  const { renderIssues } = await import('@shardwise/core');
  if (json) io.stdout(JSON.stringify({ issues }, null, 2) + '\n');
  else io.stderr(renderIssues(issues, { color: useColor(io, 'stderr'), verbose }) + '\n');
}
