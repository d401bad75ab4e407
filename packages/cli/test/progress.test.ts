import { describe, expect, it } from 'vitest';
import type { CliIo } from '../src/cli-io.js';
import { createProgress, PROGRESS_DELAY_MS } from '../src/progress.js';
import { runCliIn } from '../../../test/support/cli-harness.js';

function fakeIo(stderrIsTTY: boolean): { io: CliIo; err: () => string } {
  let err = '';
  const io: CliIo = { stdout: () => {}, stderr: (t) => (err += t), stdoutIsTTY: stderrIsTTY, stderrIsTTY, env: {}, cwd: '/' };
  return { io, err: () => err };
}

/** A clock the test moves by hand: no real time passes, nothing is timed. */
function manualClock(): { now: () => number; set: (ms: number) => void } {
  let t = 0;
  return { now: () => t, set: (ms) => (t = ms) };
}

describe('createProgress', () => {
  it('draws nothing for work that ends within the delay', () => {
    const { io, err } = fakeIo(true);
    const clock = manualClock();
    const p = createProgress(io, { label: 'scan', total: 10, now: clock.now });
    for (let i = 0; i < 10; i++) p.tick();
    p.done();
    expect(err()).toBe('');
  });

  it('draws on stderr once the work outlasts the delay, then erases itself', () => {
    const { io, err } = fakeIo(true);
    const clock = manualClock();
    const p = createProgress(io, { label: 'merge', total: 4, now: clock.now });
    p.tick();
    clock.set(PROGRESS_DELAY_MS + 1);
    p.tick();
    expect(err()).toMatch(/^\r\x1b\[Kmerge █{12}░{12} 2\/4$/);
    clock.set(PROGRESS_DELAY_MS + 2);
    p.tick();
    expect(err().split('\r\x1b[K').filter(Boolean)).toHaveLength(1); // throttled
    p.tick(); // the last tick always draws
    expect(err()).toMatch(/merge █{24} 4\/4$/);
    p.done();
    expect(err().endsWith('\r\x1b[K')).toBe(true);
  });

  it.each([
    ['stderr is not a terminal', false, {}],
    ['--quiet', true, { quiet: true }],
    ['--json', true, { json: true }],
  ])('stays silent when %s', (_name, tty, flags) => {
    const { io, err } = fakeIo(tty);
    const clock = manualClock();
    const p = createProgress(io, { label: 'scan', total: 3, now: clock.now, ...flags });
    clock.set(5 * PROGRESS_DELAY_MS);
    p.tick(3);
    p.done();
    expect(err()).toBe('');
  });
});

describe('the global --quiet option', () => {
  it('is accepted before and after the command name', async () => {
    for (const argv of [
      ['--quiet', 'demo', '--help'],
      ['demo', '--help', '-q'],
    ]) {
      expect((await runCliIn('/', argv)).code).toBe(0);
    }
  });
});
