import type { CliIo } from './cli-io.js';

export interface ProgressOptions {
  label: string;
  total: number;
  /** `--quiet`: never draw. */
  quiet?: boolean;
  /** `--json`: never draw (stdout carries one JSON object; stderr stays clean for scripts). */
  json?: boolean;
  /** Injected clock in ms (tests); default Date.now. */
  now?: () => number;
}

export interface Progress {
  tick(n?: number): void;
  done(): void;
}

/** Work shorter than this never shows a bar; longer work shows one from this point on. */
export const PROGRESS_DELAY_MS = 1000;
/** Redraw at most this often, so a tight loop of ticks does not flood the terminal. */
const REDRAW_MS = 100;
const BAR_WIDTH = 24;

/**
 * A progress bar on stderr for multi-step work (today only the demo's steps): only on a TTY, never with
 * --quiet or --json, and only once the work has run for a second (drawn by the first tick after that, or by
 * a timer if no tick comes). `done()` erases it, so a finished command leaves no trace of it.
 */
export function createProgress(io: CliIo, options: ProgressOptions): Progress {
  if (options.quiet || options.json || !io.stderrIsTTY || options.total <= 0) return { tick: () => {}, done: () => {} };
  const now = options.now ?? Date.now;
  const started = now();
  let count = 0;
  let drawnAt: number | undefined;
  const draw = () => {
    drawnAt = now();
    const shown = Math.min(count, options.total);
    const full = Math.round((shown / options.total) * BAR_WIDTH);
    io.stderr(`\r\x1b[K${options.label} ${'█'.repeat(full)}${'░'.repeat(BAR_WIDTH - full)} ${shown}/${options.total}`);
  };
  const timer = setTimeout(draw, PROGRESS_DELAY_MS);
  timer.unref();
  return {
    tick(n = 1) {
      count += n;
      const t = now();
      if (t - started < PROGRESS_DELAY_MS) return;
      if (drawnAt === undefined || t - drawnAt >= REDRAW_MS || count >= options.total) draw();
    },
    done() {
      clearTimeout(timer);
      if (drawnAt !== undefined) io.stderr('\r\x1b[K');
    },
  };
}
