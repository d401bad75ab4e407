_tasks = ['logic', 'memory', 'reasoning']
_langs = ['cn', 'en']


def _make(task, lang, shots=0):
    return dict(
        abbr=f'charm-{task}-{lang}' + (f'-{shots}shot' if shots else ''),
        reader_cfg=dict(input_columns=['input'], output_column='target'),
        infer_cfg=dict(inferencer=dict(max_out_len=512 if lang == 'en' else 1024)),
        path=f'data/CHARM/{lang}/{task}',
    )


charm_datasets = [_make(t, l) for t in _tasks for l in _langs] + [_make('logic', 'cn', shots=3)]
n_charm = len(charm_datasets)
del _make
