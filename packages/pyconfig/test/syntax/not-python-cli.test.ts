import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCliIn } from '../../../../test/support/cli-harness.js';
import { tempDir } from '../../../../test/support/temp-dir.js';

const dir = tempDir('sw-syntax-');
const demoDump = fileURLToPath(
  new URL('../../../../examples/demo/outputs/demo/20250101_120000/configs/20250101_120000_4242.py', import.meta.url),
);

function write(name: string, text: string): string {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

/** python3's own line and column for the file (ast.parse of its UTF-8 text, as mmengine does). */
function pythonPosition(file: string): { line: number; col: number } {
  const out = execFileSync('python3', [
    '-c',
    'import ast,sys\ntry:\n ast.parse(open(sys.argv[1],encoding="utf-8").read())\nexcept SyntaxError as e:\n print(e.lineno, e.offset)',
    file,
  ]).toString();
  const [line, col] = out.trim().split(' ').map(Number);
  return { line: line!, col: col! };
}

/** A 502-line dumped config (the demo run's, padded) whose line 501 was edited by hand into two statements. */
function editedDump(): string {
  const lines = readFileSync(demoDump, 'utf8').trimEnd().split('\n');
  while (lines.length < 500) lines.push(`extra_${lines.length} = dict(abbr='pad-${lines.length}', path='data/pad')`);
  lines.push("work_dir='outputs/x'infer=dict(type='A')", "eval = dict(partitioner=dict(type='NaivePartitioner'))");
  return lines.join('\n') + '\n';
}

describe("a config that is not Python is refused as unreadable input, at python3's position", () => {
  it('issue 17: line 501 of a dumped config, with the source line and a caret, exit 2 from config and plan', async () => {
    const file = write('20250101_120000_4242.py', editedDump());
    expect(pythonPosition(file)).toEqual({ line: 501, col: 21 });
    for (const command of ['config', 'plan']) {
      const r = await runCliIn(dir, [command, file]);
      expect(r.code).toBe(2);
      const lines = r.stderr.split('\n');
      expect(lines[0]).toBe(`${file}:501:21: error SW_PY_SYNTAX Python syntax error: invalid syntax`);
      expect(lines[1]).toBe("    work_dir='outputs/x'infer=dict(type='A')");
      expect(lines[2]).toBe(`    ${' '.repeat(20)}^`);
    }
    const json = await runCliIn(dir, ['config', file, '--json']);
    expect(json.code).toBe(2);
    const issues = (JSON.parse(json.stdout) as { issues: { code: string; line: number; col: number }[] }).issues;
    expect(issues.map((i) => [i.code, i.line, i.col])).toEqual([['SW_PY_SYNTAX', 501, 21]]);
  });

  it('issue 17: YAML saved as .py is refused with a hint that it is YAML, exit 2', async () => {
    const file = write('notpy.py', 'models:\n  - a\n');
    expect(pythonPosition(file)).toEqual({ line: 1, col: 8 });
    for (const command of ['config', 'plan']) {
      const r = await runCliIn(dir, [command, file]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`${file}:1:8: error SW_PY_SYNTAX Python syntax error: invalid syntax\n    models:\n           ^\n`);
      expect(r.stderr).toContain('fix: this looks like YAML, not a Python config');
    }
  });

  it('a .json or .yaml config is refused for its format (mmengine would read it as data), exit 2', async () => {
    for (const [name, text, format] of [
      ['eval.json', '{"models": [], "datasets": []}\n', 'JSON'],
      ['eval.yaml', 'models: []\n', 'YAML'],
    ] as const) {
      const file = write(name, text);
      for (const command of ['config', 'plan']) {
        const r = await runCliIn(dir, [command, file]);
        expect(r.code).toBe(2);
        expect(r.stderr).toContain(`${file}: error SW_PY_NOT_PYTHON this is a ${format} file`);
      }
    }
  });

  it('a .py holding a JSON object is valid Python: config accepts it, plan says it has no models', async () => {
    const file = write('object.py', '{"models": [{"abbr": "m"}]}\n');
    const config = await runCliIn(dir, ['config', file]);
    expect(config.code).toBe(0);
    expect(config.stdout).toMatch(/^models \(0\): -$/m);
    const plan = await runCliIn(dir, ['plan', file]);
    expect(plan.code).toBe(1);
    expect(plan.stdout).toContain('error SW_PLAN_NO_MODELS the config defines no models');
  });

  it('a non-UTF-8 config is refused where the bad byte is (mmengine reads configs as UTF-8)', async () => {
    const file = join(dir, 'latin1.py');
    writeFileSync(
      file,
      Buffer.concat([Buffer.from("# -*- coding: latin-1 -*-\nx = 1\nname = '"), Buffer.from([0xe9]), Buffer.from("t'\n")]),
    );
    const r = await runCliIn(dir, ['config', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${file}:3:9: error SW_PY_SYNTAX Python syntax error: 'utf-8' codec can't decode byte 0xe9`);
  });
});
