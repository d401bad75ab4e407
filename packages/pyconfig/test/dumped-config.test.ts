import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { dig, PyDict, PyTuple } from '@shardwise/core';
import { readConfig } from '@shardwise/pyconfig';
import { pythonNamespace, tagged } from './support/tagged-value.js';

const dumped = fileURLToPath(new URL('./fixtures/dumped/configs/20240611_103012_48213.py', import.meta.url));

describe('dumped configs (configs/<ts>_<pid>.py)', () => {
  it('read back to exactly the values python3 gets from the same file', async () => {
    const result = await readConfig(dumped);
    expect(result.issues).toEqual([]);
    expect(tagged(result.namespace!)).toEqual(pythonNamespace(dumped));
    expect(result.files).toEqual([dumped]);
  });

  it('keep Python types: int vs float, tuples, int dict keys, big ints, dotted type strings', async () => {
    const ns = (await readConfig(dumped)).namespace!;
    const model = (ns.get('models') as PyDict[])[0]!;
    expect(model.get('threshold')).toBe(80);
    expect(typeof model.get('threshold')).toBe('number');
    expect(model.get('batch_size')).toBe(8n);
    expect(model.get('max_seq_len')).toBe(10n ** 20n);
    expect(model.get('stop_words')).toBeInstanceOf(PyTuple);
    const template = dig((ns.get('datasets') as PyDict[])[1], 'infer_cfg', 'prompt_template', 'template') as PyDict;
    expect([...template.keys()]).toEqual([0n, 1n, 'A-B']);
    expect(dig(ns.get('infer') as PyDict, 'partitioner', 'type')).toBe('opencompass.partitioners.NumWorkerPartitioner');
    expect(ns.get('escapes')).toBe("quote ' and \\ back \x07 bell é é");
  });
});
