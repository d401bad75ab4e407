import type { CommandModule } from '../command-kit.js';

/**
 * One command as the top-level `--help` lists it, and how to load it. A command's module (and the
 * libraries it imports: the Python parser, handlebars, ajv, the rule table) is imported only when that
 * command runs, so `--version`, `--help` and every command pay only for what they use.
 * `summary` and `usage` repeat the module's own spec and arguments; test/cli-registry.test.ts holds them equal.
 */
export interface CommandEntry {
  name: string;
  summary: string;
  /** What follows the name in the top-level help: `[options]` and the arguments. */
  usage: string;
  load: () => Promise<CommandModule>;
}

/** Every command, in the order `--help` lists them (the order of the job: read, plan, check, merge, …). */
export const commands: CommandEntry[] = [
  {
    name: 'demo',
    summary: 'run plan → status → check → merge → summarize → gen on a copy of the embedded example run (needs nothing but shardwise)',
    usage: '[options]',
    load: async () => (await import('./demo.js')).demoCommand,
  },
  {
    name: 'config',
    summary: 'evaluate an OpenCompass config statically (never runs it) and print what OpenCompass would see',
    usage: '[options] <file>',
    load: async () => (await import('./config.js')).configCommand,
  },
  {
    name: 'plan',
    summary: 'derive the tasks and shard files OpenCompass will create for the infer and eval stages',
    usage: '[options] <config-or-run-dir>',
    load: async () => (await import('./plan.js')).planCommand,
  },
  {
    name: 'check',
    summary: 'hold a run dir against the plan: missing, stale or extra shards, pairing problems, fixes',
    usage: '[options] <run-dir>',
    load: async () => (await import('./check.js')).checkCommand,
  },
  {
    name: 'status',
    summary: 'progress of a running evaluation: finished, failed and remaining shards per stage, and how to resume',
    usage: '[options] <run-dir>',
    load: async () => (await import('./status.js')).statusCommand,
  },
  {
    name: 'merge',
    summary: 'merge shard results into the unsplit results OpenCompass would have written (dry run unless --write)',
    usage: '[options] <run-dir>',
    load: async () => (await import('./merge.js')).mergeCommand,
  },
  {
    name: 'summarize',
    summary: "write summary_<ts>.txt/.csv/.md byte-identical to OpenCompass's DefaultSummarizer, with shards merged",
    usage: '[options] <run-dir>',
    load: async () => (await import('./summarize.js')).summarizeCommand,
  },
  {
    name: 'gen',
    summary: 'generate numworker_summarizer.py and summarizer_config.py matched to this experiment',
    usage: '[options] <config-or-run-dir>',
    load: async () => (await import('./gen.js')).genCommand,
  },
  {
    name: 'record',
    summary: 'write a reproducibility record: configs, partitioners, sizes, plan, every file with its sha256',
    usage: '[options] <run-dir>',
    load: async () => (await import('./record.js')).recordCommand,
  },
  {
    name: 'verify',
    summary: 'recompute a reproducibility record and report every drift (exit 1 on any)',
    usage: '[options] <record>',
    load: async () => (await import('./verify.js')).verifyCommand,
  },
];

/** The command argv asks for (`help <name>` asks for <name>'s help): the one whose module is loaded. */
export function commandNamed(argv: readonly string[]): string | undefined {
  // The global options (-q, -v, -V, -h) take no values, so the first operand is the command.
  const operands = argv.filter((a) => !a.startsWith('-'));
  return operands[0] === 'help' ? operands[1] : operands[0];
}
