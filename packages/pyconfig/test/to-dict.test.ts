import { mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PyDict, PyTuple, type PyValue } from '@shardwise/core';
import { readConfig, type ConfigReadResult } from '@shardwise/pyconfig';
import { tempDir } from '../../../test/support/temp-dir.js';

/**
 * The result of readConfig is mmengine's to_dict: a tree that shares no container, with plain dicts and
 * dotted type strings, however the evaluated namespace aliased its values (the conversion reuses the
 * namespace's containers, so these are the properties it must keep).
 */
const dir = tempDir('shardwise-to-dict-');

async function read(name: string, text: string, base?: string): Promise<ConfigReadResult> {
  const folder = mkdtempSync(join(dir, `${name}-`));
  if (base !== undefined) writeFileSync(join(folder, 'shared_base.py'), base);
  writeFileSync(join(folder, 'config.py'), text);
  return readConfig(join(folder, 'config.py'), { cwd: folder });
}

const dict = (v: PyValue | undefined): PyDict => {
  expect(v).toBeInstanceOf(PyDict);
  return v as PyDict;
};

describe('to_dict of the evaluated namespace', () => {
  it('gives every alias of a container its own copy', async () => {
    const result = await read(
      'aliases',
      `rc = dict(input_columns=['q'])
a = dict(abbr='a', reader_cfg=rc)
b = dict(abbr='b', reader_cfg=rc)
pair = [a, a]
nested = (rc, [rc])
`,
    );
    expect(result.issues).toEqual([]);
    const ns = result.namespace!;
    const rc = dict(ns.get('rc'));
    const a = dict(ns.get('a'));
    const pair = ns.get('pair') as PyValue[];
    const nested = ns.get('nested') as PyTuple;
    const containers = [
      rc,
      a,
      dict(ns.get('b')),
      a.get('reader_cfg'),
      dict(ns.get('b')).get('reader_cfg'),
      pair[0],
      pair[1],
      nested.items[0],
      (nested.items[1] as PyValue[])[0],
    ];
    expect(new Set(containers).size).toBe(containers.length);
    expect(new Set([rc.get('input_columns'), dict(a.get('reader_cfg')).get('input_columns')]).size).toBe(2);
    dict(pair[0]).set('abbr', 'changed');
    expect(dict(pair[1]).get('abbr')).toBe('a');
    expect(a.get('abbr')).toBe('a');
    expect(pair[1]).toEqual(a);
  });

  it('turns dicts imported through read_base into plain dicts and lazy types into dotted strings, tuples included', async () => {
    const result = await read(
      'boundary',
      `from mmengine.config import read_base
with read_base():
    from .shared_base import cfg

cfg['extra'] = dict(kinds=(cfg['type'], 1))
`,
      `from opencompass.openicl.icl_evaluator import AccEvaluator
cfg = dict(type=AccEvaluator, inner=dict(type=AccEvaluator))
`,
    );
    expect(result.issues).toEqual([]);
    const cfg = dict(result.namespace!.get('cfg'));
    const dotted = 'opencompass.openicl.icl_evaluator.AccEvaluator';
    for (const d of [cfg, dict(cfg.get('inner')), dict(cfg.get('extra'))]) expect(Object.getPrototypeOf(d)).toBe(PyDict.prototype);
    expect(cfg.get('type')).toBe(dotted);
    expect(dict(cfg.get('inner')).get('type')).toBe(dotted);
    expect((dict(cfg.get('extra')).get('kinds') as PyTuple).items).toEqual([dotted, 1n]);
  });

  it('replaces the inner reference of a list that contains itself by None under every name, and reports each', async () => {
    const result = await read(
      'cycle',
      `loop = [1, dict(k=2)]
loop.append(loop)
again = loop
holder = dict(inner=loop)
`,
    );
    expect(result.issues.map((i) => i.code)).toEqual(['SW_PY_NOT_SERIALIZABLE', 'SW_PY_NOT_SERIALIZABLE', 'SW_PY_NOT_SERIALIZABLE']);
    const ns = result.namespace!;
    const expected = [1n, new PyDict([['k', 2n]]), null];
    expect(ns.get('loop')).toEqual(expected);
    expect(ns.get('again')).toEqual(expected);
    expect(dict(ns.get('holder')).get('inner')).toEqual(expected);
    expect(ns.get('again')).not.toBe(ns.get('loop'));
  });
});
