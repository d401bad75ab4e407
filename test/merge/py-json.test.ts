import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { parsePyJson, pythonJsonDumpsSorted, stringifyPyJson } from '@shardwise/merge';
import { PyDict } from '@shardwise/core';

const python = (code: string, input: string) => execFileSync('python3', ['-c', code], { input, encoding: 'utf8' });

// A document exercising what OpenCompass files contain: non-finite floats, big ints, floats that must stay
// floats, nested per-replica lists, non-ASCII and control characters, a duplicate key, empty containers.
const DOC = String.raw`{"accuracy": 66.66666666666667, "zz": NaN, "inf": Infinity, "ninf": -Infinity, "count": 12.0,
 "big": 123456789012345678901234567890, "tiny": 1e-06, "huge": 1e+21, "neg0": -0.0, "b": true, "none": null,
 "text": "数学 \"q\"\n\t\u0001 \u00e9 \ud83d\ude00", "details": [{"example_abbr": "gsm8k_test_0", "correct": [true]}],
 "accuracy": 70.5, "empty": {}, "list": [], "nested": {"a": [1, 2.5, [3]]}}`;

describe('Python-dialect JSON', () => {
  it('parses then writes exactly what json.dump(indent=4, ensure_ascii=False) writes', () => {
    const { value, issues } = parsePyJson(DOC, 'r.json');
    expect(issues.map((i) => i.code)).toEqual(['SW_JSON_DUPLICATE_KEY']);
    const expected = python(
      'import json,sys; sys.stdout.write(json.dumps(json.loads(sys.stdin.read()), indent=4, ensure_ascii=False))',
      DOC,
    );
    expect(stringifyPyJson(value!)).toBe(expected);
  });

  it('keeps int vs float, key order and the last value of a duplicate key in its first position', () => {
    const v = parsePyJson(DOC, 'r.json').value as PyDict;
    expect([...v.keys()].slice(0, 3)).toEqual(['accuracy', 'zz', 'inf']);
    expect(v.get('accuracy')).toBe(70.5);
    expect(v.get('count')).toBe(12);
    expect(typeof v.get('count')).toBe('number');
    expect(v.get('big')).toBe(123456789012345678901234567890n);
    expect(Number.isNaN(v.get('zz'))).toBe(true);
  });

  it('json.dumps(sort_keys=True) matches python, including int keys and ensure_ascii escapes', () => {
    const { value } = parsePyJson(DOC, 'r.json');
    const expected = python('import json,sys; sys.stdout.write(json.dumps(json.loads(sys.stdin.read()), sort_keys=True))', DOC);
    expect(pythonJsonDumpsSorted(value!)).toBe(expected);
    const intKeys = new PyDict([
      [10n, 'a'],
      [2n, 'b'],
      [1n, 'c'],
    ]);
    expect(pythonJsonDumpsSorted(intKeys)).toBe(
      python('import json; print(json.dumps({10: "a", 2: "b", 1: "c"}, sort_keys=True), end="")', ''),
    );
    expect(() =>
      pythonJsonDumpsSorted(
        new PyDict([
          [1n, 'a'],
          ['b', 'c'],
        ]),
      ),
    ).toThrow(TypeError);
  });

  it.each([
    ['{"accuracy": 80.0, "details": [{"a": 1', 'SW_JSON_TRUNCATED', 1],
    ['{"accuracy": 80.0,\n "x" 1}', 'SW_JSON_SYNTAX', 2],
    ['{"accuracy": nan}', 'SW_JSON_SYNTAX', 1],
    ['{"a": 1} extra', 'SW_JSON_SYNTAX', 1],
    ['', 'SW_JSON_TRUNCATED', 1],
  ])('reports %j as a coded issue with file and position', (text, code, line) => {
    const r = parsePyJson(text, 'results/m/d_0.json');
    expect(r.value).toBeUndefined();
    expect(r.issues[0]).toMatchObject({ code, file: 'results/m/d_0.json', line });
    expect(r.issues[0]!.col).toBeGreaterThan(0);
  });
});
