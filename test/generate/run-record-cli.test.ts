import { appendFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunRecord } from '@shardwise/core';
import { sha256Hex } from '@shardwise/generate';
import { runCliIn } from '../support/cli-harness.js';
import { DEMO_RUN, demoLaunches } from '../support/demo-launch.js';

/*
 * `shardwise record --config` with the user's own config (read_base imports) instead of the run's dump:
 * the record holds the whole read_base closure, and verify notices an edited base file.
 */

const launch = demoLaunches('sw-record-bases-');

/**
 * A launch folder with a copy of the demo run and a config split over bases: `cfg/eval_demo.py` imports
 * `cfg/parts/whole.py` (the run's dumped config), which imports `cfg/parts/extra/note.py`.
 */
function launchWithBases(): string {
  const root = launch();
  const dumped = readdirSync(join(root, DEMO_RUN, 'configs')).find((f) => f.endsWith('.py'))!;
  mkdirSync(join(root, 'cfg', 'parts', 'extra'), { recursive: true });
  const readBase = (imports: string) => `from mmengine.config import read_base\n\nwith read_base():\n    ${imports}\n`;
  writeFileSync(join(root, 'cfg', 'parts', 'extra', 'note.py'), "note = 'demo'\n");
  writeFileSync(
    join(root, 'cfg', 'parts', 'whole.py'),
    readBase('from .extra.note import note') + readFileSync(join(root, DEMO_RUN, 'configs', dumped), 'utf8'),
  );
  writeFileSync(join(root, 'cfg', 'eval_demo.py'), readBase('from .parts.whole import *'));
  return root;
}

describe('shardwise record of a config with read_base imports', () => {
  it('lists and hashes every file of the read_base closure, in reading order', async () => {
    const root = launchWithBases();
    expect((await runCliIn(root, ['record', DEMO_RUN, '--config', 'cfg/eval_demo.py', '--out', 'run.record.json'])).code).toBe(0);
    const record = JSON.parse(readFileSync(join(root, 'run.record.json'), 'utf8')) as RunRecord;
    const files = ['cfg/eval_demo.py', 'cfg/parts/whole.py', 'cfg/parts/extra/note.py'].map((f) => join(root, f));
    expect(record.configFiles.map((f) => f.path)).toEqual(files);
    expect(record.configFiles.map((f) => f.sha256)).toEqual(files.map((f) => sha256Hex(readFileSync(f, 'utf8'))));
  });

  it('verify passes untouched and reports config drift (only) once a base file changes', async () => {
    const root = launchWithBases();
    expect((await runCliIn(root, ['record', DEMO_RUN, '--config', 'cfg/eval_demo.py', '--out', 'run.record.json'])).code).toBe(0);
    const clean = await runCliIn(root, ['verify', 'run.record.json', '--json']);
    expect(clean.json().issues.map((i) => i.code)).toEqual([]);
    appendFileSync(join(root, 'cfg', 'parts', 'extra', 'note.py'), '# edited after the run\n');
    const drift = await runCliIn(root, ['verify', 'run.record.json', '--json']);
    expect(drift.code).toBe(1);
    expect(drift.json().issues.map((i) => i.code)).toEqual(['SW_RECORD_CONFIG_DRIFT']);
  });

  it('verify reports a deleted base file as config drift (exit 1), not as an unreadable config', async () => {
    const root = launchWithBases();
    expect((await runCliIn(root, ['record', DEMO_RUN, '--config', 'cfg/eval_demo.py', '--out', 'run.record.json'])).code).toBe(0);
    rmSync(join(root, 'cfg', 'parts', 'extra', 'note.py'));
    const drift = await runCliIn(root, ['verify', 'run.record.json', '--json']);
    expect(drift.code).toBe(1);
    expect(drift.json().issues.map((i) => i.code)).toEqual(['SW_RECORD_CONFIG_DRIFT']);
  });
});
