import type { Command } from 'commander';
import { hasErrors, issueTally, renderIssues, type Issue } from '@shardwise/core';
import { useColor, type CliIo } from './cli-io.js';
import { EXIT } from './exit-codes.js';

/** What a command hands back: issues plus its output for humans and for `--json`. */
export interface CommandResult {
  issues: Issue[];
  /** Fields of the `--json` object (issues are added to it). */
  json?: Record<string, unknown>;
  /**
   * The complete `--json` text, issues included, for output JSON.stringify cannot write
   * (Python floats such as `80.0` in `shardwise config`). Takes precedence over `json`.
   */
  jsonText?: string;
  /** Human output, printed before the issue list. */
  text?: string;
  /** Print the issue tally line after the issues (reports do; quiet commands don't). */
  tally?: boolean;
}

export interface CommandSpec {
  name: string;
  summary: string;
  /** Shown under "Examples:" in --help; every command has at least one. */
  examples: string[];
}

export type RunCommand = (args: string[], options: Record<string, unknown>, io: CliIo) => Promise<CommandResult>;

/** Holds the exit code the last action asked for (commander actions cannot return one). */
export interface ExitBox {
  code: number;
}

/**
 * Adds a command whose action returns a CommandResult. Output: `--json` prints one JSON object
 * on stdout; otherwise the text, then issues, then a tally. Exit 1 when any issue is an error.
 */
export function addCommand(
  program: Command,
  spec: CommandSpec,
  io: CliIo,
  exit: ExitBox,
  build: (cmd: Command) => Command,
  run: RunCommand,
): Command {
  const cmd = build(program.command(spec.name).description(spec.summary));
  cmd.addHelpText('after', `\nExamples:\n${spec.examples.map((e) => `  $ ${e}`).join('\n')}\n`);
  cmd.action(async (...raw: unknown[]) => {
    const command = raw[raw.length - 1] as Command;
    const options = command.optsWithGlobals();
    const args = command.args;
    const result = await run(args, options, io);
    emit(result, { json: Boolean(options['json']), verbose: Boolean(options['verbose']) }, io);
    exit.code = hasErrors(result.issues) ? EXIT.issues : EXIT.clean;
  });
  return cmd;
}

export function emit(result: CommandResult, { json, verbose }: { json: boolean; verbose: boolean }, io: CliIo): void {
  if (json && result.jsonText !== undefined) {
    io.stdout(result.jsonText + '\n');
    return;
  }
  if (json) {
    io.stdout(JSON.stringify({ ...(result.json ?? {}), issues: result.issues }, null, 2) + '\n');
    return;
  }
  if (result.text) io.stdout(result.text.endsWith('\n') ? result.text : result.text + '\n');
  if (result.issues.length) io.stdout(renderIssues(result.issues, { color: useColor(io, 'stdout'), verbose }) + '\n');
  if (result.tally) io.stdout(issueTally(result.issues) + '\n');
}

/** A command module: its help, its options, and what it does. One file per command under commands/. */
export interface CommandModule {
  spec: CommandSpec;
  options: (cmd: Command) => Command;
  run: RunCommand;
}
