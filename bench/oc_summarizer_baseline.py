"""What a user runs instead of shardwise: OpenCompass's DefaultSummarizer with PR #2451 (docs/opencompass.md §8.2),
reduced to the steps that touch the run, for bench/run.ts to time on the same synthetic run.

Per model × dataset, as `_pick_up_results` with the PR's `_load_result` does: the unsplit `results/<m>/<abbr>.json`
if it exists, else the shards found by `glob(escape(root) + '_*.json')` with an all-digit suffix, contiguous from 0,
each `json.load`ed whole (mmengine.load; `details` included), weighted by `_opencompass_meta.num_samples` or
`len(details)`, every numeric key the weighted mean (alphabetical, as the PR emits them); then `details` and
`_opencompass_meta` popped, the metric lists, the version column (sha256 of the sorted `infer_cfg` JSON, as
get_prompt_hash), the table printed, and summary_<ts>.txt/.csv/.md written. mmengine and tabulate are not
imported (their import costs ~0.5 s and is not the summarizer's work): the timing favours this side.

usage: python3 oc_summarizer_baseline.py <run-dir> <inputs.json> <out-dir> <time-str>
inputs.json: {"models": [abbr, ...], "datasets": [{"abbr": ..., "infer_cfg": {...}}, ...]}
"""
import glob
import hashlib
import json
import os
import os.path as osp
import sys

METRIC_WHITELIST = ['score', 'auc_score', 'accuracy', 'humaneval_pass@1', 'rouge1', 'avg_toxicity_score', 'bleurt_diff', 'matthews_correlation', 'truth', 'f1', 'exact_match', 'extract_rate']
METRIC_BLACKLIST = ['bp', 'sys_len', 'ref_len', 'type']
META = '_opencompass_meta'


def load(path):
    with open(path, encoding='utf-8') as f:
        return json.load(f)


def shard_count(result):
    meta = result.get(META)
    if isinstance(meta, dict) and isinstance(meta.get('num_samples'), int):
        return meta['num_samples']
    details = result.get('details')
    if isinstance(details, list):
        return len(details)
    if isinstance(details, dict):
        rest = [v for k, v in details.items() if k != 'type']
        if not rest:
            return 0
        if all(isinstance(v, dict) for v in rest):
            return len(rest)
        lists = [v for v in rest if isinstance(v, list)]
        if len(rest) == 1 and len(lists) == 1:
            return len(lists[0])
    return None


def load_result(root):
    """The PR's `_load_result`: the unsplit file, else its contiguous shards combined."""
    path = root + '.json'
    if osp.exists(path):
        return load(path)
    found = {}
    for p in glob.glob(glob.escape(root) + '_*' + '.json'):
        suffix = p[len(root) + 1:-len('.json')]
        if suffix.isdigit():
            found[int(suffix)] = p
    if not found:
        return None
    indices = sorted(found)
    if indices != list(range(indices[-1] + 1)):
        return None
    shards = [load(found[i]) for i in indices]
    for i, s in zip(indices, shards):
        if 'error' in s:
            return {'error': f'{found[i]}: {s["error"]}'}
    counts = [shard_count(s) for s in shards]
    if any(c is None for c in counts) or sum(counts) <= 0:
        return None
    skip = METRIC_BLACKLIST + [META, 'details']
    keys = None
    for s in shards:
        numeric = {k for k, v in s.items() if k not in skip and isinstance(v, (int, float))}
        keys = numeric if keys is None else keys & numeric
    if not keys:
        return None
    total = sum(counts)
    merged = {k: sum(s[k] * c for s, c in zip(shards, counts)) / total for k in sorted(keys)}
    merged[META] = {'num_samples': total}
    return merged


def table_text(table):
    widths = [max(len(row[i]) for row in table) for i in range(len(table[0]))]
    numeric = [all(r[i] == '-' or r[i].replace('.', '', 1).lstrip('-').isdigit() for r in table[1:]) for i in range(len(widths))]
    fmt = lambda row: '  '.join(c.rjust(w) if n else c.ljust(w) for c, w, n in zip(row, widths, numeric)).rstrip()
    return '\n'.join([fmt(table[0]), '  '.join('-' * w for w in widths)] + [fmt(r) for r in table[1:]])


def main(run_dir, inputs_file, out_dir, time_str):
    inputs = load(inputs_file)
    models, datasets = inputs['models'], inputs['datasets']
    raw, parsed, metrics = {}, {}, {}
    for m in models:
        raw[m], parsed[m] = {}, {}
        for d in datasets:
            abbr = d['abbr']
            result = load_result(osp.join(run_dir, 'results', m, abbr))
            if result is None:
                continue
            result.pop('details', None)
            result.pop(META, None)
            raw[m][abbr] = result
            if 'error' in result:
                continue
            rst = {k: v for k, v in result.items() if k not in METRIC_BLACKLIST and isinstance(v, (int, float))}
            if not rst:
                continue
            dm = sorted(rst, key=lambda i: METRIC_WHITELIST.index(i) if i in METRIC_WHITELIST else len(METRIC_WHITELIST))
            assert metrics.setdefault(abbr, dm) == dm, f'{abbr} has different metrics'
            parsed[m][abbr] = rst
    version = {d['abbr']: hashlib.sha256(json.dumps(d['infer_cfg'], sort_keys=True).encode()).hexdigest()[:6] for d in datasets}
    table = [['dataset', 'version', 'metric', 'mode'] + models]
    for d in datasets:
        abbr = d['abbr']
        if abbr not in metrics:
            table.append([abbr, '-', '-', '-'] + ['-'] * len(models))
            continue
        metric = metrics[abbr][0]
        table.append([abbr, version[abbr], metric, 'gen'] + ['{:.02f}'.format(parsed[m][abbr][metric]) if abbr in parsed[m] else '-' for m in models])
    raw_txt = '\n'.join(line for m in models for line in ['-' * 31, f'Model: {m}'] + [f'{a}: {raw[m].get(a, "{}")}' for a in [d['abbr'] for d in datasets]])
    text = table_text(table)
    csv = '\n'.join(','.join(row) for row in table) + '\n'
    md = '| ' + ' | '.join(table[0]) + ' |\n|' + ' | '.join('-----' for _ in table[0]) + '|\n' + ''.join('| ' + ' | '.join(r) + ' |\n' for r in table[1:])
    print(text)
    os.makedirs(out_dir, exist_ok=True)
    with open(osp.join(out_dir, f'summary_{time_str}.txt'), 'w', encoding='utf-8') as f:
        f.write(f'{time_str}\n{text}\n\n{csv}\n{md}\n{raw_txt}\n')
    with open(osp.join(out_dir, f'summary_{time_str}.csv'), 'w', encoding='utf-8') as f:
        f.write(csv)
    with open(osp.join(out_dir, f'summary_{time_str}.md'), 'w', encoding='utf-8') as f:
        f.write(md)
    print(f'\n\nThe markdown format results is as below:\n\n{md}')


if __name__ == '__main__':
    main(*sys.argv[1:5])
