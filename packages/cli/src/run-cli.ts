import { Command, CommanderError } from 'commander';
import { issue, renderIssues, ShardwiseError, type Issue } from '@shardwise/core';
import { addCommand, type ExitBox } from './command-kit.js';
import { useColor, type CliIo } from './cli-io.js';
import { commands } from './commands/index.js';
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
  for (const m of commands) {
    addCommand(program, m.spec, io, exit, (cmd) => m.options(cmd).exitOverride(), m.run);
  }
  const json = argv.includes('--json');
  const verbose = argv.includes('--verbose') || argv.includes('-v');
  try {
    await program.parseAsync(argv, { from: 'user' });
    return exit.code;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (['commander.helpDisplayed', 'commander.version', 'commander.help'].includes(e.code)) return EXIT.clean;
      if (e.code === 'commander.executeSubCommandAsync') return EXIT.clean;
      const reason = e.message.replace(/^error: /, '');
      reportIssues([issue('SW_USAGE', reason, { hint: "run 'shardwise --help'" })], json, verbose, io);
      return EXIT.usage;
    }
    if (e instanceof ShardwiseError) {
      reportIssues(e.issues, json, verbose, io);
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

function reportIssues(issues: Issue[], json: boolean, verbose: boolean, io: CliIo): void {
  if (json) io.stdout(JSON.stringify({ issues }, null, 2) + '\n');
  else io.stderr(renderIssues(issues, { color: useColor(io, 'stderr'), verbose }) + '\n');
}
