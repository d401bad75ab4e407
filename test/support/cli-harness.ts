import { runCli, type CliIo } from '@shardwise/cli';

/** What a command's --json prints at the least: its issues (schemas/command-output.schema.json). */
export interface CliJson {
  issues: { code: string; severity?: string; model?: string; abbr?: string; message?: string }[];
}

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
  /** What --json printed, typed by the caller (the fields a test reads). */
  json<T = CliJson & Record<string, unknown>>(): T;
}

export interface CliRunOptions {
  /** The environment the CLI sees (nothing of the test process's leaks in); default empty. */
  env?: Record<string, string>;
  /** Both streams are terminals (colour, progress bars, in-place redraws); default false. */
  tty?: boolean;
}

/** Runs `shardwise <argv>` in-process from `cwd`, as a user in that folder would, with both streams captured. */
export async function runCliIn(cwd: string, argv: string[], options: CliRunOptions = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const tty = options.tty ?? false;
  const io: CliIo = {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    stdoutIsTTY: tty,
    stderrIsTTY: tty,
    env: options.env ?? {},
    cwd,
  };
  const code = await runCli(argv, io);
  return { code, stdout, stderr, json: <T>() => JSON.parse(stdout) as T };
}
