import { posix } from 'node:path';
import { dig, isDict, pyStr, sequenceItems, type PyDict, type PyValue } from '@shardwise/core';

/** A Python value that names a type: dotted strings as dumped configs hold them (lazy refs already resolved). */
export function typeName(v: PyValue | undefined): string | undefined {
  if (typeof v === 'string') return v;
  if (v !== null && typeof v === 'object' && 'dotted' in v) return v.dotted;
  return undefined;
}

/** Last dotted segment: `opencompass.partitioners.NumWorkerPartitioner` → `NumWorkerPartitioner`. */
export function lastSegment(dotted: string): string {
  return dotted.slice(dotted.lastIndexOf('.') + 1);
}

/**
 * `model_abbr_from_cfg` (docs/opencompass.md §1.3): a list/tuple joins its members' abbrs with `_`; `abbr` is used
 * verbatim; otherwise `type_` + the last two segments of `realpath(path)`, `/` → `_`. realpath resolves against the
 * launch folder, which only the caller knows (`launchDir`); symlinks cannot be followed from here.
 */
export function modelAbbr(cfg: PyValue, launchDir = '/'): string | undefined {
  const members = sequenceItems(cfg);
  if (members) {
    const parts = members.map((m) => modelAbbr(m, launchDir));
    return parts.every((p): p is string => p !== undefined) ? parts.join('_') : undefined;
  }
  if (!isDict(cfg)) return undefined;
  if (cfg.has('abbr')) return pyStr(cfg.get('abbr') ?? null);
  const type = typeName(cfg.get('type'));
  const path = cfg.get('path');
  if (type === undefined || typeof path !== 'string') return undefined;
  const tail = posix.resolve(launchDir, path).split('/').slice(-2).join('/');
  return `${type}_${tail}`.replaceAll('/', '_');
}

/** `dataset_abbr_from_cfg`: `abbr`, else `path` + `_name`, `/` → `_` (path is not realpath-ed). */
export function datasetAbbr(cfg: PyDict): string | undefined {
  if (cfg.has('abbr')) return pyStr(cfg.get('abbr') ?? null);
  const path = cfg.get('path');
  if (path === undefined) return undefined;
  const name = cfg.get('name');
  const text = pyStr(path) + (name === undefined ? '' : `_${pyStr(name)}`);
  return text.replaceAll('/', '_');
}

/** Column header of the summary table: a truthy `summarizer_abbr`, else the real abbr. */
export function headerAbbr(cfg: PyDict, abbr: string): string {
  const s = dig(cfg, 'summarizer_abbr');
  return typeof s === 'string' && s !== '' ? s : abbr;
}
