import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RunTree } from '@shardwise/core';
import { PredictionCounts, predictionRows, resolveSizes } from '@shardwise/plan';
import { datasetEntry, experimentOf, model } from '../fixtures/merge/split-run.js';
import { tempDir } from '../support/temp-dir.js';

const OK: [string, string, number][] = [
  [
    'nested values, escaped quotes and brackets inside strings',
    '{"0": {"prediction": "a \\"}\\" [x", "gold": ["1", {"k": 2}]}, "1": {"prediction": "\\\\"}}',
    2,
  ],
  ['NaN and Infinity tokens in values', '{\n    "0": {"PPL": NaN},\n    "1": {"PPL": Infinity}\n}', 2],
  ['keys out of order after a resume', '{"1": {}, "0": {}, "2": {}}', 3],
  ['a value string that looks like a key', '{"0": {"prediction": "\\": 1, \\"0\\": "}, "1": {"k": "\\"1\\":"}}', 2],
  ['an empty file object', '{}', 0],
];
const REFUSED: [string, string][] = [
  ['a key gap (eval would raise KeyError)', '{"0": {}, "2": {}}'],
  ['a duplicate key', '{"0": {}, "0": {}}'],
  ['a duplicate key that JSON.parse would drop silently', '{"0": {}, "1": {"a": 1}, "1": {"a": 2}}'],
  ['a zero-padded key', '{"00": {}, "1": {}}'],
  ['a truncated file', '{"0": {"prediction": "x"}, "1": '],
  ['a list at the top level', '[{"prediction": "x"}]'],
];

describe('prediction rows: top-level keys "0".."N-1"', () => {
  it.each(OK)('%s', (_, text, rows) => {
    expect(predictionRows(text)).toEqual({ ok: true, rows });
  });
  it.each(REFUSED)('refuses %s', (_, text) => {
    expect(predictionRows(text).ok).toBe(false);
  });
});

describe('prediction counts: each file of a run read once, with its size', () => {
  const runDir = tempDir('sw-rows-');
  mkdirSync(join(runDir, 'predictions', 'm1'), { recursive: true });
  const text = '{\n    "0": {"prediction": "ünï"},\n    "1": {"prediction": "b"}\n}';
  writeFileSync(join(runDir, 'predictions', 'm1', 'x_0.json'), text);

  it('counts a file, knows its bytes, and answers a second time without reading', () => {
    const counts = new PredictionCounts(new RunTree(runDir));
    expect(counts.bytesOf('predictions/m1/x_0.json')).toBeUndefined();
    expect(counts.count('predictions/m1/x_0.json')).toEqual({ ok: true, rows: 2, bytes: Buffer.byteLength(text) });
    // A rewrite after the first count is not seen: one command reads one snapshot of the run.
    writeFileSync(join(runDir, 'predictions', 'm1', 'x_0.json'), '{}');
    expect(counts.count('predictions/m1/x_0.json')).toEqual({ ok: true, rows: 2, bytes: Buffer.byteLength(text) });
    expect(counts.bytesOf('predictions/m1/x_0.json')).toBe(Buffer.byteLength(text));
  });

  it("counts a file in json.dump's indent=4 layout (read off its bytes) and a file that is not UTF-8", () => {
    const dumped = '{\n    "0": {\n        "prediction": "ünï"\n    },\n    "1": {\n        "prediction": "b"\n    }\n}';
    writeFileSync(join(runDir, 'predictions', 'm1', 'y_0.json'), dumped);
    writeFileSync(join(runDir, 'predictions', 'm1', 'y_1.json'), Buffer.from([0x7b, 0xff, 0x7d]));
    const counts = new PredictionCounts(new RunTree(runDir));
    expect(counts.count('predictions/m1/y_0.json')).toEqual({ ok: true, rows: 2, bytes: Buffer.byteLength(dumped) });
    expect(counts.count('predictions/m1/y_1.json')).toEqual({ issue: expect.objectContaining({ code: 'SW_FILE_UNREADABLE' }) });
  });

  it('a file the listing lacks is missing', () => {
    expect(new PredictionCounts(new RunTree(runDir)).count('predictions/m1/x_1.json')).toEqual({ missing: true });
    expect(new PredictionCounts(new RunTree(runDir)).count('predictions/m2/x_0.json')).toEqual({ missing: true });
  });
});

describe('the sizes step counts through the shared PredictionCounts', () => {
  it("takes an unsplit size from the first model that has one and reads no other model's file; check and merge reuse the count", () => {
    const runDir = tempDir('sw-sizes-');
    for (const m of ['m1', 'm2']) {
      mkdirSync(join(runDir, 'predictions', m), { recursive: true });
      writeFileSync(join(runDir, 'predictions', m, 'x.json'), '{"0": {}, "1": {}, "2": {}}');
    }
    const counts = new PredictionCounts(new RunTree(runDir));
    const { sizes } = resolveSizes(experimentOf([model('m1'), model('m2')], [datasetEntry({ abbr: 'x' })]), { counts });
    expect(sizes).toEqual([{ dataset: 'x', size: 3, source: 'predictions', file: join(runDir, 'predictions', 'm1', 'x.json') }]);
    expect(counts.has('predictions/m1/x.json')).toBe(true);
    expect(counts.has('predictions/m2/x.json')).toBe(false);
  });
});
