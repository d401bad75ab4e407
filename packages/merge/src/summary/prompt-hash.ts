import { createHash } from 'node:crypto';
import { PyDict, type PyValue } from '@shardwise/core';
import { pythonJsonDumpsSorted } from '../py-json.js';

/** Deep copy of dicts and lists so the hash's rewrites never touch the caller's config. */
function clone(v: PyValue): PyValue {
  if (v instanceof PyDict) return new PyDict([...v].map(([k, x]) => [k, clone(x)] as const));
  if (Array.isArray(v)) return v.map(clone);
  return v;
}

/**
 * OpenCompass `get_prompt_hash(dataset_cfg)[:6]` (docs/opencompass.md §7.5): the legacy reader_cfg rewrite,
 * fix_id_list moved from the retriever to the inferencer, then sha256 of json.dumps(infer_cfg,
 * sort_keys=True). Throws when infer_cfg or its retriever is missing (OpenCompass raises too).
 */
export function promptHash(datasetConfig: PyDict): string {
  const infer = clone(datasetConfig.get('infer_cfg') ?? null);
  if (!(infer instanceof PyDict)) throw new TypeError('the dataset has no infer_cfg');
  const reader = datasetConfig.get('reader_cfg');
  const innerReader = infer.get('reader_cfg');
  if (innerReader !== undefined) {
    const r = reader instanceof PyDict ? reader : new PyDict();
    infer.set(
      'reader',
      new PyDict([
        ['type', 'DatasetReader'],
        ['input_columns', r.get('input_columns') ?? null],
        ['output_column', r.get('output_column') ?? null],
      ]),
    );
    const retriever = infer.get('retriever');
    if (innerReader instanceof PyDict && retriever instanceof PyDict) {
      if (innerReader.has('train_split')) retriever.set('index_split', innerReader.get('train_split')!);
      if (innerReader.has('test_split')) retriever.set('test_split', innerReader.get('test_split')!);
    }
    for (const child of infer.values()) {
      const t = child instanceof PyDict ? child.get('type') : undefined;
      if (child instanceof PyDict && typeof t === 'string') child.set('type', t.split('.').pop()!);
    }
  }
  const retriever = infer.get('retriever');
  if (!(retriever instanceof PyDict)) throw new TypeError('infer_cfg has no retriever');
  if (retriever.has('fix_id_list')) {
    const ids = retriever.get('fix_id_list')!;
    retriever.delete('fix_id_list');
    const inferencer = infer.get('inferencer');
    if (inferencer instanceof PyDict) inferencer.set('fix_id_list', ids);
  }
  return createHash('sha256').update(pythonJsonDumpsSorted(infer), 'utf8').digest('hex').slice(0, 6);
}
