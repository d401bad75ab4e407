import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PyDict, RunTree } from '@shardwise/core';
import { DeferredValue, materialized, readResultObject, readResultTop, stringifyPyJson } from '@shardwise/merge';
import { readDumpLayout } from '../../packages/merge/src/dump-layout.js';
import { result } from '../fuzz/result-arbitraries.js';
import { tempDir } from '../support/temp-dir.js';

/** What OpenCompass's `mmengine.dump(result, path, ensure_ascii=False, indent=4)` does: json.dump, no trailing newline. */
const REDUMP = `
import json, os, sys
src, dst = sys.argv[1], sys.argv[2]
for name in os.listdir(src):
    with open(os.path.join(src, name), encoding='utf-8') as f:
        obj = json.load(f)
    with open(os.path.join(dst, name), 'w', encoding='utf-8') as f:
        json.dump(obj, f, ensure_ascii=False, indent=4)
`;

const view = (read: { value?: PyDict; issues: unknown[] }) => {
  const d = read.value?.get('details');
  return {
    issues: read.issues,
    deferred: d instanceof DeferredValue ? { length: d.length } : 'built',
    value: read.value ? stringifyPyJson(materialized(read.value)) : undefined,
  };
};

describe('result files as Python writes them', () => {
  it('json.dump(indent=4, ensure_ascii=False) writes the bytes python-json.ts writes; the layout read of them is the exact read', () => {
    const root = tempDir('sw-layout-py-');
    const src = join(root, 'src');
    const run = join(root, 'run');
    mkdirSync(src);
    mkdirSync(join(run, 'results', 'm'), { recursive: true });
    // Python keeps one value per key: no duplicates here (dump-layout.fuzz.test.ts covers them).
    const samples = fc.sample(result, { seed: 20261205, numRuns: 300 });
    samples.forEach((r, i) => writeFileSync(join(src, `r${i}.json`), stringifyPyJson(r)));
    execFileSync('python3', ['-c', REDUMP, src, join(run, 'results', 'm')]);
    const names = readdirSync(src).sort();
    expect(names).toHaveLength(300);
    for (const name of names) expect(readFileSync(join(run, 'results', 'm', name))).toEqual(readFileSync(join(src, name)));
    const tree = new RunTree(run);
    const rel = (name: string) => `results/m/${name}`;
    for (const name of names) {
      const exact = readResultObject(tree, rel(name), { defer: (k) => k === 'details' });
      expect(view(readResultTop(tree, rel(name)))).toEqual(view(exact));
    }
    // Most of them are read by their layout (the others: a details dict, a list not of dicts, an empty object).
    const taken = names.filter((name) => readDumpLayout(readFileSync(join(src, name)), 'details', (n) => n) instanceof PyDict);
    expect(taken.length).toBeGreaterThan(200);
  });
});
