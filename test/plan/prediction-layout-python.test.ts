import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pyJsonText } from '@shardwise/core';
import { layoutRows, predictionRows } from '@shardwise/plan';
import { tempDir } from '../support/temp-dir.js';
import { dumped, predictions } from './prediction-files.js';

/*
 * The files the layout reading vouches for are the ones Python writes: each object goes to python3 as compact
 * JSON and comes back as a file written the way OpenCompass writes predictions (icl_base_inferencer's
 * dump_results_dict: open(..., 'w', encoding='utf-8') and json.dump(..., indent=4, ensure_ascii=False)).
 * The same bytes are what the unit tests write with pyJsonText, which this checks too.
 */
const DUMP = [
  'import json, sys',
  'folder = sys.argv[1]',
  'for i, line in enumerate(open(folder + "/in.jsonl", encoding="utf-8")):',
  '    with open(f"{folder}/{i}.json", "w", encoding="utf-8") as f:',
  '        json.dump(json.loads(line), f, indent=4, ensure_ascii=False)',
].join('\n');

describe("prediction files as Python's json.dump writes them", () => {
  it('are read off their layout, with the rows the text scan counts, and are the bytes pyJsonText writes', () => {
    const objs = fc.sample(predictions, { seed: 20261205, numRuns: 300 });
    const dir = tempDir('sw-layout-');
    writeFileSync(join(dir, 'in.jsonl'), objs.map((o) => pyJsonText(o) + '\n').join(''));
    execFileSync('python3', ['-c', DUMP, dir]);
    objs.forEach((obj, i) => {
      const bytes = readFileSync(join(dir, `${i}.json`));
      expect(bytes).toEqual(dumped(obj));
      expect(layoutRows(bytes)).toBe(obj.size);
      expect(predictionRows(bytes.toString('utf8'))).toEqual({ ok: true, rows: obj.size });
    });
  });
});
