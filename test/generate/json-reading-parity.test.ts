import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PyDict, pyDict } from '@shardwise/core';
import { parsePyJson, stringifyPyJson } from '@shardwise/merge';
import { buildRun, gsm8kLike } from '../fixtures/merge/split-run.js';
import { writeModule } from './merge-parity.js';
import { tempDir } from '../support/temp-dir.js';

/*
 * Unreadable shard files: the generated module must classify them as the TS core does (SW_JSON_TRUNCATED
 * for a write cut short, SW_JSON_SYNTAX otherwise, SW_JSON_DUPLICATE_KEY warnings), since both report it.
 */

const root = tempDir('sw-json-parity-');

/** The codes the TS core reports reading one result file (merge-run.ts readPyJsonFile). */
function tsCodes(text: string): string[] {
  const parsed = parsePyJson(text, 'results/m1/x_0.json');
  const codes = parsed.issues.map((i) => i.code as string);
  if (parsed.value !== undefined && !(parsed.value instanceof PyDict)) codes.push('SW_JSON_SYNTAX');
  return codes;
}

function pyCodes(texts: string[]): string[][] {
  const module = writeModule(
    buildRun(['m1'], [{ abbr: 'x', evaluator: 'AccEvaluator', sizes: [1, 1], result: () => pyDict([['accuracy', 1.0]]) }]),
    join(root, 'gen'),
  );
  const script = [
    'import json, sys',
    'sys.path.insert(0, sys.argv[1])',
    'import numworker_summarizer as m',
    'out = []',
    'for text in json.load(sys.stdin):',
    '    issues = []',
    "    m.parse_py_json(text, 'results/m1/x_0.json', issues)",
    "    out.append([i['code'] for i in issues])",
    'print(json.dumps(out))',
  ].join('\n');
  return JSON.parse(
    execFileSync('python3', ['-c', script, dirname(module)], { input: JSON.stringify(texts), encoding: 'utf8', maxBuffer: 1 << 26 }),
  ) as string[][];
}

describe('reading shard results: the generated module reports what the TS core reports', () => {
  const full = stringifyPyJson(
    pyDict([
      ['accuracy', 66.66666666666667],
      ['nan', NaN],
      ['inf', Infinity],
      ['ninf', -Infinity],
      ['tiny', -1.5e-7],
      ['count', 12n],
      ['flag', true],
      ['none', null],
      ['label', 'ünï "q" \\ \n'],
      ['details', gsm8kLike({ start: 0, end: 2, abbr: 'x_0' }).get('details')!],
    ]),
  );

  it('for every prefix of a result file (a write cut short anywhere)', () => {
    const texts = Array.from({ length: full.length + 1 }, (_, i) => full.slice(0, i));
    const want = texts.map(tsCodes);
    expect(want.filter((c) => c.includes('SW_JSON_TRUNCATED')).length).toBeGreaterThan(full.length / 2);
    expect(pyCodes(texts)).toEqual(want);
  });

  it('for malformed, non-object and duplicate-key files', () => {
    const texts = [
      '[1, 2]',
      '"x"',
      '{"a": 1,}',
      '{"a": 1} x',
      "{'a': 1}",
      '{"a": 1, "a": 2}',
      '{"a": tru e}',
      '{"a": 01}',
      '{"a": "\u0001"}',
      '{"a": .5}',
      '',
      '   ',
    ];
    expect(pyCodes(texts)).toEqual(texts.map(tsCodes));
  });
});
