import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { predictionRows } from '@shardwise/plan';

const file = (text: string) => {
  const f = join(mkdtempSync(join(tmpdir(), 'sw-rows-')), 'p.json');
  writeFileSync(f, text);
  return f;
};

describe('prediction rows: top-level keys "0".."N-1"', () => {
  it.each([
    ['nested values, escaped quotes and brackets inside strings', '{"0": {"prediction": "a \\"}\\" [x", "gold": ["1", {"k": 2}]}, "1": {"prediction": "\\\\"}}', 2],
    ['NaN and Infinity tokens in values', '{\n    "0": {"PPL": NaN},\n    "1": {"PPL": Infinity}\n}', 2],
    ['keys out of order after a resume', '{"1": {}, "0": {}, "2": {}}', 3],
    ['an empty file object', '{}', 0],
  ])('%s', (_, text, rows) => {
    expect(predictionRows(file(text))).toEqual({ ok: true, rows, bytes: Buffer.byteLength(text) });
  });
  it.each([
    ['a key gap (eval would raise KeyError)', '{"0": {}, "2": {}}'],
    ['a duplicate key', '{"0": {}, "0": {}}'],
    ['a truncated file', '{"0": {"prediction": "x"}, "1": '],
    ['a list at the top level', '[{"prediction": "x"}]'],
  ])('refuses %s', (_, text) => {
    expect(predictionRows(file(text)).ok).toBe(false);
  });
});
