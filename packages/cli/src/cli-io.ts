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
    stdout: quietOnClosedPipe(process.stdout),
    stderr: quietOnClosedPipe(process.stderr),
    stdoutIsTTY: Boolean(process.stdout.isTTY),
    stderrIsTTY: Boolean(process.stderr.isTTY),
    env: process.env,
    cwd: process.cwd(),
  };
}

/**
 * A reader that stops early (`shardwise plan … | head -1`) closes the pipe: the write fails with EPIPE, emitted as an
 * 'error' event that would end the process with a stack trace. Output to a closed pipe is dropped instead, and the
 * command finishes with its normal exit code; any other stream error is still a bug.
 */
function quietOnClosedPipe(stream: NodeJS.WriteStream): (text: string) => void {
  let closed = false;
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e;
    closed = true;
  });
  return (text) => {
    if (!closed) stream.write(text);
  };
}

/** Colour only on a TTY, never with NO_COLOR (any value, per no-color.org) or in --json mode. */
export function useColor(io: CliIo, stream: 'stdout' | 'stderr', json = false): boolean {
  if (json || io.env['NO_COLOR'] !== undefined) return false;
  if (io.env['FORCE_COLOR'] && io.env['FORCE_COLOR'] !== '0') return true;
  return stream === 'stdout' ? io.stdoutIsTTY : io.stderrIsTTY;
}
