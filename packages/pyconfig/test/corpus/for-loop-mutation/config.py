datasets = [
    dict(abbr='a', reader_cfg=dict(input_columns=['q'])),
    dict(abbr='b', reader_cfg=dict(input_columns=['q'])),
    dict(abbr='c', infer_cfg=dict(inferencer=dict(max_out_len=100))),
]
for d in datasets:
    d['abbr'] = 'demo_' + d['abbr']
    if 'reader_cfg' in d:
        d['reader_cfg']['test_range'] = '[0:4]'
    else:
        d['infer_cfg']['inferencer']['max_out_len'] = 8192
for i, d in enumerate(datasets, start=1):
    d['index'] = i
total = 0
for i in range(10):
    if i == 2:
        continue
    if i > 5:
        break
    total += i
else:
    total = -1
for a, (b, c) in [(1, (2, 3))]:
    pass
