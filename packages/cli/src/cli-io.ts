/** Where a command writes, and what it may know of the terminal: injected so tests run the CLI in-process. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** stdout is a terminal (colour, tables that refresh in place). */
  stdoutIsTTY: boolean;
  /** stderr is a terminal (progress bars). */
  stderrIsTTY: boolean;
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
}

export function processIo(): CliIo {
  return {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    stdoutIsTTY: Boolean(process.stdout.isTTY),
    stderrIsTTY: Boolean(process.stderr.isTTY),
    env: process.env,
    cwd: process.cwd(),
  };
}

/** Colour only on a TTY, never with NO_COLOR (any value, per no-color.org) or in --json mode. */
export function useColor(io: CliIo, stream: 'stdout' | 'stderr', json = false): boolean {
  if (json || io.env['NO_COLOR'] !== undefined) return false;
  if (io.env['FORCE_COLOR'] && io.env['FORCE_COLOR'] !== '0') return true;
  return stream === 'stdout' ? io.stdoutIsTTY : io.stderrIsTTY;
}
